// The overfitting lab's logic without React: what typed λ, dropout and epochs may run (and the reason
// when not), the pair of runs one press of Run starts — weight decay in the training settings, dropout
// after every hidden ReLU — and the train/test rows with the band and final gap a chart shows.

import { describe, expect, it } from 'vitest';
import type { Comparison, EpochMetric, RunSummary } from '../../../main/api/contract';
import { checkOverfit, finalGap, gapRows, pairMembers, pairRuns } from '../../../renderer/labs/overfitting/pair';

const labels = {
  plain: 'No weight decay, no dropout',
  regularised: ({ weightDecay, dropout }: { weightDecay: number; dropout: number }) => `λ=${weightDecay} r=${dropout}`,
};
const input = (weightDecay: string, dropout: string, epochs = '201') => ({ weightDecay, dropout, epochs });

describe('checkOverfit', () => {
  it('takes the book’s settings', () => {
    expect(checkOverfit(input('0.1', '0'))).toBeNull();
    expect(checkOverfit(input('0', '0.2'))).toBeNull();
    expect(checkOverfit(input('0.1', '0.2', '3'))).toBeNull();
  });

  it('says why anything else cannot run', () => {
    expect(checkOverfit(input('', '0'))).toBe('lambda.notNumber');
    expect(checkOverfit(input('abc', '0'))).toBe('lambda.notNumber');
    expect(checkOverfit(input('-0.1', '0'))).toBe('lambda.range');
    expect(checkOverfit(input('101', '0'))).toBe('lambda.range');
    expect(checkOverfit(input('0.1', 'x'))).toBe('dropout.notNumber');
    expect(checkOverfit(input('0.1', '1'))).toBe('dropout.range');
    expect(checkOverfit(input('0.1', '-0.2'))).toBe('dropout.range');
    expect(checkOverfit(input('0.1', '0', '2.5'))).toBe('epochs.notWhole');
    expect(checkOverfit(input('0.1', '0', '0'))).toBe('epochs.range');
    expect(checkOverfit(input('0.1', '0', '1001'))).toBe('epochs.range');
    expect(checkOverfit(input('0', '0'))).toBe('nothingToCompare');
  });
});

describe('pairMembers', () => {
  it('starts the plain run and the regularised one, same seed, one worker each', () => {
    const [plain, cured] = pairMembers(input('0.1', '0.2', '5'), labels);
    expect([plain!.label, cured!.label]).toEqual(['No weight decay, no dropout', 'λ=0.1 r=0.2']);
    expect([plain!.workers, cured!.workers]).toEqual([1, 1]);
    expect(plain!.experiment.training).toEqual({ optimizer: { type: 'sgd', lr: 0.01 }, batchSize: 100, epochs: 5, weightDecay: 0, seed: 1 });
    expect(cured!.experiment.training).toEqual({ ...plain!.experiment.training, weightDecay: 0.1 });
    expect(cured!.experiment.data).toEqual({ source: 'mnist', trainLimit: 300 });
    expect(plain!.experiment.model.layers.some((l) => l.type === 'dropout')).toBe(false);
    const types = cured!.experiment.model.layers.map((l) => l.type);
    expect(types.filter((t) => t === 'dropout')).toHaveLength(6);
    types.forEach((type, i) => type === 'dropout' && expect(types[i - 1]).toBe('relu'));
  });

  it('starts weight decay alone without any dropout layer', () => {
    const [, cured] = pairMembers(input('0.1', '0'), labels);
    expect(cured!.experiment.model.layers.some((l) => l.type === 'dropout')).toBe(false);
    expect(cured!.experiment.training.weightDecay).toBe(0.1);
    expect(cured!.experiment.training.epochs).toBe(201);
  });
});

const metric = (trainAcc: number, testAcc: number): Omit<EpochMetric, 'epoch'> => ({ iteration: 0, trainLoss: 1, trainAcc, testAcc, testLoss: 1, seconds: 1 });
const comparison: Comparison = {
  runs: [],
  epochs: [
    { epoch: 1, values: { 7: metric(0.2, 0.15), 8: metric(0.2, 0.16) } },
    { epoch: 2, values: { 7: metric(1, 0.8), 8: null } },
  ],
  losses: [],
  differences: [],
};

describe('gap rows', () => {
  it('give each epoch’s train and test accuracy and the band [test, train]', () => {
    expect(gapRows(comparison, 7)).toEqual([
      { epoch: 1, train: 0.2, test: 0.15, gap: [0.15, 0.2] },
      { epoch: 2, train: 1, test: 0.8, gap: [0.8, 1] },
    ]);
    expect(gapRows(comparison, 8)).toHaveLength(1);
    expect(gapRows(null, 7)).toEqual([]);
  });

  it('end in the final gap train − test, and nothing before the first epoch', () => {
    expect(finalGap(gapRows(comparison, 7))).toEqual({ epoch: 2, trainAcc: 1, testAcc: 0.8, gap: 1 - 0.8 });
    expect(finalGap([])).toBeNull();
  });

  it('keep the band between the curves when test happens to beat train', () => {
    const odd: Comparison = { ...comparison, epochs: [{ epoch: 1, values: { 7: metric(0.3, 0.4) } }] };
    expect(gapRows(odd, 7)[0]!.gap).toEqual([0.3, 0.4]);
    expect(finalGap(gapRows(odd, 7))!.gap).toBeCloseTo(-0.1, 12);
  });
});

describe('pairRuns', () => {
  it('takes the first-started run as the plain one', () => {
    const run = (id: number) => ({ id }) as RunSummary;
    expect(pairRuns([run(5), run(4)])).toEqual({ plain: run(4), regularised: run(5) });
    expect(pairRuns([])).toEqual({ plain: null, regularised: null });
  });
});
