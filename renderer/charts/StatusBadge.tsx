// A run's status as a coloured badge with its word, in every list and header.

import type { RunStatus } from '../../main/api/contract';
import { pagesText, useI18n } from '../i18n/useI18n';

export function StatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const { t } = useI18n(pagesText);
  return (
    <span className={`pg-badge pg-status-${status}`} data-testid={testId} data-status={status}>
      {(status === 'running' || status === 'queued') && <span className="pg-badge-dot" aria-hidden="true" />}
      {t(`runStatus.${status}`)}
    </span>
  );
}
