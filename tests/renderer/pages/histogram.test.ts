import { describe, expect, it } from 'vitest';
import { histogram } from '../../../renderer/charts/histogram';

describe('histogram', () => {
  it('counts every finite value once, the maximum in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(h.bins).toHaveLength(5);
    expect(h.bins.map((b) => b.count)).toEqual([2, 2, 2, 2, 3]);
    expect(h.bins[0]!.x0).toBe(0);
    expect(h.bins[4]!.x1).toBe(10);
    expect(h.count).toBe(11);
  });

  it('gives mean and standard deviation (population)', () => {
    const h = histogram([2, 4, 4, 4, 5, 5, 7, 9], 4);
    expect(h.mean).toBe(5);
    expect(h.std).toBe(2);
    expect(h.min).toBe(2);
    expect(h.max).toBe(9);
  });

  it('skips NaN and infinities', () => {
    const h = histogram([1, Number.NaN, 2, Infinity, -Infinity], 2);
    expect(h.count).toBe(2);
    expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(2);
  });

  it('puts all-equal values in one bin around them', () => {
    const h = histogram(new Float32Array(100), 30);
    expect(h.bins).toHaveLength(1);
    expect(h.bins[0]).toMatchObject({ x0: -0.5, x1: 0.5, count: 100 });
  });

  it('is empty for no values', () => {
    expect(histogram([], 10)).toMatchObject({ bins: [], count: 0 });
  });

  it('matches a direct count on Gaussian-like weights', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i * 12.9898) * 0.1);
    const h = histogram(values, 40);
    expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(values.length);
    for (const bin of h.bins.slice(0, -1)) {
      expect(bin.count).toBe(values.filter((v) => v >= bin.x0 && v < bin.x1).length);
    }
  });
});
