// The two live curves side by side; each subscribes to its own topic of the live store.

import { AccuracyChart } from '../charts/AccuracyChart';
import { ChartCard } from '../charts/ChartCard';
import { TEST_COLOR, TRAIN_COLOR } from '../charts/chartTheme';
import { LossChart } from '../charts/LossChart';
import { SeriesLegend } from '../charts/SeriesLegend';
import { useLiveEpochs, useLiveLosses } from '../live/useLive';
import { useText } from '../live/useText';

export function LiveCharts({ runId, epochsTotal }: { runId: number; epochsTotal: number }) {
  return (
    <div className="pg-grid-2">
      <LossPanel runId={runId} />
      <AccuracyPanel runId={runId} epochsTotal={epochsTotal} />
    </div>
  );
}

function LossPanel({ runId }: { runId: number }) {
  const { t } = useText();
  const points = useLiveLosses(runId);
  return (
    <ChartCard title={t('chart.lossTitle')} subtitle={t('chart.lossSubtitle')} testId="chart.loss" pngName={`run-${runId}-loss.png`}>
      {points.length ? <LossChart points={points} /> : <ChartPlaceholder text={t('chart.waitingLoss')} />}
    </ChartCard>
  );
}

function AccuracyPanel({ runId, epochsTotal }: { runId: number; epochsTotal: number }) {
  const { t } = useText();
  const epochs = useLiveEpochs(runId);
  const legend = [
    { name: t('chart.train'), color: TRAIN_COLOR },
    { name: t('chart.test'), color: TEST_COLOR, dashed: true },
  ];
  return (
    <ChartCard title={t('chart.accuracyTitle')} subtitle={t('chart.accuracySubtitle')} testId="chart.accuracy" pngName={`run-${runId}-accuracy.png`} legend={legend} actions={<SeriesLegend items={legend} inline />}>
      {epochs.length ? <AccuracyChart epochs={epochs} epochsTotal={epochsTotal} /> : <ChartPlaceholder text={t('chart.waitingEpoch')} />}
    </ChartCard>
  );
}

export function ChartPlaceholder({ text }: { text: string }) {
  return (
    <div className="pg-chart-placeholder">
      <span className="pg-spinner" aria-hidden="true" />
      {text}
    </div>
  );
}
