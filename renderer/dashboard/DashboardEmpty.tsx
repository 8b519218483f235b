// No run open yet: say what to do next, and offer the book's convolutional network as a first run.

import { useState } from 'react';
import { lab } from '../api/lab';
import { pagesText, useI18n } from '../i18n/useI18n';
import { QUICK_START_EXPERIMENT } from './quickStart';

export function DashboardEmpty({ onOpenRun }: { onOpenRun: (id: number) => void }) {
  const { t } = useI18n(pagesText);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onOpenRun((await lab.startRun(QUICK_START_EXPERIMENT, { name: t('dashboard.empty.quickName') })).runId);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="pg page" data-testid="dashboard">
      <div className="pg-empty" data-testid="dashboard.empty">
        <div className="pg-empty-art" aria-hidden="true">
          <svg viewBox="0 0 120 72" width="120" height="72">
            <polyline
              points="4,10 20,30 36,42 52,50 68,55 84,58 100,60 116,61"
              fill="none"
              stroke="#2f6fed"
              strokeWidth="3"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
            <polyline
              points="4,64 20,40 36,28 52,22 68,18 84,16 100,15 116,14"
              fill="none"
              stroke="#f07b16"
              strokeWidth="3"
              strokeDasharray="6 4"
              strokeLinecap="round"
            />
          </svg>
        </div>
        <h2>{t('dashboard.empty.title')}</h2>
        <p className="muted">{t('dashboard.empty.text')}</p>
        <ol className="pg-empty-steps">
          <li>{t('dashboard.empty.step1')}</li>
          <li>{t('dashboard.empty.step2')}</li>
          <li>{t('dashboard.empty.step3')}</li>
        </ol>
        <div className="pg-button-row pg-center">
          <button type="button" className="btn btn--primary btn--large" onClick={() => void start()} disabled={busy} data-testid="dashboard.start">
            <span className="pg-icon" aria-hidden="true">
              ▶
            </span>{' '}
            {t('dashboard.empty.quickStart')}
          </button>
        </div>
        <p className="muted pg-small">{t('dashboard.empty.quickHint')}</p>
        {error && (
          <p className="pg-error-text" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
