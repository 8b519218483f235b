// The rule that tells a learner a run blew up without a NaN. The real cases train for real (the Trainer
// gives the worker's numbers, iteration for iteration) and hand their losses to the watch, exactly as the
// run manager does; the edge cases are written out so each threshold is seen to hold on both sides.

import { describe, expect, it } from 'vitest';
import {
  LOSS_CEILING,
  LossWatch,
  checkDivergence,
  describeDivergence,
  divergenceOfRun,
  peakWindow,
  readDivergenceWarning,
  type DivergenceEvidence,
  type DivergenceWarning,
} from '../../engine/divergence';
import type { OptimizerSettings } from '../../engine/experiment';
import { Network } from '../../engine/network';
import { loadDataSource } from '../../engine/node/datasets';
import { Trainer } from '../../engine/trainer';

const LOSS: { type: 'softmax-with-loss' } = { type: 'softmax-with-loss' };
const twoLayerNet = (init: string | number = 'he') => ({
  input: [1, 28, 28],
  layers: [{ type: 'affine', units: 50, init }, { type: 'relu' }, { type: 'affine', units: 10, init }, LOSS],
});

/** Trains for real and returns the watch's verdict, and the same verdict recomputed from the whole run. */
async function verdictOf(model: object, data: Record<string, unknown>, optimizer: OptimizerSettings, batchSize: number, epochs: number) {
  const dataset = await loadDataSource(data as never);
  const settings = { optimizer, batchSize, epochs, weightDecay: 0, seed: 1 };
  const network = new Network(model, { seed: 1 });
  const watch = new LossWatch(batchSize);
  const losses: number[] = [];
  const epochMetrics: { epoch: number; trainLoss: number; trainAcc: number }[] = [];
  for (const event of new Trainer(network, dataset, settings).run()) {
    if (event.type === 'iteration') {
      watch.add(event.loss);
      losses.push(event.loss);
    } else {
      epochMetrics.push(event);
    }
  }
  const live = watch.verdict(epochMetrics.at(-1) ?? null, network.plan.classes);
  expect(divergenceOfRun(losses, [...epochMetrics].reverse(), network.plan.classes, batchSize)).toEqual(live);
  return { warning: live, last: epochMetrics.at(-1)!, first: losses[0] };
}

describe('runs that blew up are named', () => {
  it('SGD at lr 10⁶ on MNIST: the loss rose from the untrained 2.46 to the pinned 14.2, never NaN', async () => {
    const { warning, last, first } = await verdictOf(twoLayerNet(), { source: 'mnist', trainLimit: 1000 }, { type: 'sgd', lr: 1e6 }, 100, 3);
    expect(Number.isFinite(last.trainLoss)).toBe(true);
    expect(warning).toEqual({ code: 'loss-rose', from: first, to: last.trainLoss });
    expect(describeDivergence(warning!)).toBe('the loss rose from 2.46 to 14.2 — the learning rate is probably too high');
  });

  it('SGD at lr 10 on MNIST: a spike that killed every ReLU, then back at ln 10 with chance accuracy', async () => {
    const { warning, last } = await verdictOf(twoLayerNet(), { source: 'mnist', trainLimit: 1000 }, { type: 'sgd', lr: 10 }, 100, 3);
    // The end alone looks ordinary: the last epoch's loss is the uniform guess's.
    expect(last.trainLoss).toBeCloseTo(Math.log(10), 0);
    expect(warning?.code).toBe('loss-spiked');
    expect(describeDivergence(warning!)).toMatch(
      /^the loss jumped from 2\.46 to 8\.\d\d, and the accuracy ended at chance \(\d\.\d%\) — the learning rate is probably too high$/,
    );
  });

  it('initial weights of std 10: the loss starts at the ceiling and stays, whatever the small step', async () => {
    const { warning, first } = await verdictOf(twoLayerNet(10), { source: 'mnist', trainLimit: 1000 }, { type: 'sgd', lr: 0.01 }, 100, 3);
    expect(first).toBeGreaterThan(14);
    expect(warning).toMatchObject({ code: 'loss-at-ceiling', ceiling: LOSS_CEILING });
    expect(describeDivergence(warning!)).toMatch(
      /^the loss stayed near the most the cross-entropy gives \(1\d\.\d of at most 16\.1\), with the accuracy at chance \(\d+\.\d%\) — the initial weights are probably too large, or the learning rate too high$/,
    );
  });
});

describe('runs that did not blow up are left alone', () => {
  it('a healthy run, and a slow but sound one', async () => {
    expect((await verdictOf(twoLayerNet(), { source: 'mnist', trainLimit: 1000 }, { type: 'sgd', lr: 0.1 }, 100, 3)).warning).toBeNull();
    const slow = await verdictOf(twoLayerNet(0.01), { source: 'mnist', trainLimit: 1000 }, { type: 'sgd', lr: 0.001 }, 100, 3);
    expect(slow.last.trainAcc).toBeLessThan(0.3); // it has hardly started learning, and that is no blow-up
    expect(slow.warning).toBeNull();
  });

  it('Adam at 0.1: a loud start (9.5) that it recovers from, learning to 78 %', async () => {
    const { warning, last } = await verdictOf(twoLayerNet(), { source: 'mnist', trainLimit: 1000 }, { type: 'adam', lr: 0.1 }, 100, 3);
    expect(last.trainAcc).toBeGreaterThan(0.7);
    expect(warning).toBeNull();
  });

  it('models that cannot learn their set, one sample per step: linear on circles and on XOR, a 2-unit net on spiral', async () => {
    const linear = (classes: number) => ({ input: [2], layers: [{ type: 'affine', units: classes }, LOSS] });
    const circles = await verdictOf(linear(2), { source: 'circles', samples: 300, noise: 0.3 }, { type: 'sgd', lr: 1 }, 1, 3);
    const xor = await verdictOf(linear(2), { source: 'xor', samples: 300, noise: 0.3 }, { type: 'sgd', lr: 1 }, 1, 3);
    const tiny = { input: [2], layers: [{ type: 'affine', units: 2 }, { type: 'relu' }, { type: 'affine', units: 3 }, LOSS] };
    const spiral = await verdictOf(tiny, { source: 'spiral', samples: 300, noise: 0.5 }, { type: 'adam', lr: 0.05 }, 1, 3);
    for (const run of [circles, xor, spiral]) {
      expect(run.last.trainAcc).toBeLessThan(0.65); // they did not learn, as the learner expected
      expect(run.warning).toBeNull();
    }
  });

  it('a MNIST net behind 90 % dropout, stuck near ln 10', async () => {
    const model = {
      input: [1, 28, 28],
      layers: [{ type: 'affine', units: 20, init: 'he' }, { type: 'relu' }, { type: 'dropout', ratio: 0.9 }, { type: 'affine', units: 10 }, LOSS],
    };
    expect((await verdictOf(model, { source: 'mnist', trainLimit: 500 }, { type: 'sgd', lr: 0.1 }, 20, 3)).warning).toBeNull();
  });
});

describe('the thresholds, on both sides', () => {
  const evidence = (e: Partial<DivergenceEvidence>): DivergenceEvidence => ({ first: 2.3, peak: 2.3, end: 2.3, accuracy: 0.5, classes: 10, ...e });
  const bar = 2 * Math.log(10);

  it('loss-rose: twice the larger of the first loss and ln C', () => {
    expect(checkDivergence(evidence({ first: 2, end: bar }))).toEqual({ code: 'loss-rose', from: 2, to: bar });
    expect(checkDivergence(evidence({ first: 2, end: bar - 0.01 }))).toBeNull();
    // A lucky first mini-batch (0.3) does not lower the bar below twice the uniform guess…
    expect(checkDivergence(evidence({ first: 0.3, end: 4 }))).toBeNull();
    // …and a high start raises it.
    expect(checkDivergence(evidence({ first: 3, end: 5.99 }))).toBeNull();
    expect(checkDivergence(evidence({ first: 3, end: 6 }))?.code).toBe('loss-rose');
  });

  it('loss-at-ceiling: within a quarter of the one-class collapse, and only at chance accuracy', () => {
    const collapse10 = 0.9 * LOSS_CEILING; // 14.5: ten even classes, all probability on one
    expect(checkDivergence(evidence({ first: 15, end: 0.75 * collapse10, accuracy: 0.15 }))?.code).toBe('loss-at-ceiling');
    expect(checkDivergence(evidence({ first: 15, end: 0.75 * collapse10 - 0.01, accuracy: 0.1 }))).toBeNull();
    expect(checkDivergence(evidence({ first: 15, end: 14, accuracy: 0.16 }))).toBeNull();
    // Two classes: the collapse scores half the ceiling, 8.06.
    expect(checkDivergence(evidence({ classes: 2, first: 7, end: 8.06, accuracy: 0.5 }))?.code).toBe('loss-at-ceiling');
  });

  it('loss-spiked: a high stretch counts only when the run ended at chance', () => {
    expect(checkDivergence(evidence({ peak: bar, accuracy: 0.15 }))?.code).toBe('loss-spiked');
    expect(checkDivergence(evidence({ peak: bar, accuracy: 0.16 }))).toBeNull();
    expect(checkDivergence(evidence({ peak: bar - 0.01, accuracy: 0.1 }))).toBeNull();
  });

  it('a stretch is at least 200 samples and 10 iterations: one bad step at chance is not a spike', () => {
    expect([1, 10, 20, 100, 1000].map(peakWindow)).toEqual([200, 20, 10, 10, 10]);
    const watch = new LossWatch(100);
    for (let i = 0; i < 30; i++) watch.add(i === 5 ? LOSS_CEILING : 2.3);
    expect(watch.verdict({ trainLoss: 2.3, trainAcc: 0.1 }, 10)).toBeNull();
  });

  it('the watch skips what is not a number, and says nothing before it has seen a loss', () => {
    const watch = new LossWatch(100);
    expect(watch.verdict(null, 10)).toBeNull();
    for (const loss of [2.3, Number.NaN, 14, Number.POSITIVE_INFINITY, 14]) watch.add(loss);
    // No epoch ended: the latest stretch's mean stands for the end.
    expect(watch.verdict(null, 10)).toEqual({ code: 'loss-rose', from: 2.3, to: (2.3 + 14 + 14) / 3 });
  });
});

describe('a stored warning read back', () => {
  const warnings: DivergenceWarning[] = [
    { code: 'loss-rose', from: 2.3, to: 14.6 },
    { code: 'loss-spiked', from: 2.3, peak: 8.5, accuracy: 0.097 },
    { code: 'loss-at-ceiling', loss: 14.2, ceiling: LOSS_CEILING, accuracy: 0.1 },
  ];

  it('keeps its code and numbers through JSON, the English sentence aside', () => {
    for (const w of warnings) expect(readDivergenceWarning(JSON.parse(JSON.stringify({ ...w, message: describeDivergence(w) })))).toEqual(w);
  });

  it('is null, never a throw, for anything else a database may hold', () => {
    for (const junk of [
      null,
      'text',
      3,
      [],
      {},
      { code: 'loss-rose', from: 2.3 },
      { code: 'loss-rose', from: '2.3', to: 14 },
      { code: 'other', from: 1, to: 2 },
      { code: 'toString' },
    ]) {
      expect(readDivergenceWarning(junk)).toBeNull();
    }
  });
});
