// Live looks inside the network while it learns: the first layer's filters as pictures (polled twice a
// second from the shared buffers) and a histogram of every layer's weights (polled every few seconds;
// a layer too big to stream is read when the panel opens and when training stops). After training
// both show the final weights once.

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LayerPlan } from '../../engine/model';
import { lab } from '../api/lab';
import { ChartCard } from '../charts/ChartCard';
import { Deferred } from '../charts/Deferred';
import { seriesColor } from '../charts/chartTheme';
import type { Histogram } from '../charts/histogram';
import { HistogramChart } from '../charts/HistogramChart';
import { weightImages, type RgbaImage } from '../charts/imageData';
import { PixelImage } from '../charts/PixelImage';
import { usePolling } from '../live/usePolling';
import { pagesText, useI18n } from '../i18n/useI18n';

const FILTER_POLL_MS = 500;
const HISTOGRAM_POLL_MS = 3000;

export interface ParamPanelsProps {
  runId: number;
  plan: readonly LayerPlan[];
  inputShape: readonly number[];
  running: boolean;
  hasWeights: boolean;
}

export function ParamPanels({ runId, plan, inputShape, running, hasWeights }: ParamPanelsProps) {
  const weights = useMemo(
    () => plan.flatMap((layer) => layer.params.filter((p) => p.key === 'W').map((p) => ({ name: p.name, type: layer.type, shape: p.shape }))),
    [plan],
  );
  if ((!running && !hasWeights) || weights.length === 0) return null;
  return (
    <div className="pg-grid-2">
      <FiltersPanel runId={runId} first={weights[0]!} inputShape={inputShape} running={running} />
      <Deferred stage={1} height={300}>
        <HistogramsPanel runId={runId} weights={weights} running={running} />
      </Deferred>
    </div>
  );
}

interface FirstWeights {
  name: string;
  type: string;
  shape: readonly number[];
}

function FiltersPanel({ runId, first, inputShape, running }: { runId: number; first: FirstWeights; inputShape: readonly number[]; running: boolean }) {
  const { t } = useI18n(pagesText);
  const [images, setImages] = useState<RgbaImage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pictured = first.type === 'conv' || (first.type === 'affine' && inputShape.length === 3 && inputShape[0] === 1);
  const poll = useCallback(async () => {
    if (!pictured) return;
    try {
      const w = (await lab.readParams(runId, [first.name]))[0]!;
      setImages(weightImages(w.shape, w.data, inputShape, first.type === 'conv' ? 64 : 32));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [runId, first, inputShape, pictured]);
  usePolling(poll, FILTER_POLL_MS, running && pictured);
  const size = first.type === 'conv' ? 44 : 56;
  // Full rows, like the book's 3 × 10 grid of 30 filters: as many rows as 12 columns need, then even columns.
  const count = images?.length ?? 0;
  const columns = count <= 12 ? Math.max(1, count) : Math.ceil(count / Math.ceil(count / 12));
  return (
    <ChartCard
      title={first.type === 'conv' ? t('dashboard.filters.titleConv', { name: first.name }) : t('dashboard.filters.titleAffine', { name: first.name })}
      subtitle={first.type === 'conv' ? t('dashboard.filters.subtitleConv') : t('dashboard.filters.subtitleAffine')}
      testId="dashboard.filters"
      actions={running ? <span className="pg-live-tag">{t('pages.live')}</span> : undefined}
    >
      {!pictured && <p className="muted pg-panel-note">{t('dashboard.filters.notImages')}</p>}
      {pictured && error && !images && <p className="muted pg-panel-note">{error}</p>}
      {pictured && images && (
        <div className="pg-filter-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, ${size * 1.6}px))` }}>
          {images.map((image, i) => (
            <div key={i} className="pg-filter-cell" data-testid={`dashboard.filters.${i}`}>
              <PixelImage image={image} size={size} title={`${first.name}[${i}]`} />
            </div>
          ))}
        </div>
      )}
      {pictured && !images && !error && <div className="pg-skeleton pg-skeleton-block" />}
    </ChartCard>
  );
}

interface WeightInfo {
  name: string;
  type: string;
  shape: readonly number[];
}

type HistogramEntry = { shape: readonly number[]; histogram: Histogram };

function HistogramsPanel({ runId, weights, running }: { runId: number; weights: WeightInfo[]; running: boolean }) {
  const { t } = useI18n(pagesText);
  const [hists, setHists] = useState<Record<string, HistogramEntry>>({});
  const [error, setError] = useState<string | null>(null);
  const names = useMemo(() => weights.map((w) => w.name), [weights]);

  // The histograms are computed where the weights live (main reads the shared buffers in place), so
  // even SimpleConvNet's 432,000-value W2 costs the window only forty bins per poll.
  const read = useCallback(async () => {
    if (names.length === 0) return;
    try {
      const fresh: Record<string, HistogramEntry> = {};
      for (const p of await lab.readParamHistograms(runId, names, 40)) fresh[p.name] = { shape: p.shape, histogram: p.histogram };
      setHists(fresh);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [runId, names]);
  usePolling(read, HISTOGRAM_POLL_MS, running);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read() asks the house; its answer sets the state
    void read();
  }, [read, running]);

  const shown = weights.filter((w) => hists[w.name]);
  return (
    <ChartCard
      title={t('dashboard.histograms.title')}
      subtitle={t('dashboard.histograms.subtitle')}
      testId="dashboard.histograms"
      actions={running ? <span className="pg-live-tag">{t('pages.live')}</span> : undefined}
    >
      {error && shown.length === 0 && <p className="muted pg-panel-note">{error}</p>}
      {shown.length === 0 && !error && <div className="pg-skeleton pg-skeleton-block" />}
      {shown.length > 0 && (
        <div className="pg-histogram-list">
          {shown.map((w) => (
            <HistogramChart
              key={w.name}
              name={`${w.name} · ${w.type}`}
              shape={hists[w.name]!.shape}
              histogram={hists[w.name]!.histogram}
              color={seriesColor(weights.indexOf(w))}
            />
          ))}
        </div>
      )}
    </ChartCard>
  );
}
