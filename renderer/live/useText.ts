// The pages' view of the app's i18n: the shell's language store and translate(), with `t` narrowed to
// the pages' own keys (renderer/i18n/pages.{en,ko}.ts, merged into the app's table), so a page cannot
// name a key its tables lack, plus the locale for dates and numbers.

import { useCallback } from 'react';
import type { PagesKey } from '../i18n/pages.en';
import { localeOf, translate, type Lang, type Params } from '../i18n/translate';
import { useLanguage } from '../i18n/useI18n';

export type PageKey = PagesKey;
export type { Lang };
export type Translate = (key: PageKey, params?: Params) => string;

export function useText(): { t: Translate; lang: Lang; locale: string } {
  const lang = useLanguage();
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  return { t, lang, locale: localeOf(lang) };
}
