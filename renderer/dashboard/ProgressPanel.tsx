// The progress bar and the numbers under it: iteration, epoch, samples per second, time left, and the
// latest (when done: final) test accuracy — or validation accuracy, for a run that holds validation data out. Reads the live store; re-renders at most ~10 times a second.

import type { RunStatus } from '../../main/api/contract';
import { formatAccuracy, formatClock, formatCount, formatLoss } from '../charts/format';
import { isLive } from '../live/runStatus';
import { useLiveEpochs, useLiveProgress } from '../live/useLive';
import { pagesText, useI18n } from '../i18n/useI18n';
import type { EvaluatedOn } from './evaluatedOn';
import { cardEpoch } from './progressNumbers';

export interface ProgressPanelProps {
  runId: number;
  status: RunStatus;
  epochsTotal: number;
  /** What the run's "test" figures were measured on. */
  evaluatedOn?: EvaluatedOn;
}

export function ProgressPanel({ runId, status, epochsTotal, evaluatedOn = 'test' }: ProgressPanelProps) {
  const { t, locale } = useI18n(pagesText);
  const progress = useLiveProgress(runId);
  const iteration = progress?.iteration ?? 0;
  const total = progress?.iterationsTotal ?? 0;
  const fraction = total > 0 ? Math.min(1, iteration / total) : 0;
  const live = isLive(status);
  // Counted from the iteration shown, as the top bar counts it: the two never disagree at an epoch's edge.
  const epoch = cardEpoch(iteration, total, epochsTotal, live);
  // After an epoch's last step the workers measure it (seconds on MNIST): said in words, not as a full bar and 0:00.
  const measuring = live && progress?.measuringEpoch != null;
  const measuringText = t(evaluatedOn === 'validation' ? 'dashboard.measuringValidation' : 'dashboard.measuringTest');
  return (
    <section className="pg-card pg-progress-card" aria-label={t('dashboard.progress')}>
      <div className="pg-progress-top">
        <span className="pg-progress-percent">{(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%</span>
        <span className="muted" data-testid="dashboard.phase">
          {status === 'paused' ? t('dashboard.pausedHint') : status === 'queued' ? t('dashboard.queuedHint') : measuring ? measuringText : ''}
        </span>
      </div>
      <div
        className={`pg-progress pg-progress-${status}`}
        role="progressbar"
        aria-label={t('dashboard.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        data-testid="dashboard.progress"
      >
        <div className="pg-progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <dl className="pg-stats">
        <div>
          <dt>{t('dashboard.iteration')}</dt>
          <dd data-testid="dashboard.iteration">
            {formatCount(iteration, locale)} <span className="muted">/ {formatCount(total, locale)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.epoch')}</dt>
          <dd data-testid="dashboard.epoch">
            {epoch} <span className="muted">/ {epochsTotal}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.loss')}</dt>
          <dd data-testid="dashboard.loss">{formatLoss(progress?.loss)}</dd>
        </div>
        <div>
          <dt>{t('dashboard.speed')}</dt>
          <dd data-testid="dashboard.speed">
            {live && progress?.samplesPerSecond ? (
              <>
                {formatCount(progress.samplesPerSecond, locale)}
                <span className="pg-unit"> {t('dashboard.samplesPerSecond')}</span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.eta')}</dt>
          <dd data-testid="dashboard.eta">{measuring ? '—' : live ? formatClock(progress?.etaSeconds) : status === 'done' ? t('dashboard.etaDone') : '—'}</dd>
        </div>
        <FinalAccuracy runId={runId} done={!live} evaluatedOn={evaluatedOn} measuringText={measuring ? measuringText : null} />
      </dl>
    </section>
  );
}

function FinalAccuracy({ runId, done, evaluatedOn, measuringText }: { runId: number; done: boolean; evaluatedOn: EvaluatedOn; measuringText: string | null }) {
  const { t } = useI18n(pagesText);
  const epochs = useLiveEpochs(runId);
  const last = epochs.length ? epochs[epochs.length - 1] : null;
  return (
    <div className="pg-stat-accent">
      <dt data-testid="dashboard.finalTestAcc.label">
        {evaluatedOn === 'validation'
          ? done
            ? t('dashboard.finalValidationAcc')
            : t('dashboard.latestValidationAcc')
          : done
            ? t('dashboard.finalTestAcc')
            : t('dashboard.latestTestAcc')}
      </dt>
      <dd data-testid="dashboard.finalTestAcc">{last || !measuringText ? formatAccuracy(last?.testAcc) : <span className="muted">{measuringText}</span>}</dd>
    </div>
  );
}
