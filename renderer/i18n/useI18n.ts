// The React side of i18n, the one hook every component reads its words with: the app's table, the
// pages' keys of it, or one lab's own table. Components read the language with useSyncExternalStore,
// so switching it re-renders every text at once, any time, without reloading.

import { useCallback, useSyncExternalStore } from 'react';
import { getLanguage, setLanguage, subscribeLanguage } from './language';
import type { PagesKey } from './pages.en';
import { format, formatNumber, localeOf, tables, translate, type Lang, type MessageKey, type Params } from './translate';

/** Words in both languages under the same keys. */
export interface TextTable<K extends string> {
  en: Readonly<Record<K, string>>;
  ko: Readonly<Record<K, string>>;
}

/** The app's whole table seen through the pages' keys only, so a page cannot name a key its tables lack. */
export const pagesText: TextTable<PagesKey> = tables;

export interface I18n<K extends string = MessageKey> {
  lang: Lang;
  /** For dates and numbers: "ko-KR" or "en-US". */
  locale: string;
  t: (key: K, params?: Params) => string;
  /** For keys built from data: falls back to `fallback` when the table has no such key. */
  tk: (key: string, fallback: string, params?: Params) => string;
  /** A number written the way the current language writes it. */
  num: (value: number, maximumFractionDigits?: number) => string;
  setLang: (lang: Lang) => void;
}

export function useLanguage(): Lang {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** The words of `table` (the app's by default) in the current language; a missing Korean text falls back to the English one. */
export function useI18n(): I18n;
export function useI18n<K extends string>(table: TextTable<K>): I18n<K>;
export function useI18n(table: TextTable<string> = tables): I18n<string> {
  const lang = useLanguage();
  const t = useCallback((key: string, params?: Params) => format(lang, table[lang][key] ?? table.en[key] ?? key, params), [lang, table]);
  const tk = useCallback(
    (key: string, fallback: string, params?: Params) => (Object.prototype.hasOwnProperty.call(table.en, key) ? t(key, params) : fallback),
    [table, t],
  );
  const num = useCallback((value: number, digits?: number) => formatNumber(lang, value, digits), [lang]);
  return { lang, locale: localeOf(lang), t, tk, num, setLang: setLanguage };
}

/** Outside React (announcements, notices): the current language's text. */
export function t(key: MessageKey, params?: Params): string {
  return translate(getLanguage(), key, params);
}
