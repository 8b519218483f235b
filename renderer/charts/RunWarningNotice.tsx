// A run that ended but blew up on the way, told in words beside its status: on the dashboard when it
// ends, and in the runs list's details panel (compact: the sentence without the hint).

import type { RunWarning } from '../../main/api/contract';
import { pagesText, useI18n } from '../i18n/useI18n';
import { describeRunWarning, runWarningTitle } from './runWarning';

export function RunWarningNotice({ warning, testId, compact = false }: { warning: RunWarning; testId: string; compact?: boolean }) {
  const { t, lang } = useI18n(pagesText);
  return (
    <div className={`pg-notice pg-notice-warning${compact ? ' pg-small' : ''}`} role="status" data-testid={testId} data-code={warning.code}>
      <strong>{runWarningTitle(lang, warning)}</strong>
      <p>{describeRunWarning(lang, warning)}</p>
      {!compact && <p className="muted">{t('runWarning.hint')}</p>}
    </div>
  );
}
