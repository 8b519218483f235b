import { describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import type { Dataset, DataSplit } from '../../../engine/data/dataset';
import { makeToyDataset, toyDefaults, toyDescriptions, toyNames, type ToyName } from '../../../engine/data/toy';

const classCount: Record<ToyName, number> = { spiral: 3, circles: 2, xor: 2, blobs: 3 };

function bytesOf(ds: Dataset): number[] {
  const part = (s: DataSplit) => [...new Uint8Array(s.x.buffer, s.x.byteOffset, s.x.byteLength), ...s.y];
  return [...part(ds.train), ...part(ds.test)];
}

function histogram(labels: Uint8Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}

function points(ds: Dataset): Array<{ x: number; y: number; label: number }> {
  const out = [];
  for (const s of [ds.train, ds.test]) {
    for (let i = 0; i < s.count; i++) out.push({ x: s.x[2 * i]!, y: s.x[2 * i + 1]!, label: s.y[i]! });
  }
  return out;
}

function refusal(run: () => unknown): LabError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

describe.each(toyNames)('toy set %s', (name) => {
  const defaults = toyDefaults[name];

  it('has the shape, sizes and class count it promises', () => {
    const ds = makeToyDataset(name, { samples: 300, noise: 0.1 });
    expect(ds.source).toBe(name);
    expect(ds.inputShape).toEqual([2]);
    expect(ds.classes).toBe(classCount[name]);
    expect(ds.train.count).toBe(240);
    expect(ds.test.count).toBe(60);
    expect(ds.train.x).toBeInstanceOf(Float32Array);
    expect(ds.train.x.length).toBe(480);
    expect(ds.test.y.length).toBe(60);
    expect(ds.description).toContain(toyDescriptions[name]);
  });

  it('rounds the test split to 20 % of the points', () => {
    for (const [samples, test] of [
      [10, 2],
      [101, 20],
      [103, 21],
      [1001, 200],
    ]) {
      const ds = makeToyDataset(name, { samples: samples!, noise: 0 });
      expect(ds.test.count).toBe(test);
      expect(ds.train.count).toBe(samples! - test!);
    }
  });

  it('gives identical bytes for identical settings, and different points for different settings', () => {
    const a = makeToyDataset(name, defaults);
    const b = makeToyDataset(name, { ...defaults });
    expect(bytesOf(a)).toEqual(bytesOf(b));
    expect(bytesOf(makeToyDataset(name, { ...defaults, samples: defaults.samples + 1 }))).not.toEqual(bytesOf(a));
    const quiet = makeToyDataset(name, { samples: 200, noise: 0 });
    const noisy = makeToyDataset(name, { samples: 200, noise: 0.3 });
    expect(Array.from(noisy.train.x)).not.toEqual(Array.from(quiet.train.x));
  });

  it('changing only the noise keeps every point, its order and its class: the noise scales one fixed jitter', () => {
    const [none, low, mid, high] = [0, 0.1, 0.2, 0.3].map((noise) => makeToyDataset(name, { samples: 300, noise })) as [Dataset, Dataset, Dataset, Dataset];
    let sumSquares = 0;
    for (const split of ['train', 'test'] as const) {
      for (const ds of [low, mid, high]) {
        expect(ds[split].count).toBe(none[split].count);
        expect(Array.from(ds[split].y)).toEqual(Array.from(none[split].y));
      }
      const [x0, x1, x2, x3] = [none, low, mid, high].map((ds) => ds[split].x) as [
        Float32Array | Uint8Array,
        Float32Array | Uint8Array,
        Float32Array | Uint8Array,
        Float32Array | Uint8Array,
      ];
      for (let i = 0; i < x0.length; i++) {
        // Point i at noise σ is point i at noise 0 plus σ/0.1 times its jitter at 0.1 (exact before the
        // coordinates are stored as Float32, hence the tolerance of a few Float32 roundings).
        const jitter = x1[i]! - x0[i]!;
        expect(Math.abs(x2[i]! - x0[i]! - 2 * jitter)).toBeLessThan(2e-6);
        expect(Math.abs(x3[i]! - x0[i]! - 3 * jitter)).toBeLessThan(2e-6);
        sumSquares += jitter * jitter;
      }
    }
    // The jitter is real: standard normal draws times 0.1, on 600 coordinates.
    const rms = Math.sqrt(sumSquares / 600);
    expect(rms).toBeGreaterThan(0.08);
    expect(rms).toBeLessThan(0.12);
  });

  it('balances the classes in the whole set and in each split', () => {
    for (const samples of [300, 301, 302, 97]) {
      const ds = makeToyDataset(name, { samples, noise: 0.1 });
      for (const split of [ds.train, ds.test]) {
        const counts = histogram(split.y, ds.classes);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
      const all = histogram(Uint8Array.from([...ds.train.y, ...ds.test.y]), ds.classes);
      expect(Math.max(...all) - Math.min(...all)).toBeLessThanOrEqual(1);
    }
  });

  it('shuffles the points: no long runs of one class', () => {
    const ds = makeToyDataset(name, defaults);
    const first = new Set(ds.train.y.subarray(0, 20));
    expect(first.size).toBe(ds.classes);
    let longest = 1;
    let run = 1;
    for (let i = 1; i < ds.train.count; i++) {
      run = ds.train.y[i] === ds.train.y[i - 1] ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThan(15);
  });

  it('stays roughly within [-1.5, 1.5] at its default noise', () => {
    const ds = makeToyDataset(name, { ...defaults, samples: 3000 });
    const inside = points(ds).filter((p) => Math.abs(p.x) <= 1.5 && Math.abs(p.y) <= 1.5).length;
    expect(inside / 3000).toBeGreaterThan(0.99);
  });

  it('refuses samples outside 10…100,000 or not whole, and noise outside 0…2', () => {
    for (const samples of [9, 100001, 10.5, Number.NaN, -300]) {
      const e = refusal(() => makeToyDataset(name, { samples, noise: 0.1 }));
      expect(e.kind).toBe('data');
      expect(e.message).toBe(`The ${name} data set needs samples to be a whole number from 10 to 100,000, but it is ${samples}.`);
    }
    for (const noise of [-0.1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = refusal(() => makeToyDataset(name, { samples: 100, noise }));
      expect(e.message).toBe(`The ${name} data set needs noise to be a number from 0 to 2 (a standard deviation), but it is ${noise}.`);
    }
    // A value of the wrong kind is named for what it is, not printed blank ("but it is .").
    expect(refusal(() => makeToyDataset(name, { samples: '' as unknown as number, noise: 0.1 })).message).toMatch(/, but it is ""\.$/);
    expect(refusal(() => makeToyDataset(name, { samples: 100, noise: {} as unknown as number })).message).toMatch(/, but it is an object\.$/);
    expect(makeToyDataset(name, { samples: 10, noise: 2 }).train.count).toBe(8);
    expect(makeToyDataset(name, { samples: 100000, noise: 0 }).test.count).toBe(20000);
  });
});

describe('toy geometry without noise', () => {
  it('circles: an inner ring of radius 0.5 (class 0) and an outer ring of radius 1 (class 1)', () => {
    for (const p of points(makeToyDataset('circles', { samples: 200, noise: 0 }))) {
      expect(Math.hypot(p.x, p.y)).toBeCloseTo(p.label === 0 ? 0.5 : 1, 5);
    }
  });

  it('xor: class 0 where x and y share a sign, class 1 where they differ, off the axes', () => {
    for (const p of points(makeToyDataset('xor', { samples: 200, noise: 0 }))) {
      expect(Math.sign(p.x) * Math.sign(p.y)).toBe(p.label === 0 ? 1 : -1);
      expect(Math.min(Math.abs(p.x), Math.abs(p.y))).toBeGreaterThanOrEqual(0.0999);
      expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(1);
    }
  });

  it('spiral: arm k at radius r has angle 4k + 4r (cs231n), as atan2(x, y)', () => {
    for (const p of points(makeToyDataset('spiral', { samples: 300, noise: 0 }))) {
      const r = Math.hypot(p.x, p.y);
      expect(r).toBeLessThanOrEqual(1 + 1e-6);
      if (r < 1e-3) continue;
      const expected = 4 * p.label + 4 * r;
      const diff = Math.atan2(p.x, p.y) - expected;
      const wrapped = Math.atan2(Math.sin(diff), Math.cos(diff));
      expect(Math.abs(wrapped)).toBeLessThan(1e-4 / r + 1e-5);
    }
  });

  it('blobs: almost every point is nearest to its own centre', () => {
    const centres = [0, 1, 2].map((k) => {
      const angle = Math.PI / 2 + (2 * Math.PI * k) / 3;
      return [0.75 * Math.cos(angle), 0.75 * Math.sin(angle)];
    });
    const all = points(makeToyDataset('blobs', { samples: 900, noise: 0 }));
    const nearest = all.filter((p) => {
      const d = centres.map(([cx, cy]) => Math.hypot(p.x - cx!, p.y - cy!));
      return d.indexOf(Math.min(...d)) === p.label;
    });
    expect(nearest.length / all.length).toBeGreaterThan(0.97);
  });
});

describe('makeToyDataset', () => {
  it('refuses an unknown name', () => {
    const e = refusal(() => makeToyDataset('moons' as ToyName, { samples: 100, noise: 0 }));
    expect(e.message).toBe('There is no toy data set "moons": choose one of spiral, circles, xor, blobs.');
  });

  it('has a default and a description for every set', () => {
    for (const name of toyNames) {
      expect(toyDefaults[name].samples).toBeGreaterThanOrEqual(10);
      expect(toyDescriptions[name].length).toBeGreaterThan(20);
    }
  });
});
