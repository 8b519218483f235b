import { describe, expect, it } from 'vitest';
import { niceScale } from '../../../renderer/charts/ticks';

describe('nice axis ticks', () => {
  it('uses round steps covering the data', () => {
    expect(niceScale(0, 2.6, 5)).toEqual({ min: 0, max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(0, 2.3, 6).ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceScale(0, 1500, 5).ticks).toEqual([0, 500, 1000, 1500]);
    expect(niceScale(0, 1800, 6).ticks).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceScale(0.8, 1, 5).ticks).toEqual([0.8, 0.85, 0.9, 0.95, 1]);
  });

  it('handles a flat or reversed range and bad input', () => {
    expect(niceScale(0, 0).ticks[0]).toBeLessThan(0);
    expect(niceScale(5, 1).min).toBeLessThanOrEqual(1);
    expect(niceScale(Number.NaN, 1)).toMatchObject({ min: 0, max: 1 });
  });

  it('never gives more than about twice the asked count', () => {
    for (const hi of [0.013, 0.7, 3.3, 47, 999, 12345]) {
      const { ticks, min, max } = niceScale(0, hi, 5);
      expect(ticks.length).toBeLessThanOrEqual(10);
      expect(min).toBeLessThanOrEqual(0);
      expect(max).toBeGreaterThanOrEqual(hi);
    }
  });
});
