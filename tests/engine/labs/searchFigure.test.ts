// The hyperparameter search with its defaults — the book's §6.5.3 exactly: x_train[:500] shuffled once per
// search by its seed, 100 validating and 400 training, 100 trials of 50 epochs with mini-batches of 100 drawn
// with replacement, lr = 10^U(−6, −2), λ = 10^U(−8, −4) — held to the shape of figure 6-24 on a subset of
// each of three seeds (the whole search is 100 runs, too long for a test; every seed draws its own trials
// and its own 100 validation digits, so the shape must not be one seed's luck). Which trials can be best is
// decided by the learning rate: measured on the largest learning rates of seeds 1–3, validation accuracy
// falls with them (seed 1: 0.74 at lr 0.0089, 0.69 at 0.0073, 0.64 at 0.0061; seed 2: 0.71 at 0.0089, 0.57
// at 0.0066; seed 3: 0.74 at 0.0094, 0.68 at 0.0071), and the smallest stay at 0.12–0.14. So this test
// trains each seed's five largest and two smallest: a band of good trials at lr ≈ 10⁻³…10⁻² (the best above
// 0.65), the smallest near 0.1. Slow lane.

import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH, QUICK_TRIALS, sampleTrials, trialExperiment, type Trial } from '../../../engine/labs/search';
import { trainLikeTheLab } from './trainLikeTheLab';

describe('the default search (seed 1)', () => {
  it('draws 100 trials, and only with all of them does it reach the learning rates that learn', () => {
    const trials = sampleTrials(DEFAULT_SEARCH);
    expect(trials).toHaveLength(100);
    // The quick search's 20 trials: none above 0.004 — its best stayed at 0.42.
    expect(Math.max(...trials.slice(0, QUICK_TRIALS).map((t) => t.lr))).toBeLessThan(0.004);
    expect([...trials].sort((a, b) => b.lr - a.lr)[4]!.lr).toBeGreaterThan(0.006);
  });
});

describe.each([1, 2, 3])('the default search with seed %i', (seed) => {
  const settings = { ...DEFAULT_SEARCH, seed };
  const byLr = [...sampleTrials(settings)].sort((a, b) => b.lr - a.lr);
  const largest = byLr.slice(0, 5);
  const smallest = byLr.slice(-2);
  const validation = new Map<Trial, number>();

  beforeAll(async () => {
    for (const trial of [...largest, ...smallest]) {
      const run = await trainLikeTheLab(trialExperiment(trial, settings));
      expect(run.summary.status).toBe('done');
      expect(run.epochs).toHaveLength(50);
      validation.set(trial, run.summary.testAcc!);
    }
  }, 600_000);

  it('its best trials form the band at the top of the learning-rate range (lr ≈ 10⁻³…10⁻²), the best above 0.65', () => {
    const best = Math.max(...largest.map((t) => validation.get(t)!));
    expect(best).toBeGreaterThan(0.65);
    for (const t of largest) {
      expect(t.lr, 'in the band').toBeGreaterThan(1e-3);
      expect(validation.get(t)!, `lr ${t.lr}`).toBeGreaterThan(0.5);
    }
    // within the band, the larger learning rate learns more in 50 epochs (figure 6-24's slope)
    expect(validation.get(largest[0]!)!).toBeGreaterThan(validation.get(largest[4]!)!);
  });

  it('its smallest learning rates stay near chance: the spread the figure shows', () => {
    for (const t of smallest) {
      expect(t.lr).toBeLessThan(2e-6);
      expect(validation.get(t)!, `lr ${t.lr}`).toBeLessThan(0.25);
    }
  });
});
