// What the one i18n hook (useI18n) hands a component, without React: the app's table, the pages' keys
// of it and a lab's own table all read the same way, in either language.

import { describe, expect, it } from 'vitest';
import { labText } from '../../renderer/labs/common/labText';
import { pagesText, tables, translate, translateOr, wordsOf } from '../../renderer/i18n/translate';

const lab = labText({ hello: 'Hello, {name}', count: '{n} runs' }, { hello: '안녕하세요, {name}', count: '실행 {n}개' });

describe('wordsOf', () => {
  it("reads the app's table exactly as translate and translateOr do", () => {
    for (const lang of ['en', 'ko'] as const) {
      const words = wordsOf(lang, tables);
      expect(words.t('field.lr')).toBe(translate(lang, 'field.lr'));
      expect(words.t('pages.loading')).toBe(translate(lang, 'pages.loading'));
      expect(words.tk('field.lr', '?')).toBe(translateOr(lang, 'field.lr', '?'));
      expect(words.tk('field.nothing', 'fallback')).toBe('fallback');
    }
    expect(wordsOf('ko', tables).t('field.lr')).toBe('학습률');
  });

  it("reads the pages' keys of the app's table, with the locale for dates and numbers", () => {
    expect([wordsOf('en', pagesText).t('pages.loading'), wordsOf('en', pagesText).locale]).toEqual(['Loading…', 'en-US']);
    expect([wordsOf('ko', pagesText).t('pages.loading'), wordsOf('ko', pagesText).locale]).toEqual(['불러오는 중…', 'ko-KR']);
  });

  it("reads a lab's own table, placeholders and numbers written the language's way", () => {
    expect(wordsOf('en', lab).t('count', { n: 12345 })).toBe('12,345 runs');
    expect(wordsOf('ko', lab).t('hello', { name: 'Ada' })).toBe('안녕하세요, Ada');
    expect(wordsOf('ko', lab).num(0.5)).toBe('0.5');
  });

  it('falls back to English where a Korean text is missing, and to the key where both are', () => {
    const partial = { en: { a: 'A', b: 'B' }, ko: { a: '가' } as Record<'a' | 'b', string> };
    expect([wordsOf('ko', partial).t('a'), wordsOf('ko', partial).t('b')]).toEqual(['가', 'B']);
    expect(wordsOf('en', partial).t('c' as 'a')).toBe('c');
  });
});
