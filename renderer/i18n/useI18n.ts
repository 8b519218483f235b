// The React side of i18n, the one hook every component reads its words with: the app's table, the
// pages' keys of it (pagesText), or one lab's own table. Components read the language with
// useSyncExternalStore, so switching it re-renders every text at once, any time, without reloading.

import { useMemo, useSyncExternalStore } from 'react';
import { getLanguage, setLanguage, subscribeLanguage } from './language';
import { tables, translate, wordsOf, type Lang, type MessageKey, type Params, type TextTable, type Words } from './translate';

export { pagesText, type TextTable } from './translate';

export interface I18n<K extends string = MessageKey> extends Words<K> {
  setLang: (lang: Lang) => void;
}

export function useLanguage(): Lang {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** The words of `table` (the app's by default) in the current language. */
export function useI18n(): I18n;
export function useI18n<K extends string>(table: TextTable<K>): I18n<K>;
export function useI18n(table: TextTable<string> = tables): I18n<string> {
  const lang = useLanguage();
  return useMemo(() => ({ ...wordsOf(lang, table), setLang: setLanguage }), [lang, table]);
}

/** Outside React (announcements, notices): the current language's text. */
export function t(key: MessageKey, params?: Params): string {
  return translate(getLanguage(), key, params);
}
