// The two live curves side by side; each subscribes to its own topic of the live store.

import { AccuracyChart } from '../charts/AccuracyChart';
import { ChartCard } from '../charts/ChartCard';
import { Deferred } from '../charts/Deferred';
import { TEST_COLOR, TRAIN_COLOR } from '../charts/chartTheme';
import { formatAccuracy, formatLoss } from '../charts/format';
import { LossChart } from '../charts/LossChart';
import { SeriesLegend } from '../charts/SeriesLegend';
import { useLiveEpochs, useLiveLosses } from '../live/useLive';
import { pagesText, useI18n } from '../i18n/useI18n';
import type { EvaluatedOn } from './evaluatedOn';

export interface LiveChartsProps {
  runId: number;
  epochsTotal: number;
  iterationsTotal: number;
  /** Still training: an empty chart is waiting, not empty for good. */
  live: boolean;
  /** What the run's "test" curve was measured on. */
  evaluatedOn?: EvaluatedOn;
}

export function LiveCharts({ runId, epochsTotal, iterationsTotal, live, evaluatedOn = 'test' }: LiveChartsProps) {
  return (
    <div className="pg-grid-2">
      <LossPanel runId={runId} iterationsTotal={iterationsTotal} live={live} />
      <Deferred stage={1} height={334}>
        <AccuracyPanel runId={runId} epochsTotal={epochsTotal} live={live} evaluatedOn={evaluatedOn} />
      </Deferred>
    </div>
  );
}

function LossPanel({ runId, iterationsTotal, live }: { runId: number; iterationsTotal: number; live: boolean }) {
  const { t } = useI18n(pagesText);
  const points = useLiveLosses(runId);
  const last = points.at(-1);
  const table = { columns: [t('chart.iteration'), t('chart.loss')], rows: points.map((p) => [String(p.iteration), formatLoss(p.loss)]) };
  return (
    <ChartCard
      title={t('chart.lossTitle')}
      subtitle={t('chart.lossSubtitle')}
      testId="chart.loss"
      pngName={`run-${runId}-loss.png`}
      table={table}
      summary={last && t('chart.lossSummary', { iteration: last.iteration, loss: formatLoss(last.loss) })}
    >
      {points.length ? (
        <LossChart points={points} iterationsTotal={iterationsTotal} />
      ) : (
        <ChartPlaceholder text={live ? t('chart.waitingLoss') : t('chart.noLoss')} waiting={live} />
      )}
    </ChartCard>
  );
}

function AccuracyPanel({ runId, epochsTotal, live, evaluatedOn }: { runId: number; epochsTotal: number; live: boolean; evaluatedOn: EvaluatedOn }) {
  const { t } = useI18n(pagesText);
  const epochs = useLiveEpochs(runId);
  const measuredOn = evaluatedOn === 'validation' ? t('chart.validation') : t('chart.test');
  const legend = [
    { name: t('chart.train'), color: TRAIN_COLOR },
    { name: measuredOn, color: TEST_COLOR, dashed: true },
  ];
  const table = {
    columns: [t('chart.epoch'), t('chart.train'), measuredOn],
    rows: epochs.map((m) => [String(m.epoch), formatAccuracy(m.trainAcc), formatAccuracy(m.testAcc)]),
  };
  const last = epochs.at(-1);
  const summary =
    last && t('chart.accuracySummary', { epoch: last.epoch, train: formatAccuracy(last.trainAcc), set: measuredOn, test: formatAccuracy(last.testAcc) });
  return (
    <ChartCard
      title={t('chart.accuracyTitle')}
      subtitle={evaluatedOn === 'validation' ? t('chart.accuracySubtitleValidation') : t('chart.accuracySubtitle')}
      testId="chart.accuracy"
      pngName={`run-${runId}-accuracy.png`}
      legend={legend}
      actions={<SeriesLegend items={legend} inline />}
      table={table}
      summary={summary}
    >
      {epochs.length ? (
        <AccuracyChart epochs={epochs} epochsTotal={epochsTotal} evaluatedOn={evaluatedOn} />
      ) : (
        <ChartPlaceholder text={live ? t('chart.waitingEpoch') : t('chart.noEpoch')} waiting={live} />
      )}
    </ChartCard>
  );
}

export function ChartPlaceholder({ text, waiting }: { text: string; waiting: boolean }) {
  return (
    <div className="pg-chart-placeholder">
      {waiting && <span className="pg-spinner" aria-hidden="true" />}
      {text}
    </div>
  );
}
