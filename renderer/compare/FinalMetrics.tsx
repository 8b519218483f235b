// Where each run ended: final accuracies and loss, epochs, time, status — the best test accuracy marked.

import type { RunSummary } from '../../main/api/contract';
import { formatAccuracy, formatClock, formatLoss } from '../charts/format';
import { StatusBadge } from '../charts/StatusBadge';
import { runNameText } from '../i18n/runName';
import { pagesText, useI18n } from '../i18n/useI18n';
import type { CompareSeries } from './CompareChart';

export function FinalMetrics({ runs, series }: { runs: RunSummary[]; series: CompareSeries[] }) {
  const { t, lang } = useI18n(pagesText);
  const best = Math.max(...runs.map((r) => r.testAcc ?? -1));
  return (
    <section className="pg-card" data-testid="compare.metrics">
      <header className="pg-card-head">
        <h3 className="pg-card-title">{t('compare.metricsTitle')}</h3>
      </header>
      <div className="pg-table-scroll">
        <table className="pg-table">
          <thead>
            <tr>
              <th>{t('compare.run')}</th>
              <th>{t('runs.col.status')}</th>
              <th className="pg-num">{t('compare.trainAcc')}</th>
              <th className="pg-num">{t('compare.testAcc')}</th>
              <th className="pg-num">{t('compare.testLoss')}</th>
              <th className="pg-num">{t('runs.col.epochs')}</th>
              <th className="pg-num">{t('runs.col.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run, i) => (
              <tr key={run.id} data-testid={`compare.metrics.${run.id}`}>
                <th scope="row">
                  <span className="pg-series-dot" style={{ background: series[i]?.color }} />
                  {runNameText(lang, run.name)} <span className="pg-run-id">#{run.id}</span>
                </th>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td className="pg-num">{formatAccuracy(run.trainAcc)}</td>
                <td className={`pg-num ${run.testAcc !== null && run.testAcc === best ? 'pg-best' : ''}`}>{formatAccuracy(run.testAcc)}</td>
                <td className="pg-num">{formatLoss(run.testLoss)}</td>
                <td className="pg-num">
                  {run.epochsDone} / {run.epochsTotal}
                </td>
                <td className="pg-num">{run.durationMs !== null ? formatClock(run.durationMs / 1000) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
