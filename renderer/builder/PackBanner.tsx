// Above the builder while a student works on an assignment pack (r5-packs): which assignment, how many
// settings it locks, and the way out — leaving makes every setting editable again.

import { LockIcon } from '../app/Icons';
import { leavePack, packLock } from '../app/packLock';
import { useStore } from '../app/store';
import { useI18n } from '../i18n/useI18n';

export function PackBanner() {
  const { t, lang } = useI18n();
  const lock = useStore(packLock, (s) => s);
  if (lock === null) return null;
  return (
    <div className="pack-banner" role="status" data-testid="pack.banner">
      <LockIcon size={16} />
      <span>{t('pack.working', { title: lock.title[lang] || lock.title.en, count: lock.locked.length })}</span>
      <button type="button" className="btn btn--small" data-testid="pack.leave" onClick={leavePack}>
        {t('pack.leave')}
      </button>
    </div>
  );
}
