// The i18n mechanism without React: message tables by language, `{name}` placeholders (`{name|을/를}`
// adds the Korean particle that fits the value), and the numbers written the way each language writes
// them. The hook lives in useI18n.ts.

import { fillTemplate } from '../../engine/messages';
import { en, type MessageKey } from './en';
import { ko } from './ko';
import { particle } from './particles';
import type { PagesKey } from './pages.en';

export type Lang = 'ko' | 'en';
export const languages: readonly Lang[] = ['ko', 'en'];
export type { MessageKey };

export type Params = Record<string, string | number>;

export const tables: Record<Lang, Record<MessageKey, string>> = { en, ko };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function localeOf(lang: Lang): string {
  return lang === 'ko' ? 'ko-KR' : 'en-US';
}

/** Numbers in params are written with the language's digit grouping (23,430). */
export function formatNumber(lang: Lang, value: number, maximumFractionDigits = 6): string {
  return value.toLocaleString(localeOf(lang), { maximumFractionDigits });
}

/**
 * Fills `{name}` and `{name|을/를}` placeholders (the value, then the particle its last sound takes: "Affine을",
 * "ReLU를", "23을", "12.5로"); a placeholder without a value stays visible rather than vanishing.
 */
export function format(lang: Lang, template: string, params?: Params): string {
  if (!params) return template;
  return fillTemplate(template, params, { number: (value) => formatNumber(lang, value), particle });
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(lang, tables[lang][key], params);
}

/** For keys built from data (layer.<type>.label): the table's text, or `fallback` when there is none. */
export function translateOr(lang: Lang, key: string, fallback: string, params?: Params): string {
  return isMessageKey(key) ? translate(lang, key, params) : fallback;
}

export type Translate = (key: MessageKey, params?: Params) => string;

/** Words in both languages under the same keys: the app's table, or one lab's own. */
export interface TextTable<K extends string> {
  en: Readonly<Record<K, string>>;
  ko: Readonly<Record<K, string>>;
}

/**
 * The app's whole table seen through the pages' keys only, so a page cannot name a key its tables lack.
 * Built from the language tables themselves (not `tables` under a second name, which knip reports).
 */
export const pagesText: TextTable<PagesKey> = { en, ko };

export interface Words<K extends string> {
  lang: Lang;
  /** For dates and numbers: "ko-KR" or "en-US". */
  locale: string;
  t: (key: K, params?: Params) => string;
  /** For keys built from data: falls back to `fallback` when the table has no such key. */
  tk: (key: string, fallback: string, params?: Params) => string;
  /** A number written the way `lang` writes it. */
  num: (value: number, maximumFractionDigits?: number) => string;
}

/** The words of `table` in `lang`; a text missing in Korean falls back to the English one. */
export function wordsOf<K extends string>(lang: Lang, table: TextTable<K>): Words<K> {
  const words: Readonly<Record<string, string>> = table[lang];
  const english: Readonly<Record<string, string>> = table.en;
  const t = (key: string, params?: Params) => format(lang, words[key] ?? english[key] ?? key, params);
  return {
    lang,
    locale: localeOf(lang),
    t,
    tk: (key, fallback, params) => (Object.prototype.hasOwnProperty.call(english, key) ? t(key, params) : fallback),
    num: (value, digits) => formatNumber(lang, value, digits),
  };
}
