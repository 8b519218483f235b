// The inference path of evaluation — FastInference (a convolution fused with the ReLU and max pooling
// after it, in WebAssembly) and the Evaluator around it — held to Network.predict and the readable
// layers to the last bit, and to trainer.ts's `evaluate` number for number.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../engine/data/dataset';
import { Evaluator, evaluateDetailed, evaluateRange, evaluateTaking, mergeTaken, sharedEvaluation } from '../../../engine/evaluation';
import { affineChains } from '../../../engine/kernels/wasmGemm';
import { FastInference } from '../../../engine/layers/fast/inference';
import type { ModelSpec } from '../../../engine/model';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { evaluate } from '../../../engine/trainer';
import type { Tensor } from '../../../engine/tensor';
import { expectSame, randomTensor, rngFor, tiedTensor } from './compare';

const softmax = { type: 'softmax-with-loss' };
const example = (name: string): ModelSpec => JSON.parse(readFileSync(new URL(`../../../examples/${name}.dlab.json`, import.meta.url), 'utf8')).model;

const models: Record<string, ModelSpec> = {
  SimpleConvNet: example('simple-convnet'),
  TwoLayerNet: example('two-layer-net'),
  'three affine layers, a ReLU after the first only (one chain)': {
    input: [40],
    layers: [{ type: 'affine', units: 64 }, { type: 'relu' }, { type: 'affine', units: 33 }, { type: 'affine', units: 10 }, softmax],
  },
  'conv pad 1, relu, max pool 2 (fused), conv again, relu, max pool 2 (fused)': {
    input: [2, 12, 12],
    layers: [
      { type: 'conv', filters: 6, kernel: 3, pad: 1 },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2 },
      { type: 'conv', filters: 5, kernel: 3, pad: 1 },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2 },
      { type: 'affine', units: 10 },
      softmax,
    ],
  },
  'conv stride 2 pad 2, relu (fused, no pool): odd output width': {
    input: [3, 13, 13],
    layers: [{ type: 'conv', filters: 7, kernel: 5, stride: 2, pad: 2 }, { type: 'relu' }, { type: 'affine', units: 10 }, softmax],
  },
  'conv alone, then max pool (not fused: no ReLU between)': {
    input: [1, 14, 14],
    layers: [{ type: 'conv', filters: 8, kernel: 3, pad: 1 }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 10 }, softmax],
  },
  'conv, relu, average pool and overlapping max pool (not fused)': {
    input: [1, 12, 12],
    layers: [
      { type: 'conv', filters: 4, kernel: 3 },
      { type: 'relu' },
      { type: 'pool', mode: 'average', size: 2 },
      { type: 'conv', filters: 4, kernel: 2 },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2, stride: 1 },
      { type: 'affine', units: 10 },
      softmax,
    ],
  },
  'a conv too small for WebAssembly per sample (runs as the layers)': {
    input: [1, 5, 5],
    layers: [{ type: 'conv', filters: 2, kernel: 2 }, { type: 'relu' }, { type: 'affine', units: 3 }, softmax],
  },
  'affine, batchnorm, relu, dropout': {
    input: [1, 8, 8],
    layers: [{ type: 'affine', units: 30 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dropout', ratio: 0.3 }, { type: 'affine', units: 10 }, softmax],
  },
  'a toy net whose products sit around the WebAssembly threshold': {
    input: [2],
    layers: [{ type: 'affine', units: 3 }, { type: 'relu' }, { type: 'affine', units: 3 }, softmax],
  },
};

function inputs(model: ModelSpec, batch: number, kind: 'digits' | 'normal' | 'ties'): Tensor {
  const rng = rngFor(`${kind} ${batch}`);
  const shape = [batch, ...model.input];
  if (kind === 'ties') return tiedTensor(shape, 'float32', rng);
  const x = randomTensor(shape, 'float32', rng, kind === 'digits' ? 0.7 : 0);
  if (kind === 'digits') for (let i = 0; i < x.size; i++) x.data[i] = Math.abs(x.data[i]!) % 1;
  return x;
}

/** Trained-looking biases: some negative, so that a ReLU after the convolution cuts. */
function networks(model: ModelSpec): { fast: Network; reference: Network } {
  const fast = new Network(model, { seed: 11 });
  const reference = new Network(model, { seed: 11, implementation: 'reference' });
  const rng = rngFor('biases');
  for (const [name, p] of Object.entries(fast.params)) {
    if (!/^b\d+$/.test(name)) continue;
    for (let i = 0; i < p.size; i++) p.data[i] = (rng.uniform() - 0.6) * 0.5;
    reference.params[name]!.data.set(p.data);
  }
  return { fast, reference };
}

describe('FastInference predicts what Network.predict and the readable layers predict, to the last bit', () => {
  // Network.predict on the fast layers is the promise (the Trainer measures with it). The readable layers
  // agree with both up to evaluation's batches of 500; past that, Network.predict's slices can put a tiny
  // product on the JavaScript kernel where one pass over the batch would take WebAssembly (the toy net
  // at 700), and FastInference follows Network.predict.
  it.each(Object.entries(models))('%s', (_name, model) => {
    const { fast, reference } = networks(model);
    const inference = new FastInference(fast);
    for (const batch of [500, 123, 101, 7, 1, 700]) {
      for (const kind of ['digits', 'normal', 'ties'] as const) {
        const x = inputs(model, batch, kind);
        const expected = fast.predict(x).clone();
        expectSame(inference.predict(x), expected, `FastInference against Network.predict, batch ${batch}, ${kind}`);
        if (batch <= 500) expectSame(expected, reference.predict(x), `Network.predict against the readable layers, batch ${batch}, ${kind}`);
      }
    }
  });

  it('keeps NaN and infinity where the readable layers keep them (the fused kernel hands such a chunk back)', () => {
    const model = models['conv pad 1, relu, max pool 2 (fused), conv again, relu, max pool 2 (fused)']!;
    const { fast, reference } = networks(model);
    const x = inputs(model, 60, 'normal');
    x.data[5] = NaN;
    x.data[2 * 288 + 100] = Infinity;
    x.data[7 * 288 + 3] = -Infinity;
    x.data[40 * 288 + 17] = NaN;
    expectSame(new FastInference(fast).predict(x), reference.predict(x), 'scores with NaN and ±∞ in the input');
    fast.params.b1!.data[2] = NaN;
    reference.params.b1!.data[2] = NaN;
    expectSame(new FastInference(fast).predict(x), reference.predict(x), 'scores with a NaN bias');
  });

  it('runs affine layers and their ReLUs as one chain inside WebAssembly, and NaN and infinity the readable way', () => {
    for (const name of ['TwoLayerNet', 'three affine layers, a ReLU after the first only (one chain)', 'SimpleConvNet']) {
      const model = models[name]!;
      const { fast, reference } = networks(model);
      const x = inputs(model, 200, 'digits');
      const before = affineChains();
      expectSame(new FastInference(fast).predict(x), reference.predict(x), `${name}: scores`);
      expect(affineChains() - before, `${name}: the chain ran (once per slice)`).toBeGreaterThan(0);
      x.data[3] = Infinity;
      x.data[x.size - 5] = -Infinity;
      expectSame(new FastInference(fast).predict(x), reference.predict(x), `${name}: scores with ±∞ in the input`);
      const bias = Object.keys(fast.params)
        .filter((p) => /^b\d+$/.test(p))
        .pop()!;
      fast.params[bias]!.data[1] = NaN;
      reference.params[bias]!.data[1] = NaN;
      const withNaN = affineChains();
      expectSame(new FastInference(fast).predict(x), reference.predict(x), `${name}: scores with a NaN bias`);
      expect(affineChains() - withNaN, `${name}: a NaN sends the chain back to the layers`).toBe(0);
    }
  });

  it('keeps −0 where a convolution without ReLU puts it out', () => {
    const model = models['conv alone, then max pool (not fused: no ReLU between)']!;
    const { fast, reference } = networks(model);
    fast.params.b1!.data.fill(-0);
    reference.params.b1!.data.fill(-0);
    const x = inputs(model, 64, 'ties');
    x.data.fill(0, 0, 14 * 14 * 3); // all-zero windows: products of +0 and −0
    x.data[0] = -0;
    expectSame(new FastInference(fast).predict(x), reference.predict(x), 'scores');
  });

  it('leaves a training step alone: the next gradient is the one it would have been', () => {
    const model = models.SimpleConvNet;
    const a = networks(model!).fast,
      b = networks(model!).fast;
    const x = inputs(model!, 40, 'digits');
    const t = Uint8Array.from({ length: 40 }, (_, i) => i % 10);
    a.loss(x, t, true);
    b.loss(x, t, true);
    new FastInference(b).predict(inputs(model!, 300, 'normal'));
    a.gradient(x, t);
    b.gradient(x, t);
    for (const name of Object.keys(a.grads)) expectSame(b.grads[name]!, a.grads[name]!, `grad ${name}`);
  });

  it('refuses a float64 network, which runs the readable layers', () => {
    const network = new Network(models.SimpleConvNet, { dtype: 'float64' });
    expect(FastInference.supports(network)).toBe(false);
    expect(() => new FastInference(network)).toThrow(/float32/);
  });
});

describe('Evaluator: trainer.ts’s evaluate, number for number', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadDataSource({ source: 'mnist' });
  });

  it.each([
    ['SimpleConvNet, float32 (FastInference)', models.SimpleConvNet, 'float32'],
    ['SimpleConvNet, float64 (the readable layers)', models.SimpleConvNet, 'float64'],
    ['two-layer net', example('two-layer-net'), 'float32'],
  ] as const)('%s', (_name, model, dtype) => {
    const network = new Network(model, { seed: 5, dtype });
    const evaluator = new Evaluator(network, mnist.inputShape);
    for (const [start, end] of [
      [0, 1234],
      [17, 1100],
      [600, 604],
      [3, 3],
    ]) {
      expect(evaluateRange(evaluator, mnist.test, start, end), `${start}…${end}`).toEqual(evaluate(network, mnist.test, mnist.inputShape, start, end));
    }
  });

  it('measures a split through the shared counter with the figures of one pass, to the last bit', () => {
    const network = new Network(models.SimpleConvNet, { seed: 5 });
    const whole = evaluateDetailed(network, mnist.test, mnist.inputShape);
    expect(whole).toMatchObject(evaluate(network, mnist.test, mnist.inputShape));
    expect(whole.mistakes.length).toBe(100);
    const { lossSum: _sum, ...expected } = whole;
    const shared = sharedEvaluation(mnist.test.count);
    const part = evaluateTaking(network, mnist.test, mnist.inputShape, shared);
    expect(shared.next[0]).toBeGreaterThanOrEqual(Math.ceil(mnist.test.count / 500)); // every batch taken
    expect(mergeTaken([part], shared, mnist.test.count)).toEqual(expected);
    // A second taker that came too late finds nothing left and adds nothing.
    const late = evaluateTaking(network, mnist.test, mnist.inputShape, shared);
    expect(late.mistakes).toEqual([]);
    expect(mergeTaken([late, part], shared, mnist.test.count)).toEqual(expected);
  });

  it('merges takers’ mistakes by index: the first ones of the split, whoever took which batch', () => {
    const shared = sharedEvaluation(1500);
    shared.sums.set([400, 10.5, 450, 20.25, 300, 30.125]);
    const mistake = (index: number) => ({ index, label: 1, predicted: 2, probability: 0.5 });
    const confusion = (v: number) => [
      [v, 1],
      [2, v],
    ];
    // taker A measured batches 0 and 2, taker B batch 1; each kept its own first three mistakes
    const a = { confusion: confusion(10), mistakes: [3, 9, 1010].map(mistake) };
    const b = { confusion: confusion(5), mistakes: [501, 502, 503].map(mistake) };
    const merged = mergeTaken([a, b], shared, 1500, 4);
    expect(merged.mistakes.map((m) => m.index)).toEqual([3, 9, 501, 502]);
    expect(merged.confusion).toEqual([
      [15, 2],
      [4, 15],
    ]);
    expect(merged.correct).toBe(1150);
    expect(merged.loss).toBe((0 + 10.5 + 20.25 + 30.125) / 1500);
  });
});
