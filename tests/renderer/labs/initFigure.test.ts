// The initialization lab's MNIST race with its defaults, trained for real through the engine the lab
// runs (seed 1), held to the shape of the book's figure 6-15: over the book's length (2,000 iterations;
// here 32 epochs of the bundled 8,004 digits = 1,984) He and Xavier learn, He ahead, while std 0.01 stays
// flat at ln 10 ≈ 2.30 — a run the lab shows as "did not learn", in English and Korean. Slow lane.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InitSetting } from '../../../engine/init';
import { learningOf } from '../../../renderer/labs/common/learning';
import { learningText } from '../../../renderer/labs/common/learningText';
import { MNIST_TRAIN_SIZE } from '../../../renderer/labs/common/race';
import { BOOK_INIT_RACE, defaultInitRace, epochsForBookLength, initRaceMembers, raceIterations } from '../../../renderer/labs/init/experiments';
import { initText } from '../../../renderer/labs/init/text';
import { wordsOf } from '../../../renderer/i18n/translate';
import { endOfCurve, trainLikeTheLab, type TrainedRun } from '../../engine/labs/trainLikeTheLab';

const runs = new Map<string, TrainedRun>();
const LN_10 = Math.log(10);

beforeAll(async () => {
  for (const member of initRaceMembers(defaultInitRace)) runs.set(member.label, await trainLikeTheLab(member.experiment));
}, 600_000);

describe('the race’s length', () => {
  it('defaults to the book’s 2,000 iterations as near as whole epochs go: 32 epochs, 1,984 iterations', () => {
    expect(defaultInitRace.trainLimit).toBe(MNIST_TRAIN_SIZE);
    expect(defaultInitRace.epochs).toBe(32);
    expect(raceIterations(defaultInitRace.epochs, defaultInitRace.trainLimit)).toBe(1984);
    // One epoch more or less is farther from 2,000 (2,046 and 1,922).
    expect(Math.abs(raceIterations(33, MNIST_TRAIN_SIZE) - BOOK_INIT_RACE.iterations)).toBeGreaterThan(16);
    expect(epochsForBookLength(1280)).toBe(200);
    expect(epochsForBookLength(100)).toBe(2000); // a set smaller than a batch: one iteration per epoch
    for (const run of runs.values()) expect(run.losses).toHaveLength(1984);
  });

  it('says so under the race, in both languages', () => {
    const params = { epochs: 32, iterations: 1984, book: 2000 };
    expect(wordsOf('en', initText).t('raceLength', params)).toBe(
      'By default 32 epochs of the bundled digits: 1,984 iterations, the nearest to the book’s 2,000.',
    );
    expect(wordsOf('ko', initText).t('raceLength', params)).toBe('기본값은 내장 숫자 데이터로 32에폭, 즉 1,984회 반복으로 책의 2,000회에 가장 가깝습니다.');
  });
});

describe('figure 6-15 with the defaults', () => {
  const run = (init: InitSetting) => runs.get(init === 'xavier' ? 'Xavier' : init === 'he' ? 'He' : `std ${init}`)!;

  it('std 0.01 stays flat at ln 10: its loss never leaves the start, and the lab says it did not learn', () => {
    const flat = run(0.01);
    expect(Math.abs(endOfCurve(flat.losses) - LN_10)).toBeLessThan(0.02);
    expect(Math.abs(flat.losses[0]! - LN_10)).toBeLessThan(0.02);
    expect(learningOf(flat.summary)).toEqual({ learned: false, why: 'atChance' });
  });

  it('He and Xavier learn, He ahead of Xavier, both far below std 0.01', () => {
    const he = endOfCurve(run('he').losses);
    const xavier = endOfCurve(run('xavier').losses);
    const tiny = endOfCurve(run(0.01).losses);
    expect(he).toBeLessThan(xavier);
    expect(xavier).toBeLessThan(0.5);
    expect(tiny - xavier).toBeGreaterThan(1.5);
    for (const init of ['he', 'xavier'] as const) {
      expect(run(init).summary.trainAcc!, init).toBeGreaterThan(0.9);
      expect(learningOf(run(init).summary), init).toEqual({ learned: true });
    }
    expect(run('he').summary.trainAcc!).toBeGreaterThan(run('xavier').summary.trainAcc!);
  });

  it('words the flat run’s verdict in both languages', () => {
    expect(wordsOf('en', learningText).t('why.atChance')).toBe('Weights too small: the signal fades, accuracy stays at chance.');
    expect(wordsOf('ko', learningText).t('why.atChance')).toBe('초깃값이 너무 작아 신호가 사라지고 정확도가 제자리입니다.');
  });
});
