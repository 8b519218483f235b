// A run's divergence warning as the pages say it, in both languages: every code, with its numbers written
// the way the engine writes them. (The notice itself, on the dashboard and the runs page: tests/e2e.)

import { describe, expect, it } from 'vitest';
import { LOSS_CEILING, describeDivergence, type DivergenceWarning } from '../../../engine/divergence';
import type { RunWarning } from '../../../main/api/contract';
import { describeRunWarning, runWarningTitle } from '../../../renderer/charts/runWarning';

const said = (w: DivergenceWarning): RunWarning => ({ ...w, message: describeDivergence(w) });
const rose = said({ code: 'loss-rose', from: 2.302585, to: 14.6012 });
const spiked = said({ code: 'loss-spiked', from: 2.4587, peak: 8.4921, accuracy: 0.097 });
const ceiling = said({ code: 'loss-at-ceiling', loss: 14.1518, ceiling: LOSS_CEILING, accuracy: 0.145 });

describe('the warning in words', () => {
  it('English: the sentences, numbers as the engine writes them', () => {
    expect(describeRunWarning('en', rose)).toBe('The loss rose from 2.30 to 14.6 — the learning rate is probably too high.');
    expect(describeRunWarning('en', spiked)).toBe(
      'The loss jumped from 2.46 to 8.49, and the accuracy ended at chance (9.7%) — the learning rate is probably too high.',
    );
    expect(describeRunWarning('en', ceiling)).toBe(
      'The loss stayed near the most the cross-entropy gives (14.2 of at most 16.1), with the accuracy at chance (14.5%) — the initial weights are probably too large, or the learning rate too high.',
    );
  });

  it('Korean: the book’s words (손실, 학습률, 정확도), the same numbers', () => {
    expect(describeRunWarning('ko', rose)).toBe('손실이 2.30에서 14.6까지 올랐습니다 — 학습률이 너무 큰 것 같습니다.');
    expect(describeRunWarning('ko', spiked)).toBe(
      '손실이 2.46에서 8.49까지 치솟았고, 정확도는 무작위로 고르는 수준(9.7%)에서 끝났습니다 — 학습률이 너무 큰 것 같습니다.',
    );
    expect(describeRunWarning('ko', ceiling)).toContain('(최대 16.1 중 14.2), 정확도는 무작위로 고르는 수준(14.5%)입니다 — 가중치의 초깃값이 너무 크거나');
  });

  it('the English page and the CLI say the same thing, word for word', () => {
    for (const w of [rose, spiked, ceiling]) {
      const cli = w.message;
      const page = describeRunWarning('en', w);
      expect(page).toBe(`${cli[0]!.toUpperCase()}${cli.slice(1)}.`);
    }
  });

  it('a code this page does not know (a newer lab behind the web host) is said in its own English', () => {
    const newer = { code: 'loss-sang', message: 'the loss sang' } as unknown as RunWarning;
    expect(describeRunWarning('ko', newer)).toBe('the loss sang');
  });

  it('titles: a blow-up, or a loss that never came down', () => {
    expect([rose, spiked, ceiling].map((w) => runWarningTitle('en', w))).toEqual(['The loss blew up', 'The loss blew up', 'The loss never came down']);
    expect(runWarningTitle('ko', rose)).toBe('손실이 발산했습니다');
  });
});
