// The Batch Normalization lab's default grid trained for real (16 weight scales × with and without Batch
// Norm, 20 epochs, seed 1, through the engine the lab runs), held to the shape of the book's figure 6-18
// (6-19 in its grid form): with Batch Norm every scale learns; without it the scales too large blow up,
// the scales too small stay flat near chance (0.1 — here 0.125, the share of the commonest digit among
// the first 1,000), and only the scales in between learn. Slow lane (tests/lanes.ts): 32 runs.

import { beforeAll, describe, expect, it } from 'vitest';
import { batchnormGrid, BOOK_BATCHNORM, formatScale, type GridMember } from '../../../engine/labs/batchnorm';
import { chanceAccuracy, learningOf } from '../../../renderer/labs/common/learning';
import { trainLikeTheLab, type TrainedRun } from './trainLikeTheLab';

const CHANCE = chanceAccuracy(10);
let grid: { member: GridMember; run: TrainedRun }[] = [];
const runAt = (scale: string, batchNorm: boolean) => grid.find(({ member }) => formatScale(member.scale) === scale && member.batchNorm === batchNorm)!.run;

beforeAll(async () => {
  const members = batchnormGrid({ scales: BOOK_BATCHNORM.scales, epochs: BOOK_BATCHNORM.epochs });
  grid = [];
  for (const member of members) grid.push({ member, run: await trainLikeTheLab(member.experiment) });
}, 600_000);

describe('the Batch Normalization grid with its defaults', () => {
  it('is the book’s: 16 scales from 1 to 0.0001, each with and without Batch Norm, 20 epochs each', () => {
    expect(grid).toHaveLength(32);
    expect(grid.filter(({ member }) => member.batchNorm).map(({ member }) => formatScale(member.scale))).toEqual([
      '1',
      '0.541',
      '0.293',
      '0.158',
      '0.0858',
      '0.0464',
      '0.0251',
      '0.0136',
      '0.00736',
      '0.00398',
      '0.00215',
      '0.00117',
      '0.000631',
      '0.000341',
      '0.000185',
      '0.0001',
    ]);
  });

  it('with Batch Norm, every scale learns: all 20 epochs trained, and well above chance at the end', () => {
    for (const { member, run } of grid.filter(({ member }) => member.batchNorm)) {
      expect(run.summary.status, member.label).toBe('done');
      expect(run.epochs, member.label).toHaveLength(20);
      expect(run.summary.trainAcc!, member.label).toBeGreaterThan(0.3); // measured: 0.404 (W = 1) to 0.999
      expect(learningOf(run.summary), member.label).toEqual({ learned: true });
    }
  });

  it('without it, the two largest scales blow up: the loss stops being a number within the first epoch', () => {
    for (const scale of ['1', '0.541']) {
      const run = runAt(scale, false);
      expect(run.summary.status).toBe('failed');
      expect(run.summary.failure).toMatch(/the loss became NaN at iteration \d/);
      expect(run.epochs).toHaveLength(0);
      expect(learningOf(run.summary)).toEqual({ learned: false, why: 'blewUp' });
    }
  });

  it('without it, every scale of 0.0858 and below stays flat near chance for all 20 epochs', () => {
    const flat = grid.filter(({ member }) => !member.batchNorm && member.scale < 0.1);
    expect(flat).toHaveLength(12);
    for (const { member, run } of flat) {
      expect(run.epochs, member.label).toHaveLength(20);
      for (const epoch of run.epochs) expect(epoch.trainAcc, `${member.label} epoch ${epoch.epoch}`).toBeLessThanOrEqual(CHANCE);
      expect(learningOf(run.summary), member.label).toEqual({ learned: false, why: 'atChance' });
      // Where the plain run stays flat, its Batch Norm twin (same seed, weights and batches) learned.
      expect(runAt(formatScale(member.scale), true).summary.trainAcc!, member.label).toBeGreaterThan(run.summary.trainAcc! + 0.3);
    }
  });

  it('without it, only the scales in between learn — and there they learn at least as fast as with it', () => {
    for (const scale of ['0.293', '0.158']) {
      const plain = runAt(scale, false);
      expect(learningOf(plain.summary), scale).toEqual({ learned: true });
      expect(plain.summary.trainAcc!, scale).toBeGreaterThan(0.8);
    }
  });
});
