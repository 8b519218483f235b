// Two live regions, visually hidden, present from the start (a region added with its text is not read):
// a polite one for a run that finished or was stopped, an assertive one for a run that failed or diverged.

import { useEffect, useState } from 'react';
import { lab } from '../api/lab';
import { getLanguage } from '../i18n/language';
import { announcementOf } from './runAnnouncement';

export function RunAnnouncer() {
  const [said, setSaid] = useState({ polite: '', urgent: '' });
  useEffect(
    () =>
      lab.onRunEvent((event) => {
        const announcement = announcementOf(getLanguage(), event);
        if (announcement) setSaid((s) => (announcement.urgent ? { ...s, urgent: announcement.text } : { ...s, polite: announcement.text }));
      }),
    [],
  );
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="announce.status">
        {said.polite}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" data-testid="announce.alert">
        {said.urgent}
      </div>
    </>
  );
}
