import { describe, expect, it } from 'vitest';
import { downsampleMean, LossSeries, pickEvenly } from '../../../renderer/charts/downsample';

const ramp = (n: number) => Array.from({ length: n }, (_, i) => ({ iteration: i + 1, loss: i + 1 }));

describe('downsampleMean', () => {
  it('keeps short series as they are', () => {
    expect(downsampleMean(ramp(5), 10)).toEqual(ramp(5));
  });

  it('keeps the first and last point and averages buckets between', () => {
    const out = downsampleMean(ramp(10), 4);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({ iteration: 1, loss: 1 });
    expect(out[3]).toEqual({ iteration: 10, loss: 10 });
    // points 2..9 split in two buckets: 2..5 and 6..9
    expect(out[1]).toEqual({ iteration: 4, loss: 3.5 });
    expect(out[2]).toEqual({ iteration: 8, loss: 7.5 });
  });

  it('preserves the mean of a long series', () => {
    const points = ramp(1001);
    const out = downsampleMean(points, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    const mean = (ps: { loss: number }[]) => ps.reduce((a, p) => a + p.loss, 0) / ps.length;
    expect(mean(out)).toBeCloseTo(mean(points), 0);
  });
});

describe('LossSeries', () => {
  it('keeps every point while short, and the same array until it changes', () => {
    const s = new LossSeries(8);
    s.push(1, 2.3);
    s.push(2, 2.1);
    const a = s.points;
    expect(a).toEqual([
      { iteration: 1, loss: 2.3 },
      { iteration: 2, loss: 2.1 },
    ]);
    expect(s.points).toBe(a);
    s.push(3, 1.9);
    expect(s.points).not.toBe(a);
  });

  it('ignores losses that are not newer, and non-finite ones', () => {
    const s = new LossSeries(8);
    expect(s.push(5, 1)).toBe(true);
    expect(s.push(5, 2)).toBe(false);
    expect(s.push(3, 2)).toBe(false);
    expect(s.push(6, Number.NaN)).toBe(false);
    expect(s.points).toHaveLength(1);
  });

  it('never holds more than maxPoints however long the run', () => {
    const s = new LossSeries(64);
    for (let i = 1; i <= 100_000; i++) s.push(i, 1 / i);
    expect(s.points.length).toBeLessThanOrEqual(64);
    expect(s.points.length).toBeGreaterThan(16);
    expect(s.bucketSize).toBeGreaterThan(1000);
    const iterations = s.points.map((p) => p.iteration);
    expect([...iterations].sort((a, b) => a - b)).toEqual(iterations);
    expect(iterations[iterations.length - 1]).toBeGreaterThan(98_000);
  });

  it('averages, so a constant loss stays constant after merging', () => {
    const s = new LossSeries(16);
    for (let i = 1; i <= 5000; i++) s.push(i, 0.5);
    for (const p of s.points) expect(p.loss).toBeCloseTo(0.5, 12);
  });

  it('continues after a seed from stored history', () => {
    const s = new LossSeries(100);
    s.seed(ramp(50), 50);
    expect(s.lastIteration).toBe(50);
    expect(s.push(40, 1)).toBe(false);
    expect(s.push(51, 51)).toBe(true);
    expect(s.points[s.points.length - 1]!.iteration).toBeGreaterThanOrEqual(50);
  });
});

describe('pickEvenly', () => {
  it('keeps a short list as it is, and spreads a long one from its first to its last item', () => {
    const short = [1, 2, 3];
    expect(pickEvenly(short, 5)).toBe(short);
    const epochs = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const drawn = pickEvenly(epochs, 400);
    expect(drawn).toHaveLength(400);
    expect(drawn[0]).toBe(1);
    expect(drawn.at(-1)).toBe(10_000);
    // Real items, in order, none twice: each drawn point is one epoch's own value.
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]!).toBeGreaterThan(drawn[i - 1]!);
    expect(pickEvenly(epochs, 1)).toEqual([10_000]);
  });
});
