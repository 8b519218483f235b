// The chosen language: a tiny external store, remembered in localStorage, mirrored on <html lang>.
// First visit: the system's language if it is Korean, else English.

import type { Lang } from './translate';

const STORAGE_KEY = 'dlab.language';

type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function initialLanguage(): Lang {
  const stored = storage()?.getItem(STORAGE_KEY);
  if (stored === 'ko' || stored === 'en') return stored;
  const system = typeof navigator === 'undefined' ? '' : navigator.language;
  return system.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

let current: Lang = initialLanguage();

function mirror(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
mirror(current);

export function getLanguage(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    storage()?.setItem(STORAGE_KEY, lang);
  } catch {
    // A full or locked storage only means the choice is not remembered.
  }
  mirror(lang);
  for (const listener of listeners) listener();
}

export function subscribeLanguage(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
