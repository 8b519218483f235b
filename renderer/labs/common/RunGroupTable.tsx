// The runs a lab started, as a table: label, status, epochs, final accuracies, a way to open each one
// on the Train page and to compare them all on the Compare page.

import type { RunSummary } from '../../../main/api/contract';
import { compareRuns, openRun } from '../../app/navigation';
import { formatAccuracy } from '../../charts/format';
import { commonText } from './commonText';
import { learningOf } from './learning';
import { learningText } from './learningText';
import { describeEngineMessage } from '../../i18n/problems';
import { labLabelOrName } from '../../i18n/runName';
import { useI18n } from '../../i18n/useI18n';
import type { UseRunGroup } from './useRunGroup';

export interface RunGroupTableProps {
  labId: string;
  group: UseRunGroup;
  /** The accuracy column of the evaluation split: "test" (default) or "validation". */
  evaluatedOn?: 'test' | 'validation';
  /**
   * A lab whose point is that some runs do not learn (initial weights) names them by label: such a run
   * that did not learn says so and why, instead of "failed" or "done" (learning.ts).
   */
  mayNotLearn?: (label: string) => boolean;
}

export function RunGroupTable({ labId, group, evaluatedOn = 'test', mayNotLearn }: RunGroupTableProps) {
  const { t, lang } = useI18n(commonText);
  const words = useI18n(learningText);
  const statusOf = (run: RunSummary) => {
    const label = group.labels[run.id];
    const learning = mayNotLearn && label !== undefined && mayNotLearn(label) ? learningOf(run) : null;
    if (learning && !learning.learned) return { text: words.t('didNotLearn'), why: words.t(`why.${learning.why}`), learned: false };
    return { text: t(`status.${run.status}`), why: run.failure ? describeEngineMessage(lang, run.failure) : undefined, learned: true };
  };
  const runs: RunSummary[] = group.runs;
  // Ended, whichever way: a failed or stopped run is finished too (its reason is on its status).
  const done = runs.filter((r) => !['queued', 'running', 'paused'].includes(r.status)).length;
  return (
    <section className="pg-card lab-runs" data-testid={`lab.${labId}.runs`}>
      <header className="pg-card-head">
        <div>
          <h3>{t('runsTitle')}</h3>
          <p className="muted">{group.starting ? t('starting') : runs.length ? t('progress', { done, total: runs.length }) : t('runsSubtitle')}</p>
        </div>
        {runs.length >= 2 ? (
          <button type="button" className="btn" onClick={() => compareRuns(runs.slice(0, 50).map((r) => r.id))} data-testid={`lab.${labId}.compare`}>
            {t('compareAll')}
          </button>
        ) : null}
      </header>
      {group.error ? (
        <div className="pg-notice pg-notice-error" role="alert" data-testid={`lab.${labId}.error`}>
          {group.error}
        </div>
      ) : null}
      {runs.length === 0 ? (
        <p className="muted lab-runs-empty">{t('runsEmpty')}</p>
      ) : (
        <table className="pg-table lab-table">
          <thead>
            <tr>
              <th>{t('runName')}</th>
              <th>{t('status')}</th>
              <th className="pg-num">{t('epochs')}</th>
              <th className="pg-num">{t('trainAcc')}</th>
              <th className="pg-num">{evaluatedOn === 'validation' ? t('validationAcc') : t('testAcc')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const status = statusOf(run);
              return (
                <tr key={run.id} data-testid={`lab.${labId}.run.${run.id}`} data-status={run.status} data-learned={status.learned ? undefined : 'no'}>
                  <td>{labLabelOrName(lang, group.labels[run.id], run.name)}</td>
                  <td title={status.why}>
                    {status.text}
                    {status.learned ? null : <span className="lab-why">{status.why}</span>}
                  </td>
                  <td className="pg-num">
                    {run.epochsDone}/{run.epochsTotal}
                  </td>
                  <td className="pg-num">{formatAccuracy(run.trainAcc)}</td>
                  <td className="pg-num" data-testid={`lab.${labId}.run.${run.id}.acc`}>
                    {formatAccuracy(run.testAcc)}
                  </td>
                  <td className="pg-num">
                    <button type="button" className="btn btn--small" onClick={() => openRun(run.id)}>
                      {t('openRun')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
