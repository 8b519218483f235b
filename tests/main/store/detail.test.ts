// Reading runs for charts and files: downsampled losses, side-by-side comparison with the settings
// that differ, the metrics CSV, the weights.

import { afterEach, describe, expect, it } from 'vitest';
import type { IterationLoss } from '../../../main/api/contract';
import { RunStore } from '../../../main/store/RunStore';
import fc from 'fast-check';
import { downsampleLosses, downsampleLossStream, type LossPoint } from '../../../main/store/downsample';
import { leafPaths } from '../../../main/store/differences';
import { addRun, experiment, refusal, weightsText } from './fixtures';

let store: RunStore;
afterEach(() => store?.close());

function losses(from: number, to: number, lossOf: (i: number) => number): IterationLoss[] {
  return Array.from({ length: to - from + 1 }, (_, k) => ({ iteration: from + k, loss: lossOf(from + k) }));
}

describe('getRun', () => {
  it('downsamples 10,000 losses to at most 2,000 bucket means, keeping the first and last', () => {
    store = RunStore.open(':memory:');
    const id = addRun(store, { epochs: 0 });
    const lossOf = (i: number) => 3 + Math.sin(i / 50) + i / 10_000;
    for (let from = 1; from <= 10_000; from += 1000)
      store.writeProgress(id, { losses: losses(from, from + 999, lossOf), epochs: [], iterationsDone: from + 999 });

    const run = store.getRun(id);
    expect(run.losses.length).toBeLessThanOrEqual(2000);
    expect(run.losses.length).toBeGreaterThan(1900);
    expect(run.losses[0]).toEqual({ iteration: 1, loss: lossOf(1) });
    expect(run.losses.at(-1)).toEqual({ iteration: 10_000, loss: lossOf(10_000) });
    // Buckets are runs of consecutive iterations a..e, one after another: walk them, recovering each
    // end e from the rounded mean iteration, and check the point's loss is the mean of lossOf(a..e).
    const inner = run.losses.slice(1, -1);
    let a = 2;
    for (const point of inner) {
      const end = [2 * point.iteration - a - 1, 2 * point.iteration - a, 2 * point.iteration - a + 1].find((e) => {
        if (e < a || Math.round((a + e) / 2) !== point.iteration) return false;
        let sum = 0;
        for (let i = a; i <= e; i++) sum += lossOf(i);
        return Math.abs(sum / (e - a + 1) - point.loss) < 1e-9;
      });
      expect(end, `the bucket from iteration ${a}`).toBeDefined();
      a = end! + 1;
    }
    expect(a).toBe(10_000); // the buckets covered every iteration between the first and the last
  });

  it('read one point at a time, gives the very numbers of the buckets taken from the whole curve', () => {
    // The buckets as defined (first and last alone, the rest in maxPoints − 2 runs of consecutive points),
    // computed from the whole array: what the store's row-by-row reading must equal to the last bit.
    const byDefinition = (points: LossPoint[], maxPoints: number): IterationLoss[] => {
      if (points.length <= maxPoints) return points.map(([iteration, loss]) => ({ iteration, loss }));
      const between = points.length - 2;
      const buckets = maxPoints - 2;
      const middle = Array.from({ length: buckets }, (_, k) => {
        const part = points.slice(1 + Math.floor((k * between) / buckets), 1 + Math.floor(((k + 1) * between) / buckets));
        let iterations = 0;
        let losses = 0;
        for (const [iteration, loss] of part) {
          iterations += iteration;
          losses += loss;
        }
        return { iteration: Math.round(iterations / part.length), loss: losses / part.length };
      });
      const [first, last] = [points[0], points[points.length - 1]];
      return [{ iteration: first![0], loss: first![1] }, ...middle, { iteration: last![0], loss: last![1] }];
    };
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { maxLength: 400 }), fc.integer({ min: 2, max: 60 }), (values, maxPoints) => {
        const points = values.map((loss, i): LossPoint => [i * 3 + 1, loss]);
        function* oneByOne(): Generator<LossPoint> {
          yield* points;
        }
        const expected = byDefinition(points, maxPoints);
        expect(downsampleLossStream(oneByOne(), points.length, maxPoints)).toEqual(expected);
        expect(downsampleLosses(points, maxPoints)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('means of a small case, by hand', () => {
    const points: [number, number][] = [
      [1, 10],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
      [7, 6],
      [8, 7],
      [9, 8],
      [10, 9],
      [11, 20],
    ];
    expect(downsampleLosses(points, 5)).toEqual([
      { iteration: 1, loss: 10 },
      { iteration: 3, loss: 2 },
      { iteration: 6, loss: 5 },
      { iteration: 9, loss: 8 },
      { iteration: 11, loss: 20 },
    ]);
    expect(downsampleLosses(points, 2)).toEqual([
      { iteration: 1, loss: 10 },
      { iteration: 11, loss: 20 },
    ]);
    expect(downsampleLosses(points, 11)).toHaveLength(11);
  });

  it('returns every loss when they fit, every epoch always, and the experiment', () => {
    store = RunStore.open(':memory:');
    const exp = experiment({ lr: 0.05 });
    const id = addRun(store, { experiment: exp, epochs: 40, iterationsPerEpoch: 5 });
    const run = store.getRun(id, 500);
    expect(run.losses).toHaveLength(200);
    expect(run.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(run.experiment).toEqual(exp);
    expect(store.getRun(id, 10).losses).toHaveLength(10);
  });

  it('refuses a maxPoints that makes no sense', () => {
    store = RunStore.open(':memory:');
    const id = addRun(store);
    for (const bad of [1, 0, 2.5, -3, Number.NaN]) expect(refusal(() => store.getRun(id, bad)).kind).toBe('usage');
  });
});

describe('compareRuns', () => {
  it('aligns epochs by number, puts losses on one axis and finds the settings that differ', () => {
    store = RunStore.open(':memory:');
    const a = addRun(store, { experiment: experiment({ lr: 0.1, units: 8 }), epochs: 3, lossOf: () => 1 });
    const b = addRun(store, { experiment: experiment({ lr: 0.01, units: 16, trainLimit: 300 }), epochs: 5, lossOf: () => 2 });
    const c = addRun(store, { experiment: experiment({ lr: 0.1, units: 8, source: 'circles' }), epochs: 1, lossOf: (i) => i });
    const cmp = store.compareRuns([a, b, c]);

    expect(cmp.runs.map((r) => r.id)).toEqual([a, b, c]);
    expect(cmp.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(cmp.epochs[0]!.values[c]).toMatchObject({ iteration: 10 });
    const { epoch: _four, ...fourth } = store.getRun(b).epochs[3]!;
    expect(cmp.epochs[3]!.values).toEqual({ [a]: null, [b]: fourth, [c]: null });
    expect(cmp.epochs[2]!.values[a]).not.toBeNull();

    expect(cmp.losses.map((l) => l.iteration)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(cmp.losses[4]!.values).toEqual({ [a]: 1, [b]: 2, [c]: 5 });
    expect(cmp.losses[29]!.values).toEqual({ [a]: 1, [b]: 2, [c]: null });
    expect(cmp.losses[49]!.values).toEqual({ [a]: null, [b]: 2, [c]: null });

    expect(cmp.differences).toEqual([
      { path: 'model.layers[0].units', values: { [a]: 8, [b]: 16, [c]: 8 } },
      { path: 'data.source', values: { [a]: 'spiral', [b]: 'spiral', [c]: 'circles' } },
      { path: 'training.optimizer.lr', values: { [a]: 0.1, [b]: 0.01, [c]: 0.1 } },
      { path: 'data.trainLimit', values: { [a]: null, [b]: 300, [c]: null } },
    ]);
  });

  it("downsamples the common axis, keeping the first and last iteration and each run's bucket means", () => {
    store = RunStore.open(':memory:');
    const long = addRun(store, { epochs: 100, iterationsPerEpoch: 100, lossOf: () => 4 }); // 10,000 iterations
    const short = addRun(store, { epochs: 30, iterationsPerEpoch: 100, lossOf: (i) => (i % 2 ? 1 : 3) }); // 3,000
    const cmp = store.compareRuns([long, short], 200);
    expect(cmp.losses.length).toBeLessThanOrEqual(200);
    expect(cmp.losses[0]).toEqual({ iteration: 1, values: { [long]: 4, [short]: 1 } });
    expect(cmp.losses.at(-1)).toEqual({ iteration: 10_000, values: { [long]: 4, [short]: null } });
    const iterations = cmp.losses.map((l) => l.iteration);
    expect(iterations).toEqual([...iterations].sort((x, y) => x - y));
    for (const row of cmp.losses.slice(1, -1)) {
      expect(row.values[long]).toBeCloseTo(4, 12);
      // Each bucket spans ~50 iterations: the short run's alternating 1, 3 averages to about 2.
      if (row.iteration < 2950) expect(row.values[short]).toBeGreaterThan(1.9);
      if (row.iteration < 2950) expect(row.values[short]).toBeLessThan(2.1);
      if (row.iteration > 3050) expect(row.values[short]).toBeNull();
    }
  });

  it('refuses too few, too many, repeated or unknown runs', () => {
    store = RunStore.open(':memory:');
    const a = addRun(store);
    const b = addRun(store);
    expect(refusal(() => store.compareRuns([a])).message).toBe('Compare 2 to 50 runs at a time, not 1.');
    expect(refusal(() => store.compareRuns(Array.from({ length: 51 }, (_, i) => i + 1))).message).toBe('Compare 2 to 50 runs at a time, not 51.');
    expect(refusal(() => store.compareRuns([a, a])).kind).toBe('usage');
    const missing = refusal(() => store.compareRuns([a, b, 99]));
    expect(missing.kind).toBe('missing');
    expect(missing.message).toBe('There is no run 99.');
  });

  it('names every leaf of an experiment by its path', () => {
    expect([...leafPaths({ a: { b: [1, { c: 2 }] }, d: [], e: {} }).entries()]).toEqual([
      ['a.b[0]', 1],
      ['a.b[1].c', 2],
      ['d', []],
      ['e', {}],
    ]);
  });
});

describe('metrics CSV and weights', () => {
  it('writes one line per epoch, numbers as JavaScript prints them', () => {
    store = RunStore.open(':memory:');
    const id = addRun(store, { epochs: 0 });
    store.writeProgress(id, {
      losses: [],
      epochs: [
        { epoch: 1, iteration: 600, trainLoss: 0.1 + 0.2, trainAcc: 0.9, testAcc: 0.8875, testLoss: 1e-7, seconds: 12 },
        { epoch: 2, iteration: 1200, trainLoss: 0.25, trainAcc: 1, testAcc: 0.95, testLoss: 123456789.5, seconds: 11.5 },
      ],
      iterationsDone: 1200,
    });
    expect(store.metricsCsv(id)).toBe(
      'epoch,iteration,train_loss,train_acc,test_acc,test_loss,seconds\n' +
        '1,600,0.30000000000000004,0.9,0.8875,1e-7,12\n' +
        '2,1200,0.25,1,0.95,123456789.5,11.5\n',
    );
    const empty = addRun(store, { epochs: 0 });
    expect(store.metricsCsv(empty)).toBe('epoch,iteration,train_loss,train_acc,test_acc,test_loss,seconds\n');
  });

  it('keeps the weights text as given, and says whether a run has weights', () => {
    store = RunStore.open(':memory:');
    const id = addRun(store);
    expect(store.getWeights(id)).toBeNull();
    expect(store.getRun(id).hasWeights).toBe(false);
    const text = weightsText(experiment());
    store.saveWeights(id, text);
    expect(store.getWeights(id)).toBe(text);
    expect(store.listRuns({}).runs[0]!.hasWeights).toBe(true);
    expect(refusal(() => store.getWeights(42)).message).toBe('There is no run 42.');
  });
});
