// The React side of i18n: components read the language with useSyncExternalStore, so switching it
// re-renders every text at once, any time, without reloading.

import { useCallback, useSyncExternalStore } from 'react';
import { getLanguage, setLanguage, subscribeLanguage } from './language';
import { formatNumber, translate, translateOr, type Lang, type MessageKey, type Params } from './translate';

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys built from data: falls back to `fallback` when the table has no such key. */
  tk: (key: string, fallback: string, params?: Params) => string;
  num: (value: number, maximumFractionDigits?: number) => string;
  setLang: (lang: Lang) => void;
}

export function useLanguage(): Lang {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

export function useI18n(): I18n {
  const lang = useLanguage();
  const t = useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
  const tk = useCallback((key: string, fallback: string, params?: Params) => translateOr(lang, key, fallback, params), [lang]);
  const num = useCallback((value: number, digits?: number) => formatNumber(lang, value, digits), [lang]);
  return { lang, t, tk, num, setLang: setLanguage };
}

/** Outside React (announcements, notices): the current language's text. */
export function t(key: MessageKey, params?: Params): string {
  return translate(getLanguage(), key, params);
}
