// Why a run stopped, in words: the lab's own sentence for a failed run, an explanation for the others.

import type { RunStatus } from '../../main/api/contract';
import { describeEngineMessage } from '../i18n/problems';
import { pagesText, useI18n } from '../i18n/useI18n';

export function FailureNotice({ status, failure }: { status: RunStatus; failure: string | null }) {
  const { t, lang } = useI18n(pagesText);
  if (status === 'failed') {
    return (
      <div className="pg-notice pg-notice-error" role="alert" data-testid="dashboard.failure">
        <strong>{t('dashboard.failedTitle')}</strong>
        <p>{failure !== null ? describeEngineMessage(lang, failure) : t('dashboard.failedUnknown')}</p>
        <p className="muted">{t('dashboard.failedHint')}</p>
      </div>
    );
  }
  return (
    <div className="pg-notice pg-notice-info" data-testid="dashboard.notice">
      <strong>{status === 'interrupted' ? t('dashboard.interruptedTitle') : t('dashboard.cancelledTitle')}</strong>
      <p>{status === 'interrupted' ? t('dashboard.interruptedText') : t('dashboard.cancelledText')}</p>
    </div>
  );
}
