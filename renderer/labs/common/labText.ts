// Each lab keeps its own words in its own file — an English table and a Korean one with exactly the
// same keys (the type says so) — so a lab is one folder, and the app's big tables stay readable.

import { useCallback } from 'react';
import { formatNumber, format, localeOf, type Lang, type Params } from '../../i18n/translate';
import { useLanguage } from '../../i18n/useI18n';

export interface LabTable<K extends string> {
  en: Readonly<Record<K, string>>;
  ko: Readonly<Record<K, string>>;
}

/** A lab's text table; the Korean table must name every English key. */
export function labText<const E extends Record<string, string>>(en: E, ko: { [K in keyof E]: string }): LabTable<keyof E & string> {
  return { en, ko } as LabTable<keyof E & string>;
}

export interface LabText<K extends string> {
  t: (key: K, params?: Params) => string;
  /** A number written the way the current language writes it. */
  num: (value: number, maximumFractionDigits?: number) => string;
  lang: Lang;
  locale: string;
}

export function useLabText<K extends string>(table: LabTable<K>): LabText<K> {
  const lang = useLanguage();
  const t = useCallback((key: K, params?: Params) => format(lang, table[lang][key] ?? table.en[key] ?? key, params), [lang, table]);
  const num = useCallback((value: number, digits?: number) => formatNumber(lang, value, digits), [lang]);
  return { t, num, lang, locale: localeOf(lang) };
}
