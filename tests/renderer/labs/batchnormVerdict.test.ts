// How the Batch Normalization lab words a run that did not learn, on runs trained for real: the lab's
// quick grid (2 scales: 1 and 0.0001, 20 epochs, seed 1) through the engine it runs. Without Batch Norm,
// W = 1 stops with a NaN loss and W = 0.0001 stays at chance; the lab says "did not learn" and why in one
// line, in English and Korean — never "failed" with the engine's advice to lower the learning rate, which
// is not what the lab is about (the learning rate is the book's 0.01 everywhere).

import { beforeAll, describe, expect, it } from 'vitest';
import { batchnormGrid, BOOK_BATCHNORM } from '../../../engine/labs/batchnorm';
import { withoutBatchNorm } from '../../../renderer/labs/batchnorm/grid';
import { batchnormText } from '../../../renderer/labs/batchnorm/text';
import { commonText } from '../../../renderer/labs/common/commonText';
import { learningOf, lossBecameNonFinite } from '../../../renderer/labs/common/learning';
import { learningText } from '../../../renderer/labs/common/learningText';
import { wordsOf } from '../../../renderer/i18n/translate';
import { trainLikeTheLab, type TrainedRun } from '../../engine/labs/trainLikeTheLab';

const runs = new Map<string, TrainedRun>();

beforeAll(async () => {
  for (const member of batchnormGrid({ scales: 2, epochs: BOOK_BATCHNORM.epochs })) runs.set(member.label, await trainLikeTheLab(member.experiment));
}, 300_000);

describe('runs the Batch Normalization lab expects not to learn', () => {
  it('W = 1 without Batch Norm: the engine fails it on a NaN loss, the lab calls it "did not learn: too large"', () => {
    const run = runs.get('W:1')!;
    expect(run.summary.status).toBe('failed');
    expect(run.summary.failure).toMatch(/^the loss became NaN at iteration \d+ — try a smaller learning rate$/);
    expect(lossBecameNonFinite(run.summary.failure)).toBe(true);
    expect(learningOf(run.summary)).toEqual({ learned: false, why: 'blewUp' });
  });

  it('W = 0.0001 without Batch Norm: trains all 20 epochs at chance, "did not learn: too small"', () => {
    const run = runs.get('W:0.0001')!;
    expect(run.summary.status).toBe('done');
    expect(run.epochs).toHaveLength(20);
    expect(learningOf(run.summary)).toEqual({ learned: false, why: 'atChance' });
  });

  it('are the runs without Batch Norm only: a Batch Norm run still at chance after a short grid has not learned yet', () => {
    expect(['W:1', 'W:0.0001', 'W:1 · BN', 'W:0.0001 · BN', 'Adam'].map(withoutBatchNorm)).toEqual([true, true, false, false, false]);
  });

  it('both scales learn with Batch Norm', () => {
    expect(learningOf(runs.get('W:1 · BN')!.summary)).toEqual({ learned: true });
    expect(learningOf(runs.get('W:0.0001 · BN')!.summary)).toEqual({ learned: true });
  });

  it('a failure that is not a blown-up loss stays a failure, and a run still going has no verdict yet', () => {
    const base = { warning: null, trainAcc: null, testAcc: null };
    expect(learningOf({ ...base, status: 'failed', failure: 'The data folder /x does not exist.' })).toBeNull();
    expect(learningOf({ ...base, status: 'running', failure: null })).toBeNull();
    expect(learningOf({ ...base, status: 'cancelled', failure: null, trainAcc: 0.1 })).toBeNull();
  });
});

describe('the verdict’s words', () => {
  it('exist in English and Korean, in the book’s terms, and say neither "failed" nor "learning rate"', () => {
    const en = wordsOf('en', learningText);
    const ko = wordsOf('ko', learningText);
    expect(en.t('didNotLearn')).toBe('did not learn');
    expect(ko.t('didNotLearn')).toBe('학습되지 않음');
    for (const why of ['why.blewUp', 'why.atChance'] as const) {
      expect(en.t(why)).toMatch(/^Weights too (large|small): .+\.$/);
      expect(ko.t(why)).toMatch(/^초깃값이 너무 (커서|작아) .+\.$/);
      expect(ko.t(why)).not.toMatch(/[가-힣]\((을|를|이|가|은|는|으로|로)\)/);
      for (const words of [en, ko]) expect(words.t(why)).not.toMatch(/learning rate|학습률|fail|실패/i);
    }
    expect(ko.t('didNotLearn')).not.toBe(wordsOf('ko', batchnormText).t('failed'));
    expect(ko.t('didNotLearn')).not.toBe(wordsOf('ko', commonText).t('status.failed'));
  });
});
