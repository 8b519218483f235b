// Runs side by side: loss and accuracy curves overlaid (one colour per run), the settings that differ,
// and where each run ended. The comparison exports as CSV, each chart as PNG.

import '../app/pages.css';
import './compare.css';
import { useEffect, useMemo, useState } from 'react';
import type { Comparison, EpochMetric } from '../../main/api/contract';
import { DATA_FILES_PATH } from '../../main/api/constants';
import { lab } from '../api/lab';
import { accuracyFloor, seriesColor } from '../charts/chartTheme';
import { comparisonToCsv } from '../charts/csv';
import { saveText } from '../charts/download';
import { formatAccuracy, formatLoss, formatTick } from '../charts/format';
import { Deferred } from '../charts/Deferred';
import { SeriesLegend } from '../charts/SeriesLegend';
import { niceScale, tickLabeller } from '../charts/ticks';
import { runNameText } from '../i18n/runName';
import { pagesText, useI18n } from '../i18n/useI18n';
import { CompareChart, type CompareSeries } from './CompareChart';
import { FinalMetrics } from './FinalMetrics';
import { SettingsTable } from './SettingsTable';
import { settingRows, toChartRows, type SettingRow } from './settings';
import { messageOf } from '../api/messageOf';

export interface ComparePageProps {
  runIds: number[];
}

const CHART_POINTS = 240;
type EpochValues = Omit<EpochMetric, 'epoch'>;

export function ComparePage({ runIds }: ComparePageProps) {
  const { t, lang } = useI18n(pagesText);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [settings, setSettings] = useState<SettingRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The ids' contents, not the array's identity, decide when to fetch again.
  const key = runIds.join(',');
  const ids = useMemo(() => key.split(',').filter(Boolean).map(Number), [key]);

  useEffect(() => {
    if (ids.length < 2) return;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clears the previous answer when the request changes, before the new one is asked for
    setComparison(null);
    setSettings(null);
    setError(null);
    lab.compareRuns(ids, CHART_POINTS).then(
      async (c) => {
        if (cancelled) return;
        setComparison(c);
        const details = await Promise.all(c.runs.map((r) => lab.getRun(r.id, 2)));
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the cleanup sets `cancelled` while getRun is awaited
        if (cancelled) return;
        const rows = settingRows(
          details.map((d) => ({ id: d.id, experiment: d.experiment })),
          c.differences.map((d) => d.path),
        );
        // What differs outside the experiments (the contents of the data files they read) comes as the house says it.
        // (Only those: an experiment's own path the rows leave out on purpose, such as its name, stays out.)
        const outside = c.differences.filter((d) => d.path === DATA_FILES_PATH).map((d) => ({ path: d.path, values: d.values, differs: true }));
        setSettings([...rows, ...outside]);
      },
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [ids]);

  const series: CompareSeries[] = useMemo(
    () => (comparison?.runs ?? []).map((r, i) => ({ id: r.id, name: `${runNameText(lang, r.name)} #${r.id}`, color: seriesColor(i) })),
    [comparison, lang],
  );
  const charts = useMemo(() => {
    if (!comparison) return null;
    const ids = comparison.runs.map((r) => r.id);
    const epochRows = comparison.epochs.map((e) => ({ x: e.epoch, values: e.values }));
    const trainAcc = toChartRows<EpochValues>(epochRows, ids, (v) => v.trainAcc, 'epoch');
    const testAcc = toChartRows<EpochValues>(epochRows, ids, (v) => v.testAcc, 'epoch');
    const loss = toChartRows<number>(
      comparison.losses.map((l) => ({ x: l.iteration, values: l.values })),
      ids,
      (v) => v,
      'iteration',
    );
    const accValues = comparison.epochs.flatMap((e) => Object.values(e.values).flatMap((v) => (v ? [v.trainAcc, v.testAcc] : [])));
    const lossValues = comparison.losses.flatMap((l) => Object.values(l.values).filter((v): v is number => v !== null));
    const lastEpoch = comparison.epochs.length ? comparison.epochs[comparison.epochs.length - 1]!.epoch : 1;
    const epochStep = Math.max(1, Math.ceil(lastEpoch / 10));
    const epochTicks = Array.from({ length: Math.ceil(lastEpoch / epochStep) }, (_, i) => 1 + i * epochStep);
    const accScale = niceScale(accuracyFloor(accValues), 1, 5);
    return {
      trainAcc,
      testAcc,
      loss,
      accScale,
      accLabel: tickLabeller(accScale.ticks),
      epochScale: { min: 1, max: Math.max(2, lastEpoch), ticks: epochTicks },
      lossScale: niceScale(Math.min(0, ...lossValues), Math.max(0, ...lossValues), 5),
      iterationScale: niceScale(0, comparison.losses.length ? comparison.losses[comparison.losses.length - 1]!.iteration : 1, 6),
    };
  }, [comparison]);

  if (runIds.length < 2) {
    return (
      <div className="pg page" data-testid="compare">
        <div className="pg-empty" data-testid="compare.empty">
          <h2>{t('compare.emptyTitle')}</h2>
          <p className="muted">{t('compare.emptyText')}</p>
        </div>
      </div>
    );
  }
  if (error) {
    return (
      <div className="pg page" data-testid="compare">
        <div className="pg-notice pg-notice-error" role="alert">
          {error}
        </div>
      </div>
    );
  }
  if (!comparison || !charts) {
    return (
      <div className="pg page" data-testid="compare" aria-busy="true">
        <div className="pg-skeleton pg-skeleton-head" />
        <div className="pg-skeleton pg-skeleton-block" />
      </div>
    );
  }

  const exportCsv = () =>
    saveText('csv', `comparison-${comparison.runs.map((r) => r.id).join('-')}.csv`, comparisonToCsv(comparison)).catch((e: unknown) => setError(messageOf(e)));
  const pngBase = `comparison-${comparison.runs.map((r) => r.id).join('-')}`;

  return (
    <div className="pg page pg-compare" data-testid="compare">
      <header className="pg-page-head">
        <div>
          <h2>{t('compare.title')}</h2>
          <p className="muted">{t('compare.subtitle', { count: comparison.runs.length })}</p>
        </div>
        <div className="pg-button-row">
          <button type="button" className="btn" onClick={() => void exportCsv()} data-testid="compare.exportCsv">
            {t('compare.exportCsv')}
          </button>
        </div>
      </header>
      <section className="pg-card pg-compare-legend" data-testid="compare.legend" aria-label={t('compare.legend')}>
        <SeriesLegend items={series} />
      </section>
      <CompareChart
        title={t('compare.lossTitle')}
        subtitle={t('compare.lossSubtitle')}
        testId="compare.chart.loss"
        pngName={`${pngBase}-loss.png`}
        data={charts.loss}
        xKey="iteration"
        xLabel={t('chart.iteration')}
        yLabel={t('chart.lossAxis')}
        xScale={charts.iterationScale}
        yScale={charts.lossScale}
        series={series}
        tickFormat={formatTick}
        format={formatLoss}
      />
      <Deferred stage={1} height={380}>
        <div className="pg-grid-2">
          <CompareChart
            title={t('compare.trainAccTitle')}
            testId="compare.chart.trainAcc"
            pngName={`${pngBase}-train-accuracy.png`}
            data={charts.trainAcc}
            xKey="epoch"
            xLabel={t('chart.epoch')}
            yLabel={t('chart.accuracyAxis')}
            xScale={charts.epochScale}
            yScale={charts.accScale}
            series={series}
            tickFormat={charts.accLabel}
            format={formatAccuracy}
            dots
          />
          <CompareChart
            title={t('compare.testAccTitle')}
            testId="compare.chart.testAcc"
            pngName={`${pngBase}-test-accuracy.png`}
            data={charts.testAcc}
            xKey="epoch"
            xLabel={t('chart.epoch')}
            yLabel={t('chart.accuracyAxis')}
            xScale={charts.epochScale}
            yScale={charts.accScale}
            series={series}
            tickFormat={charts.accLabel}
            format={formatAccuracy}
            dots
          />
        </div>
      </Deferred>
      <Deferred stage={2} height={200}>
        <FinalMetrics runs={comparison.runs} series={series} />
      </Deferred>
      {settings ? (
        <Deferred stage={3} height={200}>
          <SettingsTable rows={settings} series={series} />
        </Deferred>
      ) : (
        <div className="pg-skeleton pg-skeleton-block" />
      )}
    </div>
  );
}
