// The best trials so far, ranked by their last validation accuracy as the book prints them ("Best-1
// (val acc:0.83) | lr:0.0092, weight decay:3.86e-07"), each with its validation curve drawn small.

import { shortScientific } from '../../../engine/labs/search';
import { openRun } from '../../app/navigation';
import { formatAccuracy } from '../../charts/format';
import { useI18n } from '../../i18n/useI18n';
import type { TrialResult } from './results';
import { hyperparamsText } from './text';

const SPARK_W = 96;
const SPARK_H = 30;

export function BestTrials({ ranked, failed }: { ranked: readonly TrialResult[]; failed: number }) {
  const { t } = useI18n(hyperparamsText);
  return (
    <section className="pg-card" data-testid="lab.hyperparams.best">
      <header className="pg-card-head">
        <div>
          <h3>{t('bestTitle')}</h3>
          <p className="muted">{t('bestSubtitle')}</p>
        </div>
      </header>
      {failed > 0 ? (
        <p className="muted" data-testid="lab.hyperparams.failed">
          {t('failedNote', { count: failed })}
        </p>
      ) : null}
      {ranked.length === 0 ? (
        <p className="muted">{t('bestEmpty')}</p>
      ) : (
        <div className="hp-best-wrap">
          <table className="pg-table lab-table hp-best">
            <thead>
              <tr>
                <th className="pg-num">{t('rank')}</th>
                <th className="pg-num">{t('lr')}</th>
                <th className="pg-num">{t('weightDecay')}</th>
                <th className="pg-num">{t('validationAcc')}</th>
                <th>{t('curve')}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((r, i) => (
                <tr key={r.runId} data-testid={`lab.hyperparams.best.${i + 1}`} data-run-id={r.runId}>
                  <td className="pg-num">{i + 1}</td>
                  <td className="pg-num mono" data-testid={`lab.hyperparams.best.${i + 1}.lr`}>
                    {r.lr === null ? '—' : shortScientific(r.lr)}
                  </td>
                  <td className="pg-num mono" data-testid={`lab.hyperparams.best.${i + 1}.wd`}>
                    {r.weightDecay === null ? '—' : shortScientific(r.weightDecay)}
                  </td>
                  <td className="pg-num" data-testid={`lab.hyperparams.best.${i + 1}.acc`}>
                    <button type="button" className="hp-link" onClick={() => openRun(r.runId)}>
                      {formatAccuracy(r.validationAcc)}
                    </button>
                  </td>
                  <td>
                    <Sparkline values={r.curve} label={t('curveLabel', { name: r.label })} testId={`lab.hyperparams.best.${i + 1}.curve`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Accuracy per epoch on a fixed 0…1 scale, so the curves of different trials compare at a glance. */
function Sparkline({ values, label, testId }: { values: readonly number[]; label: string; testId: string }) {
  const n = values.length;
  const x = (i: number) => (n <= 1 ? SPARK_W / 2 : 2 + (i / (n - 1)) * (SPARK_W - 4));
  const y = (v: number) => 2 + (1 - Math.min(1, Math.max(0, v))) * (SPARK_H - 4);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg
      className="hp-spark"
      width={SPARK_W}
      height={SPARK_H}
      viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={n}
    >
      <line x1={0} x2={SPARK_W} y1={y(1)} y2={y(1)} className="hp-spark-top" />
      <line x1={0} x2={SPARK_W} y1={y(0)} y2={y(0)} className="hp-spark-base" />
      {n > 1 ? <polyline points={points} className="hp-spark-line" /> : null}
      {n > 0 ? <circle cx={x(n - 1)} cy={y(values[n - 1]!)} r={2.5} className="hp-spark-end" /> : null}
    </svg>
  );
}
