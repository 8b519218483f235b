// English counts take the noun's singular for 1 ("1 epoch", not "1 epochs"): `{n#epoch/epochs}` in the
// tables, plural() in code. A walk renders every English string with its counts at 1 and refuses a plural.

import { describe, expect, it } from 'vitest';
import { fillTemplate, plural } from '../../engine/messages';
import { translate } from '../../renderer/i18n/translate';
import { englishStrings } from './koreanStrings';

const NOUNS =
  'epochs|layers|threads|units|filters|values|runs|trials|windows|maps|scales|parameters|settings|classes|iterations|samples|images|entries|steps|bins|inputs';

describe('English plurals', () => {
  it('plural() and {n#one/other} say 1 in the singular and every other count in the plural', () => {
    expect(plural(1, 'epoch', 'epochs')).toBe('epoch');
    expect(plural(0, 'epoch', 'epochs')).toBe('epochs');
    expect(plural(2, 'epoch', 'epochs')).toBe('epochs');
    expect(fillTemplate('{n#epoch/epochs}', { n: 1 })).toBe('1 epoch');
    expect(fillTemplate('{n#epoch/epochs}', { n: 1.5 })).toBe('1.5 epochs');
    expect(fillTemplate('{n#setting differs/settings differ}', { n: '1' })).toBe('1 setting differs');
  });

  it('the dashboard, the runs and the builder count in the singular for 1', () => {
    const line = translate('en', 'dashboard.settingsLine', { optimizer: 'SGD', batch: 100, epochs: 1, seed: 1, workers: 1, started: 'now' });
    expect(line).toBe('SGD · batch 100 · 1 epoch · seed 1 · 1 thread · started now');
    expect(translate('en', 'dashboard.settingsLine', { optimizer: 'SGD', batch: 100, epochs: 3, seed: 1, workers: 2, started: 'now' })).toContain(
      '3 epochs · seed 1 · 2 threads',
    );
    expect(translate('en', 'runs.workers', { workers: 1 })).toBe('1 thread');
    expect(translate('en', 'stack.summary', { layers: 1 })).toBe('1 layer');
    expect(translate('en', 'inspector.problems', { count: 1 })).toBe('1 value to fix');
    expect(translate('en', 'compare.settingsSubtitle', { differ: 1, same: 4 })).toBe('1 setting differs, 4 are the same');
    // the Korean tables name the same counts, without plurals
    expect(translate('ko', 'status.epochOf', { epoch: 1, total: 1 })).toBe('1/1 에폭');
  });

  it('no English string says "1 epochs" when its counts are 1', () => {
    const offenders: string[] = [];
    for (const { source, text } of englishStrings()) {
      const names = [...text.matchAll(/\{["“]?(\w+)["”]?(?:[|#][^{}]*)?\}/g)].map((m) => m[1]!);
      const said = fillTemplate(text, Object.fromEntries(names.map((name) => [name, 1])));
      const found = new RegExp(`(^|[^\\d.,])1 (${NOUNS})\\b`).exec(said);
      if (found) offenders.push(`${source}: ${said}`);
    }
    expect(offenders).toEqual([]);
  });
});
