// The one i18n hook, rendered for real (React's server renderer): the app's table, the pages' keys of
// it and a lab's own table all read through useI18n, in the language chosen now.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { labText } from '../../renderer/labs/common/labText';
import { getLanguage, setLanguage } from '../../renderer/i18n/language';
import { pagesText, useI18n } from '../../renderer/i18n/useI18n';

const table = labText({ hello: 'Hello, {name}', count: '{n} runs' }, { hello: '안녕하세요, {name}', count: '실행 {n}개' });

function App() {
  const { t, tk } = useI18n();
  return `${t('field.lr')}|${tk('field.lr', '?')}|${tk('field.nothing', 'fallback')}`;
}
function Page() {
  const { t, locale } = useI18n(pagesText);
  return `${t('pages.loading')}|${locale}`;
}
function Lab() {
  const { t, num } = useI18n(table);
  return `${t('hello', { name: 'Ada' })}|${t('count', { n: 12345 })}|${num(0.5)}`;
}

const render = (component: () => string) => renderToStaticMarkup(createElement(component));
const before = getLanguage();
afterAll(() => setLanguage(before));

describe('useI18n', () => {
  it('reads the app table, the pages and a lab table in English', () => {
    setLanguage('en');
    expect(render(App)).toBe('Learning rate|Learning rate|fallback');
    expect(render(Page)).toBe('Loading…|en-US');
    expect(render(Lab)).toBe('Hello, Ada|12,345 runs|0.5');
  });

  it('and the same keys in Korean once the language changes', () => {
    setLanguage('ko');
    expect(render(App)).toBe('학습률|학습률|fallback');
    expect(render(Page)).toBe('불러오는 중…|ko-KR');
    expect(render(Lab)).toBe('안녕하세요, Ada|실행 12,345개|0.5');
  });
});
