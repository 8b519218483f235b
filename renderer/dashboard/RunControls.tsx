// Start, pause, resume and stop. A run that has ended can be trained again with the same experiment
// (a new run, so the old one stays to compare with).

import { useState } from 'react';
import type { RunDetail, RunStatus } from '../../main/api/contract';
import { lab } from '../api/lab';
import { isLive } from '../live/runStatus';
import { pagesText, useI18n } from '../i18n/useI18n';

export interface RunControlsProps {
  detail: RunDetail;
  status: RunStatus;
  onOpenRun: (id: number) => void;
}

export function RunControls({ detail, status, onOpenRun }: RunControlsProps) {
  const { t } = useI18n(pagesText);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const id = detail.id;
  return (
    <div className="pg-run-controls">
      <div className="pg-button-row">
        {status === 'running' && (
          <button type="button" className="btn" disabled={busy} onClick={() => void act(() => lab.pauseRun(id))} data-testid="dashboard.pause">
            <span className="pg-icon" aria-hidden="true">
              ❚❚
            </span>{' '}
            {t('dashboard.pause')}
          </button>
        )}
        {status === 'paused' && (
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void act(() => lab.resumeRun(id))} data-testid="dashboard.resume">
            <span className="pg-icon" aria-hidden="true">
              ▶
            </span>{' '}
            {t('dashboard.resume')}
          </button>
        )}
        {isLive(status) && (
          <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void act(() => lab.cancelRun(id))} data-testid="dashboard.stop">
            <span className="pg-icon" aria-hidden="true">
              ■
            </span>{' '}
            {t('dashboard.stop')}
          </button>
        )}
        {!isLive(status) && (
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy}
            data-testid="dashboard.start"
            onClick={() => void act(async () => onOpenRun((await lab.startRun(detail.experiment, { name: detail.name })).runId))}
          >
            <span className="pg-icon" aria-hidden="true">
              ▶
            </span>{' '}
            {t('dashboard.trainAgain')}
          </button>
        )}
      </div>
      {error && (
        <p className="pg-error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
