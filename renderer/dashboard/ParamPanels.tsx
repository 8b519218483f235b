// Live looks inside the network while it learns: the first layer's filters as pictures (polled twice a
// second from the shared buffers) and a histogram of every layer's weights (polled every few seconds —
// big layers are megabytes). After training both show the final weights once.

import { useCallback, useMemo, useState } from 'react';
import type { ParamSnapshot } from '../../main/api/contract';
import type { LayerPlan } from '../../engine/model';
import { lab } from '../api/lab';
import { ChartCard } from '../charts/ChartCard';
import { seriesColor } from '../charts/chartTheme';
import { histogram, type Histogram } from '../charts/histogram';
import { HistogramChart } from '../charts/HistogramChart';
import { weightImages, type RgbaImage } from '../charts/imageData';
import { PixelImage } from '../charts/PixelImage';
import { usePolling } from '../live/usePolling';
import { useText } from '../live/useText';

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
      <FiltersPanel runId={runId} first={weights[0]} inputShape={inputShape} running={running} />
      <HistogramsPanel runId={runId} names={weights.map((w) => w.name)} types={weights.map((w) => w.type)} running={running} />
    </div>
  );
}

interface FirstWeights {
  name: string;
  type: string;
  shape: readonly number[];
}

function FiltersPanel({ runId, first, inputShape, running }: { runId: number; first: FirstWeights; inputShape: readonly number[]; running: boolean }) {
  const { t } = useText();
  const [images, setImages] = useState<RgbaImage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pictured = first.type === 'conv' || (first.type === 'affine' && inputShape.length === 3 && inputShape[0] === 1);
  const poll = useCallback(async () => {
    if (!pictured) return;
    try {
      const [w] = await lab.readParams(runId, [first.name]);
      setImages(weightImages(w.shape, w.data, inputShape, first.type === 'conv' ? 64 : 32));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [runId, first, inputShape, pictured]);
  usePolling(poll, FILTER_POLL_MS, running && pictured);
  const size = first.type === 'conv' ? 44 : 56;
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
        <div className="pg-filter-grid" style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${size}px, 1fr))` }}>
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

function HistogramsPanel({ runId, names, types, running }: { runId: number; names: string[]; types: string[]; running: boolean }) {
  const { t } = useText();
  const [hists, setHists] = useState<{ snapshot: Pick<ParamSnapshot, 'name' | 'shape'>; histogram: Histogram }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poll = useCallback(async () => {
    try {
      const params = await lab.readParams(runId, names);
      setHists(params.map((p) => ({ snapshot: { name: p.name, shape: p.shape }, histogram: histogram(p.data, 40) })));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [runId, names]);
  usePolling(poll, HISTOGRAM_POLL_MS, running);
  return (
    <ChartCard
      title={t('dashboard.histograms.title')}
      subtitle={t('dashboard.histograms.subtitle')}
      testId="dashboard.histograms"
      actions={running ? <span className="pg-live-tag">{t('pages.live')}</span> : undefined}
    >
      {error && !hists && <p className="muted pg-panel-note">{error}</p>}
      {!hists && !error && <div className="pg-skeleton pg-skeleton-block" />}
      {hists && (
        <div className="pg-histogram-list">
          {hists.map((h, i) => (
            <HistogramChart key={h.snapshot.name} name={`${h.snapshot.name} · ${types[i] ?? ''}`} shape={h.snapshot.shape} histogram={h.histogram} color={seriesColor(i)} />
          ))}
        </div>
      )}
    </ChartCard>
  );
}
