// The gradient check lab's formatting logic: the models it offers and their entry counts, the numbers in
// the table, the durations, and the time comparison — measured when every entry was checked, scaled by
// proportion (and only then) when a sample was.

import { describe, expect, it } from 'vitest';
import type { GradientCheckReport } from '../../../main/api/contract';
import {
  compactScientific,
  compareTimes,
  countEntries,
  duration,
  readBatch,
  readSamples,
  roundRatio,
  scientific,
  smallConvNet,
  tableRows,
  twoLayerNet,
} from '../../../renderer/labs/gradcheck/format';

const num = (value: number, digits = 6) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

function report(overrides: Partial<GradientCheckReport> = {}): GradientCheckReport {
  return {
    params: [
      { name: 'W1', shape: [784, 50], checked: 100, total: 39200, atKinks: 0, meanAbsDiff: 3.2e-11, maxAbsDiff: 1.5e-10, maxRelError: 2.25e-7, passed: true },
      { name: 'b1', shape: [50], checked: 50, total: 50, atKinks: 2, meanAbsDiff: 0, maxAbsDiff: 0, maxRelError: 0, passed: true },
    ],
    passed: true,
    tolerance: 1e-5,
    h: 1e-5,
    relativeErrorFloor: 1e-4,
    batch: 3,
    data: 'mnist',
    numericalMs: 50,
    backpropMs: 0.5,
    totalEntries: 39250,
    checkedEntries: 150,
    ...overrides,
  };
}

describe('the models on offer', () => {
  it('TwoLayerNet: 784·50 + 50 + 50·10 + 10 = 39,760 entries in 4 parameters', () => {
    expect(countEntries(twoLayerNet(), 0)).toEqual({ checked: 39760, total: 39760, params: 4 });
    // 100 of W1, all 50 of b1, 100 of W2, all 10 of b2.
    expect(countEntries(twoLayerNet(), 100)).toEqual({ checked: 260, total: 39760, params: 4 });
  });

  it('the book’s small SimpleConvNet: 90 + 10 + 1,600 + 10 + 100 + 10 = 1,820 entries', () => {
    expect(countEntries(smallConvNet(), 0)).toEqual({ checked: 1820, total: 1820, params: 6 });
  });

  it('a model that cannot be built has no count', () => {
    expect(countEntries({ input: [4], layers: [{ type: 'affine', units: 3 }] }, 10)).toBeNull();
  });

  it('reads the fields strictly', () => {
    expect(readSamples('100')).toBe(100);
    expect(readSamples(' 7 ')).toBe(7);
    for (const bad of ['', '0', '-3', '2.5', 'all', '1e3']) expect(readSamples(bad), bad).toBeNull();
    expect(readBatch('3')).toBe(3);
    expect(readBatch('100')).toBe(100);
    for (const bad of ['0', '101', 'x', '']) expect(readBatch(bad), bad).toBeNull();
  });
});

describe('the table', () => {
  it('writes differences in scientific notation, 0 as 0', () => {
    expect(scientific(2.25e-7)).toBe('2.25e-7');
    expect(scientific(1.5e-10)).toBe('1.50e-10');
    expect(scientific(0)).toBe('0');
    expect(scientific(123)).toBe('1.23e2');
  });

  it('one row per parameter with its shape, entries and verdict', () => {
    expect(tableRows(report())).toEqual([
      { name: 'W1', shape: '784×50', checked: 100, total: 39200, atKinks: 0, mean: '3.20e-11', max: '1.50e-10', relative: '2.25e-7', passed: true },
      { name: 'b1', shape: '50', checked: 50, total: 50, atKinks: 2, mean: '0', max: '0', relative: '0', passed: true },
    ]);
  });
});

describe('the two times', () => {
  it('durations read naturally', () => {
    expect(duration(0.4567, num)).toBe('0.46 ms');
    expect(duration(3.21, num)).toBe('3.2 ms');
    expect(duration(37.4, num)).toBe('37 ms');
    expect(duration(1834, num)).toBe('1.83 s');
    expect(duration(18_345, num)).toBe('18.3 s');
  });

  it('a complete check compares the measured times directly', () => {
    const c = compareTimes(report({ checkedEntries: 39250, numericalMs: 18_000, backpropMs: 4 }));
    expect(c).toEqual({ complete: true, numericalMs: 18_000, backpropMs: 4, numericalAllMs: 18_000, ratio: 4500 });
  });

  it('a sampled check scales the numerical time by the number of entries, and says so', () => {
    const c = compareTimes(report());
    expect(c.complete).toBe(false);
    expect(c.numericalAllMs).toBeCloseTo((50 * 39250) / 150, 9);
    expect(c.ratio).toBeCloseTo((50 * 39250) / 150 / 0.5, 6);
  });

  it('a backward pass faster than the clock does not divide by zero', () => {
    expect(Number.isFinite(compareTimes(report({ backpropMs: 0 })).ratio)).toBe(true);
  });

  it('rounds the ratio to what the clock can tell', () => {
    expect(roundRatio(26166.7)).toBe(26200);
    expect(roundRatio(56.7)).toBe(57);
    expect(roundRatio(3.21)).toBe(3.2);
  });
});

it('writes the check’s constants compactly', () => {
  expect(compactScientific(1e-5)).toBe('1e-5');
  expect(compactScientific(1e-4)).toBe('1e-4');
  expect(compactScientific(1.5e-7)).toBe('1.5e-7');
  expect(compactScientific(2.25e-7)).toBe('2.25e-7');
});
