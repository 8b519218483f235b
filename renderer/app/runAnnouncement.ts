// What a screen reader is told when a run ends, wherever the learner is: finished, finished with a
// loss that blew up or never came down, failed (with the lab's sentence), stopped, interrupted. Pure,
// so both languages are tested without a page; RunAnnouncer.tsx puts the words in a live region.

import type { RunEvent } from '../../main/api/contract';
import { describeRunWarning, runWarningTitle } from '../charts/runWarning';
import { describeEngineMessage } from '../i18n/problems';
import { translate, type Lang } from '../i18n/translate';

export interface Announcement {
  text: string;
  /** Said at once (role="alert"): the run failed or diverged. Otherwise said when the reader is free. */
  urgent: boolean;
}

/** The announcement for one run event, or null for the events nobody needs to hear (progress, a start). */
export function announcementOf(lang: Lang, event: RunEvent): Announcement | null {
  if (event.type !== 'status') return null;
  const id = event.runId;
  switch (event.status) {
    case 'done':
      return event.warning
        ? {
            text: translate(lang, 'announce.diverged', { id, title: runWarningTitle(lang, event.warning), warning: describeRunWarning(lang, event.warning) }),
            urgent: true,
          }
        : { text: translate(lang, 'announce.done', { id }), urgent: false };
    case 'failed':
      return {
        text: translate(lang, 'announce.failed', {
          id,
          reason: event.failure ? describeEngineMessage(lang, event.failure) : translate(lang, 'dashboard.failedUnknown'),
        }),
        urgent: true,
      };
    case 'cancelled':
      return { text: translate(lang, 'announce.cancelled', { id }), urgent: false };
    case 'interrupted':
      return { text: translate(lang, 'announce.interrupted', { id }), urgent: false };
    case 'queued':
    case 'running':
    case 'paused':
      return null;
  }
}
