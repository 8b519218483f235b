// Short messages at the corner of the window: a file saved, a file refused, a run that could not start.
// Each belongs to the page it was raised on: it is shown only there and goes when the learner leaves
// that page. It closes by itself after a few seconds (an error a little later, to be read), with its
// close button, or with Escape.

import { navigation, type Page } from './navigation';
import { createStore } from './store';

export type NoticeTone = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  tone: NoticeTone;
  title: string;
  detail?: string;
  /** The page it was raised on. */
  page: Page;
}

export const notices = createStore<Notice[]>([]);

let nextId = 1;
const AUTO_DISMISS_MS = 5000;
const ERROR_AUTO_DISMISS_MS = 10_000;

export function dismissNotice(id: number): void {
  notices.set((list) => list.filter((n) => n.id !== id));
}

/** Closes the newest notice (Escape). True when there was one to close. */
export function dismissNewestNotice(): boolean {
  const list = notices.get();
  const newest = list[list.length - 1];
  if (!newest) return false;
  dismissNotice(newest.id);
  return true;
}

export function notify(tone: NoticeTone, title: string, detail?: string): number {
  const id = nextId++;
  const page = navigation.get().page;
  notices.set((list) => [...list.slice(-3), { id, tone, title, ...(detail !== undefined ? { detail } : {}), page }]);
  setTimeout(() => dismissNotice(id), tone === 'error' ? ERROR_AUTO_DISMISS_MS : AUTO_DISMISS_MS);
  return id;
}

// A notice does not follow the learner to another page: leaving its page closes it.
navigation.subscribe(() => {
  const page = navigation.get().page;
  if (notices.get().some((n) => n.page !== page)) notices.set((list) => list.filter((n) => n.page === page));
});

/** The sentence of an error that crossed a boundary (the lab's errors are already sentences). */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
