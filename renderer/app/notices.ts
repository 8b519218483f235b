// Short messages at the corner of the window: a file saved, a file refused, a run that could not start.
// Errors stay until dismissed; the rest fade after a few seconds.

import { createStore } from './store';

export type NoticeTone = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  tone: NoticeTone;
  title: string;
  detail?: string;
}

export const notices = createStore<Notice[]>([]);

let nextId = 1;
const AUTO_DISMISS_MS = 5000;

export function dismissNotice(id: number): void {
  notices.set((list) => list.filter((n) => n.id !== id));
}

export function notify(tone: NoticeTone, title: string, detail?: string): number {
  const id = nextId++;
  notices.set((list) => [...list.slice(-3), { id, tone, title, detail }]);
  if (tone !== 'error') setTimeout(() => dismissNotice(id), AUTO_DISMISS_MS);
  return id;
}

/** The sentence of an error that crossed a boundary (the lab's errors are already sentences). */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
