// A lab's settings outlive a visit to another page: the learner who sets a gradient check to 250
// entries, looks at the Train page and comes back finds 250 there, not the default again. They are kept
// in sessionStorage, so for as long as the app (or the browser tab) stays open — the next learner at a
// classroom PC starts from the book's defaults, as the first one did. A stored value is used only when
// it has the default's shape, or, for a choice among fixed options, when `accept` takes it: anything
// else, from an older version of the lab or edited by hand, is ignored and the default used.

import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

const PREFIX = 'dlab.lab.';

/** What is used of the page's sessionStorage. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The storage of this page, or null where there is none (tests in Node, storage switched off). */
function storage(): KeyValueStore | null {
  try {
    return (globalThis as { sessionStorage?: KeyValueStore }).sessionStorage ?? null;
  } catch {
    return null; // a browser that refuses storage throws on access
  }
}

/** Whether `value` has the shape of `like`: the same kind of value, arrays and objects field by field. */
export function sameShape(value: unknown, like: unknown): boolean {
  if (Array.isArray(like)) return Array.isArray(value) && (like.length === 0 || value.every((v) => sameShape(v, like[0])));
  if (like !== null && typeof like === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(like);
    return (
      Object.keys(value).length === keys.length &&
      keys.every((k) => k in value && sameShape((value as Record<string, unknown>)[k], (like as Record<string, unknown>)[k]))
    );
  }
  if (typeof like === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === typeof like;
}

/** Says whether a stored value may stand for the setting: one of its options, say. */
export type Accept = (value: unknown) => boolean;

/** The value kept under `key` if `accept` takes it (default: if it has the default's shape); else the default. */
export function recall<T>(key: string, initial: T, accept?: Accept, store = storage()): T {
  const text = store?.getItem(PREFIX + key);
  if (text == null) return initial;
  try {
    const value: unknown = JSON.parse(text);
    return (accept ? accept(value) : sameShape(value, initial)) ? (value as T) : initial;
  } catch {
    return initial;
  }
}

export function keep(key: string, value: unknown, store = storage()): void {
  try {
    store?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or refused: the setting lasts as long as the page, as before
  }
}

/**
 * useState whose value is kept under `key` (e.g. "gradcheck.batch") for the rest of the session. Like
 * useState, `initial` may be a function that computes the default (called once).
 */
export function useRemembered<T>(key: string, initial: T | (() => T), accept?: Accept): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => recall(key, typeof initial === 'function' ? (initial as () => T)() : initial, accept));
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((current) => {
        const value = typeof next === 'function' ? (next as (c: T) => T)(current) : next;
        keep(key, value);
        return value;
      }),
    [key],
  );
  return [value, set];
}
