// Every Korean string the app can show, held to the glossary (renderer/i18n/glossary.ts): no ruled-out
// variant, no particle left as "(을)" or "(가)" for the reader to choose, no English word the glossary
// says to translate. And docs/glossary.md is the table as written.

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glossary, glossaryMarkdown, refusalsMarkdown } from '../../renderer/i18n/glossary';
import { koreanStrings } from './koreanStrings';

const root = new URL('../..', import.meta.url).pathname;
const strings = koreanStrings();
/** The text a reader sees around the values: placeholders ({name}, {name|을/를}) taken out. */
const prose = (text: string) => text.replace(/\{["“]?\w+["”]?(?:[|#][^{}]*)?\}/g, ' ');

/** Korean strings that break a rule, as "source: text" lines, so a failure names each one. */
function offenders(test: (text: string) => string | null): string[] {
  return strings.flatMap(({ source, text }) => {
    const found = test(text);
    return found ? [`${source}: ${found} — ${text.slice(0, 120)}`] : [];
  });
}

const UNRESOLVED_PARTICLE = /\((이|가|을|를|은|는|으로|로|과|와|이나|이라)\)/;

describe('the Korean strings, walked', () => {
  it('there are as many as the app shows (tables, labs, registries, refusals)', () => {
    expect(strings.length).toBeGreaterThan(900);
    for (const prefix of ['ko.ts ', 'lab convolution ', 'lab graph ', 'registry conv ', 'registry adam ', 'error data.folderMissing']) {
      expect(
        strings.some((s) => s.source.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });

  it('use no variant the glossary rules out', () => {
    const variants = glossary.flatMap((entry) => entry.ruledOut.map((variant) => ({ variant, ko: entry.ko })));
    expect(offenders((text) => variants.find(({ variant }) => text.includes(variant))?.variant ?? null)).toEqual([]);
  });

  it('leave no particle for the reader to choose: "(을)", "(가)", "(으)로"…', () => {
    expect(offenders((text) => UNRESOLVED_PARTICLE.exec(text)?.[0] ?? null)).toEqual([]);
  });

  it('leave no English word the glossary translates', () => {
    const words = glossary.flatMap((entry) => entry.latinRuledOut ?? []);
    const patterns = words.map((word) => ({ word, re: new RegExp(`(^|[^A-Za-z_.])${word.replace(/ /g, '\\s+')}(?![A-Za-z_])`, 'i') }));
    expect(offenders((text) => patterns.find(({ re }) => re.test(prose(text)))?.word ?? null)).toEqual([]);
  });

  it('the checks catch what they are for (a test that cannot fail is a defect)', () => {
    expect(UNRESOLVED_PARTICLE.test('Affine을(를) 스택에 추가')).toBe(true);
    expect(UNRESOLVED_PARTICLE.test('출력 높이이(가) 12.5로')).toBe(true);
    expect(/\((으|이)\)[가-힣]/.test('12.5(으)로 정수가')).toBe(true);
    expect(glossary.some((entry) => entry.ruledOut.includes('과대적합'))).toBe(true);
    expect(prose('엔진의 {layer|을/를} 보세요 std 0.01')).toContain('std');
  });

  it('leave no "(으)로" or "(이)라" half-written either', () => {
    expect(offenders((text) => /\((으|이)\)[가-힣]/.exec(text)?.[0] ?? null)).toEqual([]);
  });
});

describe('docs/glossary.md', () => {
  it('is the glossary as written (DLAB_WRITE_GLOSSARY=1 rewrites it)', () => {
    const path = `${root}docs/glossary.md`;
    if (process.env.DLAB_WRITE_GLOSSARY === '1') writeFileSync(path, glossaryMarkdown());
    expect(readFileSync(path, 'utf8')).toBe(glossaryMarkdown());
  });

  it('docs/refusals.md is the table of refusals as written', () => {
    const path = `${root}docs/refusals.md`;
    if (process.env.DLAB_WRITE_GLOSSARY === '1') writeFileSync(path, refusalsMarkdown());
    expect(readFileSync(path, 'utf8')).toBe(refusalsMarkdown());
  });
});
