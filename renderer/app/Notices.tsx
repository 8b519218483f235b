// The corner messages of notices.ts, announced politely to screen readers; Escape closes the newest.

import { useEffect } from 'react';
import { useI18n } from '../i18n/useI18n';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './Icons';
import { dismissNewestNotice, dismissNotice, notices } from './notices';
import { useStore } from './store';

export function Notices() {
  const { t } = useI18n();
  const list = useStore(notices, (n) => n);
  const any = list.length > 0;
  useEffect(() => {
    if (!any) return;
    const onKey = (event: KeyboardEvent) => {
      // A dialog's own Escape comes first.
      if (
        event.key !== 'Escape' ||
        event.defaultPrevented ||
        (event.target instanceof Element && event.target.closest('dialog, [role="dialog"], [role="alertdialog"]'))
      )
        return;
      if (dismissNewestNotice()) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [any]);
  return (
    <div className="notices" aria-live="polite" aria-relevant="additions">
      {list.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid={`notice.${notice.tone}`}
        >
          <span className="notice__icon">
            {notice.tone === 'error' ? <AlertIcon size={18} /> : notice.tone === 'success' ? <CheckIcon size={18} /> : <InfoIcon size={18} />}
          </span>
          <div className="notice__body">
            <strong>{notice.title}</strong>
            {notice.detail && <p>{notice.detail}</p>}
          </div>
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--small"
            data-testid="notice.close"
            aria-label={t('action.dismiss')}
            onClick={() => dismissNotice(notice.id)}
          >
            <CloseIcon size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
