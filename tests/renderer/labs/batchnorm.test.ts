// The Batch Normalization lab's logic without React: which grids may run, the runs a grid starts (one
// worker each, the book's order), and how a group's runs become the small charts — including a lab
// reopened on a half-finished grid and a run that failed.

import { describe, expect, it } from 'vitest';
import { BOOK_BATCHNORM, weightScales } from '../../../engine/labs/batchnorm';
import type { Comparison, EpochMetric } from '../../../main/api/contract';
import { checkGrid, gridMembers, lastAccuracy, scaleCells } from '../../../renderer/labs/batchnorm/grid';

const metric = (trainAcc: number): Omit<EpochMetric, 'epoch'> => ({ iteration: 0, trainLoss: 1, trainAcc, testAcc: trainAcc, testLoss: 1, seconds: 1 });

function comparison(epochs: Record<number, Record<number, number | null>>): Comparison {
  return {
    runs: [],
    epochs: Object.entries(epochs).map(([epoch, values]) => ({
      epoch: Number(epoch),
      values: Object.fromEntries(Object.entries(values).map(([id, acc]) => [id, acc === null ? null : metric(acc)])),
    })),
    losses: [],
    differences: [],
  };
}

describe('checkGrid', () => {
  it('takes the book’s grid and the quick ones', () => {
    expect(checkGrid({ scales: 16, epochs: '20' })).toBeNull();
    expect(checkGrid({ scales: 2, epochs: '1' })).toBeNull();
    expect(checkGrid({ scales: 8, epochs: ' 100 ' })).toBeNull();
  });

  it('names what is wrong with anything else', () => {
    expect(checkGrid({ scales: 3, epochs: '20' })).toBe('scales.choice');
    expect(checkGrid({ scales: 32, epochs: '20' })).toBe('scales.choice');
    expect(checkGrid({ scales: 4, epochs: '' })).toBe('epochs.notWhole');
    expect(checkGrid({ scales: 4, epochs: '2.5' })).toBe('epochs.notWhole');
    expect(checkGrid({ scales: 4, epochs: '0' })).toBe('epochs.range');
    expect(checkGrid({ scales: 4, epochs: '101' })).toBe('epochs.range');
  });
});

describe('gridMembers', () => {
  it('starts the book’s 32 runs, one worker each, within the compare limit of 50', () => {
    const members = gridMembers({ scales: BOOK_BATCHNORM.scales, epochs: '20' });
    expect(members).toHaveLength(32);
    expect(members.every((m) => m.workers === 1)).toBe(true);
    expect(members.every((m) => m.experiment.training.epochs === 20)).toBe(true);
    expect(members.slice(0, 4).map((m) => m.label)).toEqual(['W:1 · BN', 'W:1', 'W:0.541 · BN', 'W:0.541']);
  });
});

describe('scaleCells', () => {
  it('pairs each scale’s two runs by their labels, largest scale first, and fills the rows from the comparison', () => {
    const labels = { 11: 'W:0.0001 · BN', 12: 'W:0.0001', 9: 'W:1 · BN', 10: 'W:1' };
    const cells = scaleCells(labels, comparison({ 1: { 9: 0.5, 10: 0.1, 11: 0.3, 12: 0.11 }, 2: { 9: 0.7, 10: null, 11: 0.4, 12: 0.12 } }));
    expect(cells.map((c) => [c.key, c.bnRunId, c.plainRunId])).toEqual([
      ['1', 9, 10],
      ['0.0001', 11, 12],
    ]);
    expect(cells[0]!.rows).toEqual([
      { epoch: 1, bn: 0.5, plain: 0.1 },
      { epoch: 2, bn: 0.7, plain: null },
    ]);
    expect(lastAccuracy(cells[0]!.rows, 'bn')).toBe(0.7);
    expect(lastAccuracy(cells[0]!.rows, 'plain')).toBe(0.1);
  });

  it('draws empty cells for runs that have started but not finished an epoch, and skips runs of another kind', () => {
    const cells = scaleCells({ 3: 'W:0.01 · BN', 4: 'Adam' }, null);
    expect(cells).toEqual([{ key: '0.01', scale: 0.01, bnRunId: 3, plainRunId: null, rows: [] }]);
    expect(lastAccuracy(cells[0]!.rows, 'bn')).toBeNull();
    expect(scaleCells({}, null)).toEqual([]);
  });

  it('keeps the cells in the grid’s order for every grid size', () => {
    for (const count of [2, 4, 8, 16]) {
      const labels = Object.fromEntries(gridMembers({ scales: count, epochs: '1' }).map((m, i) => [100 + i, m.label]));
      const cells = scaleCells(labels, null);
      expect(cells).toHaveLength(count);
      expect(cells.map((c) => c.scale)).toEqual(weightScales(count).map((s) => Number(s.toPrecision(3))));
      cells.forEach((c, i) => expect([c.bnRunId, c.plainRunId]).toEqual([100 + 2 * i, 101 + 2 * i]));
    }
  });
});
