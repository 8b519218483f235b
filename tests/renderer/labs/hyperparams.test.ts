// The hyperparameter search lab's logic without React: what typed settings may search (and why not),
// each trial's lr and λ read back from the store's differences between the trials' experiments, the
// ranking by final validation accuracy (finished trials only, the best 20), and the scatter's colour
// scale and decade axes.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH, searchMembers } from '../../../engine/labs/search';
import type { Comparison, RunStatus, RunSummary } from '../../../main/api/contract';
import { experimentDifferences } from '../../../main/store/differences';
import { DEFAULT_INPUT, readNumber, readSearch } from '../../../renderer/labs/hyperparams/form';
import { hyperparamsText } from '../../../renderer/labs/hyperparams/text';
import { wordsOf } from '../../../renderer/i18n/translate';
import { accuracyColor, decadeDomain, decadeTicks, powerOfTen, rankTrials, trialResults, type TrialResult } from '../../../renderer/labs/hyperparams/results';

describe('the search form', () => {
  it('reads the defaults as the book’s search: its ranges, 100 trials of 50 epochs', () => {
    const { settings, problem } = readSearch(DEFAULT_INPUT);
    expect(problem).toBeNull();
    expect(settings).toEqual({ lr: { min: -6, max: -2 }, weightDecay: { min: -8, max: -4 }, trials: 100, epochs: 50, seed: 1 });
    expect(settings).toEqual(DEFAULT_SEARCH);
  });

  it('takes a typographic minus, refuses a blank or a word, and names the first problem', () => {
    expect(readNumber('−6')).toBe(-6);
    expect(readNumber(' -2.5 ')).toBe(-2.5);
    expect(readNumber('')).toBeNaN();
    expect(readSearch({ ...DEFAULT_INPUT, lrMin: '' }).problem).toBe('lrRange');
    expect(readSearch({ ...DEFAULT_INPUT, lrMin: 'abc' }).problem).toBe('lrRange');
    expect(readSearch({ ...DEFAULT_INPUT, lrMin: '-2', lrMax: '-6' }).problem).toBe('lrOrder');
    expect(readSearch({ ...DEFAULT_INPUT, weightDecayMax: '3' }).problem).toBe('weightDecayRange');
    expect(readSearch({ ...DEFAULT_INPUT, trials: '101' }).problem).toBe('trials');
    expect(readSearch({ ...DEFAULT_INPUT, trials: '100' }).problem).toBeNull();
    expect(readSearch({ ...DEFAULT_INPUT, trials: '20' }).problem).toBeNull();
    expect(readSearch({ ...DEFAULT_INPUT, epochs: '0' }).problem).toBe('epochs');
    expect(readSearch({ ...DEFAULT_INPUT, seed: '1.5' }).problem).toBe('seed');
  });
});

describe('the search’s choices and progress, in both languages', () => {
  it('offer the book’s 100 trials and a quick 20, and say how far the search is and its best so far', () => {
    const en = wordsOf('en', hyperparamsText);
    const ko = wordsOf('ko', hyperparamsText);
    expect([en.t('trials.book', { count: 100 }), en.t('trials.quick', { count: 20 })]).toEqual(['The book’s 100', 'Quick (20)']);
    expect([ko.t('trials.book', { count: 100 }), ko.t('trials.quick', { count: 20 })]).toEqual(['책대로 (100회)', '빠르게 (20회)']);
    expect(ko.t('progress', { done: 37, total: 100 })).toBe('시행 100개 중 37개 완료');
    const best = { acc: '0.7100', trial: 'lr = 8.87e-3, λ = 1.31e-5' };
    expect(en.t('bestSoFar', best)).toBe('best so far: validation accuracy 0.7100 (lr = 8.87e-3, λ = 1.31e-5)');
    expect(ko.t('bestSoFar', best)).toBe('지금까지 최고 검증 정확도 0.7100 (lr = 8.87e-3, λ = 1.31e-5)');
  });
});

function summary(id: number, status: RunStatus, testAcc: number | null): RunSummary {
  return {
    id,
    uid: `u${id}`,
    name: `Hyperparameter search — trial ${id}`,
    status,
    failure: null,
    warning: null,
    dataset: 'mnist',
    seed: 1,
    workers: 1,
    startedAt: '',
    finishedAt: null,
    durationMs: null,
    epochsDone: 2,
    epochsTotal: 2,
    iterationsDone: 8,
    iterationsTotal: 8,
    trainAcc: 0.5,
    testAcc,
    testLoss: 1,
    notes: '',
    tags: [],
    hasWeights: false,
  };
}

describe('trial results', () => {
  const members = searchMembers({ ...DEFAULT_SEARCH, trials: 4, epochs: 2, seed: 3 });
  const ids = [11, 12, 13, 14];
  const comparison: Comparison = {
    runs: [],
    epochs: [
      {
        epoch: 1,
        values: {
          11: { trainAcc: 0.2, testAcc: 0.1, trainLoss: 2, testLoss: 2, seconds: 1, iteration: 4 },
          12: { trainAcc: 0.3, testAcc: 0.4, trainLoss: 2, testLoss: 2, seconds: 1, iteration: 4 },
          13: null,
          14: null,
        },
      },
      {
        epoch: 2,
        values: {
          11: { trainAcc: 0.3, testAcc: 0.25, trainLoss: 2, testLoss: 2, seconds: 1, iteration: 4 },
          12: { trainAcc: 0.5, testAcc: 0.62, trainLoss: 2, testLoss: 2, seconds: 1, iteration: 4 },
          13: null,
          14: null,
        },
      },
    ],
    losses: [],
    // What the store computes from the trials' experiments.
    differences: experimentDifferences(members.map((m, i) => ({ id: ids[i]!, experiment: m.experiment }))),
  };
  const runs = [summary(11, 'done', 0.25), summary(12, 'done', 0.62), summary(13, 'running', null), summary(14, 'failed', null)];
  const labels = Object.fromEntries(members.map((m, i) => [ids[i], m.label]));
  const results = trialResults(runs, comparison, labels);

  it('read each trial’s lr and λ exactly from the differences between the stored experiments', () => {
    expect(results.map((r) => r.lr)).toEqual(members.map((m) => m.trial.lr));
    expect(results.map((r) => r.weightDecay)).toEqual(members.map((m) => m.trial.weightDecay));
    expect(results.map((r) => r.label)).toEqual(members.map((m) => m.label));
  });

  it('carry the stored final validation accuracy and the validation curve per epoch', () => {
    expect(results.map((r) => r.validationAcc)).toEqual([0.25, 0.62, null, null]);
    expect(results[0]!.curve).toEqual([0.1, 0.25]);
    expect(results[1]!.curve).toEqual([0.4, 0.62]);
    expect(results[2]!.curve).toEqual([]);
  });

  it('without a comparison yet, know the runs but not their settings', () => {
    const bare = trialResults(runs, null, labels);
    expect(bare.map((r) => [r.lr, r.weightDecay, r.curve.length])).toEqual(runs.map(() => [null, null, 0]));
  });
});

describe('rankTrials', () => {
  const result = (runId: number, validationAcc: number | null, status: RunStatus = 'done'): TrialResult => ({
    runId,
    label: `#${runId}`,
    status,
    lr: 1e-3,
    weightDecay: 1e-6,
    validationAcc,
    curve: [],
  });

  it('ranks finished trials by validation accuracy, best first, ties to the earlier trial, at most N', () => {
    const ranked = rankTrials([result(1, 0.5), result(2, 0.8), result(3, 0.5), result(4, 0.9, 'running'), result(5, null, 'failed'), result(6, 0.1)], 3);
    expect(ranked.map((r) => r.runId)).toEqual([2, 1, 3]);
    expect(rankTrials([result(1, 0.5)], 20)).toHaveLength(1);
    expect(
      rankTrials(
        Array.from({ length: 30 }, (_, i) => result(i + 1, i / 30)),
        20,
      ).map((r) => r.runId),
    ).toEqual(Array.from({ length: 20 }, (_, i) => 30 - i));
  });
});

describe('the scatter’s scales', () => {
  it('colours 0 dark blue and 1 yellow, clamped, changing monotonically in green', () => {
    expect(accuracyColor(0)).toBe('rgb(68, 1, 84)');
    expect(accuracyColor(1)).toBe('rgb(253, 231, 37)');
    expect(accuracyColor(-1)).toBe(accuracyColor(0));
    expect(accuracyColor(2)).toBe(accuracyColor(1));
    expect(accuracyColor(0.5)).toBe('rgb(33, 145, 140)');
    const green = (a: number) => Number(/rgb\(\d+, (\d+)/.exec(accuracyColor(a))![1]);
    for (let a = 0; a < 1; a += 0.05) expect(green(a + 0.05)).toBeGreaterThanOrEqual(green(a));
  });

  it('spans whole decades around the values, labelled as powers of ten', () => {
    expect(decadeDomain([2e-6, 5e-3])).toEqual({ min: -6, max: -2 });
    expect(decadeDomain([1e-4])).toEqual({ min: -4, max: -3 });
    expect(decadeDomain([3e-5, 3e-5])).toEqual({ min: -5, max: -4 });
    expect(decadeDomain([])).toBeNull();
    expect(decadeTicks({ min: -6, max: -2 })).toEqual([-6, -5, -4, -3, -2]);
    expect(powerOfTen(-6)).toBe('10⁻⁶');
    expect(powerOfTen(1)).toBe('10¹');
  });
});
