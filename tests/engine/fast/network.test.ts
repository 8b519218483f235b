// Whole networks, fast against reference: training steps give the same losses and weights, an
// evaluation between two steps changes nothing, the fast layers pass the gradient check in float64,
// and a Network picks its layers as documented.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCE, gradientCheck, randomizeBiases } from '../../../engine/gradcheck';
import { Convolution } from '../../../engine/layers/Convolution';
import { FastAffine } from '../../../engine/layers/fast/FastAffine';
import { FastConvolution } from '../../../engine/layers/fast/FastConvolution';
import { bestWasmGemm, heldAffineGradients, heldSparseDoutProducts, winnerGradients } from '../../../engine/kernels/wasmGemm';
import { FastSoftmaxWithLoss } from '../../../engine/layers/fast/FastSoftmaxWithLoss';
import { SoftmaxWithLoss } from '../../../engine/layers/SoftmaxWithLoss';
import type { ModelSpec } from '../../../engine/model';
import { Network, type Implementation } from '../../../engine/network';
import { createOptimizer } from '../../../engine/trainer';
import { Tensor } from '../../../engine/tensor';
import { expectSame, randomTensor, rngFor } from './compare';

const softmax = { type: 'softmax-with-loss' };
const example = (name: string): ModelSpec => JSON.parse(readFileSync(new URL(`../../../examples/${name}.dlab.json`, import.meta.url), 'utf8')).model;

/** The book's MultiLayerNetExtend: affine → batchnorm → relu → dropout, three times, then affine 10. */
const multiLayerNet: ModelSpec = {
  input: [1, 28, 28],
  layers: [
    ...[100, 100, 100].flatMap((units) => [{ type: 'affine', units }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dropout', ratio: 0.2 }]),
    { type: 'affine', units: 10 },
    softmax,
  ],
};

function batchOf(model: ModelSpec, batch: number, seed: string): { x: Tensor; t: Uint8Array } {
  const rng = rngFor(seed);
  // Digit-like: most pixels blank (exact zeros), the rest in (0, 1]
  const x = randomTensor([batch, ...model.input], 'float32', rng, 0.8);
  for (let i = 0; i < x.size; i++) x.data[i] = Math.abs(x.data[i]!) % 1;
  return { x, t: Uint8Array.from({ length: batch }, () => rng.int(10)) };
}

function train(model: ModelSpec, implementation: Implementation, steps: number, between?: (network: Network, step: number) => void) {
  const network = new Network(model, { seed: 4, implementation, weightDecay: 1e-4 });
  const optimizer = createOptimizer({ type: 'adam', lr: 0.001 });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { x, t } = batchOf(model, step % 2 ? 40 : 50, `batch ${step}`); // two batch sizes: buffers re-made
    losses.push(network.gradient(x, t));
    optimizer.update(network.params, network.grads);
    between?.(network, step);
  }
  return { network, losses };
}

function expectSameWeights(a: Network, b: Network): void {
  for (const name of Object.keys(b.params)) expectSame(a.params[name]!, b.params[name]!, name);
  for (const name of Object.keys(b.buffers)) expectSame(a.buffers[name]!, b.buffers[name]!, name);
}

describe('a network on the fast layers trains exactly as on the readable ones', () => {
  it.each([
    ['SimpleConvNet', example('simple-convnet')],
    ['TwoLayerNet', example('two-layer-net')],
    ['MultiLayerNet with BatchNorm and Dropout', multiLayerNet],
  ])('%s: 5 steps of Adam give the same losses and weights', (_name, model) => {
    const fast = train(model, 'fast', 5);
    const reference = train(model, 'reference', 5);
    expect(fast.losses).toEqual(reference.losses); // within 1e-5 is the promise; it is in fact exact
    expectSameWeights(fast.network, reference.network);
  });

  it.each([
    ['SimpleConvNet', example('simple-convnet')],
    ['MultiLayerNet with BatchNorm and Dropout', multiLayerNet],
  ])('%s: evaluating between two steps (predict, probabilities, score) changes neither the next step nor what it returned', (_name, model) => {
    const plain = train(model, 'fast', 3);
    let kept: Tensor | null = null;
    const evaluated = train(model, 'fast', 3, (network, step) => {
      const { x, t } = batchOf(model, 500, `evaluation ${step}`);
      const probabilities = network.probabilities(x);
      const copy = probabilities.clone();
      network.predict(x);
      network.score(x, t);
      expectSame(probabilities, copy, 'probabilities kept by the caller');
      kept ??= probabilities;
    });
    expect(evaluated.losses).toEqual(plain.losses);
    expectSameWeights(evaluated.network, plain.network);
    expect(kept).not.toBeNull();
  });

  it('predicting a large batch in slices gives the numbers of the readable layers in one pass', () => {
    const model = example('simple-convnet');
    const fast = new Network(model, { seed: 2 });
    const reference = new Network(model, { seed: 2, implementation: 'reference' });
    for (const batch of [500, 123, 7]) {
      const { x } = batchOf(model, batch, `predict ${batch}`);
      expectSame(fast.predict(x), reference.predict(x), `scores, batch ${batch}`);
      expectSame(fast.probabilities(x), reference.probabilities(x), `probabilities, batch ${batch}`);
    }
  });
});

describe("SimpleConvNet's head (convolution, ReLU, 2×2 max pooling) trained as one fused step", () => {
  /**
   * One gradient of the fast and the readable network from the same weights, every gradient compared;
   * whether the convolution's dW came straight from the pooling's winners (gemm.wat's winnersWeightGradient),
   * and whether the affine layer after the pooling ran inside the head (wasmGemm.ts heldAffineGradient).
   */
  function sameGradients(
    x: Tensor,
    t: Uint8Array,
    prepare: (network: Network) => void,
    what: string,
    fromWinners: boolean,
    model = example('simple-convnet'),
    headFused = true,
  ): void {
    const fast = new Network(model, { seed: 7 });
    const reference = new Network(model, { seed: 7, implementation: 'reference' });
    prepare(fast);
    prepare(reference);
    const before = winnerGradients();
    const affineBefore = heldAffineGradients();
    const loss = fast.gradient(x, t);
    expect(winnerGradients() - before, `${what}: dW from the winners`).toBe(fromWinners ? 1 : 0);
    // the affine layer after the head runs inside the head's module whenever the head is fused
    expect(heldAffineGradients() - affineBefore, `${what}: the affine layer inside the head`).toBe(headFused ? 1 : 0);
    expect(Object.is(loss, reference.gradient(x, t)), `${what}: loss`).toBe(true);
    for (const name of Object.keys(reference.grads)) expectSame(fast.grads[name]!, reference.grads[name]!, `${what}: d${name}`);
  }

  it('ties between equal positive values go to the first of the window, as the pooling layer decides', () => {
    // Pixels ((x mod 5) + (y mod 5))/8 under filters of 1/16 everywhere: every 5×5 window sums to the same
    // number, exactly (all eighths and sixteenths), so all four values of every pooling window tie while
    // their windows of pixels differ — the winner must be the top-left one for dW to come out right.
    const { x, t } = batchOf(example('simple-convnet'), 30, 'ties');
    for (let i = 0; i < x.size; i++) x.data[i] = (((i % 28) % 5) + ((Math.floor(i / 28) % 28) % 5)) / 8;
    sameGradients(
      x,
      t,
      (network) => {
        network.params.W1!.data.fill(1 / 16);
        network.params.b1!.data.fill(0.05);
      },
      'every window tied',
      true,
    );
  });

  it("dW from the winners alone equals the long way's over a batch of many slices of columns", () => {
    // 100 images: 57,600 columns, 225 of gemm's slices of 256, which the winners' sums must cut alike.
    const { x, t } = batchOf(example('simple-convnet'), 100, 'winners');
    sameGradients(x, t, () => {}, '100 images', true);
  });

  // The winners' sums in other shapes: several channels (the rows of a window through memory, not
  // registers), pooled rows not a multiple of four wide, a window of 8 (two whole vectors per row), 1×1.
  const heads: Record<string, ModelSpec> = {
    '3 channels, 3×3 windows, 4 filters': {
      input: [3, 10, 10],
      layers: [{ type: 'conv', filters: 4, kernel: 3 }, { type: 'relu' }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 5 }, softmax],
    },
    '1 channel, 3×3 windows, pooled rows 6 wide': {
      input: [1, 14, 14],
      layers: [{ type: 'conv', filters: 6, kernel: 3 }, { type: 'relu' }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 4 }, softmax],
    },
    '2 channels, 8×8 windows': {
      input: [2, 17, 13],
      layers: [{ type: 'conv', filters: 5, kernel: 8 }, { type: 'relu' }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 3 }, softmax],
    },
    '1×1 windows, 9 filters': {
      input: [1, 6, 6],
      layers: [{ type: 'conv', filters: 9, kernel: 1 }, { type: 'relu' }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 3 }, softmax],
    },
  };
  it.each(Object.entries(heads))("dW from the winners alone equals the long way's: %s", (name, model) => {
    // 300 images: more than one of gemm's slices of 256 columns in every shape
    const { x, t } = batchOf(model, 300, name);
    sameGradients(x, t, (network) => randomizeBiases(network, 5), name, true, model);
  });

  it("hidden units the ReLU blocks for every image: the affine layer's dout·Wᵀ in the head skips their zeros, with the same numbers", () => {
    const { x, t } = batchOf(example('simple-convnet'), 50, 'blocked units');
    const before = heldSparseDoutProducts();
    // Every other unit of the hidden layer far below zero: the ReLU blocks it for all 50 images, so half
    // of dout's columns are zeros for every four samples, which gemm skips (at most three quarters kept).
    sameGradients(x, t, (network) => network.params.b2!.data.forEach((_, j, b) => j % 2 === 0 && (b[j] = -1e3)), 'half the units blocked', true);
    expect(heldSparseDoutProducts() - before, 'dout·Wᵀ with the zeros skipped').toBe(1);
  });

  it('an infinity in the batch takes the long way (0 times infinity is NaN there), with its numbers', () => {
    const { x, t } = batchOf(example('simple-convnet'), 20, 'infinity');
    x.data[5 * 784 + 300] = Infinity;
    sameGradients(x, t, () => {}, 'one infinite pixel', false);
  });

  it('a NaN in the batch sends it through the layers one by one, with their numbers', () => {
    const { x, t } = batchOf(example('simple-convnet'), 20, 'nan');
    x.data[3 * 784 + 400] = NaN;
    sameGradients(x, t, () => {}, 'one NaN pixel', false, example('simple-convnet'), false);
  });
});

describe('which layers a network builds', () => {
  it("TwoLayerNet's first affine layer skips the zeros of the data in its products, its other layer does not", () => {
    // (The 5 steps above already hold those products to the readable layers' numbers, bit for bit.)
    const model = example('two-layer-net');
    const network = new Network(model, { seed: 4 });
    const [first, , second] = network.layers;
    if (!(first instanceof FastAffine) || !(second instanceof FastAffine)) throw new Error("TwoLayerNet's affine layers are not FastAffine.");
    expect([first.inputIsData, second.inputIsData]).toEqual([true, false]);
    const kernel = bestWasmGemm()!;
    const before = kernel.sparseBlocks();
    const { x, t } = batchOf(model, 100, 'sparse');
    network.gradient(x, t);
    expect(kernel.sparseBlocks() - before).toBeGreaterThanOrEqual(2); // x·W1 and xᵀ·dout, at least a block each
  });

  it('an affine layer that a ReLU follows skips, in dout·Wᵀ, the zeros of what the ReLU blocked; the same numbers', () => {
    const model: ModelSpec = {
      input: [1, 28, 28],
      layers: [{ type: 'affine', units: 40 }, { type: 'relu' }, { type: 'affine', units: 60 }, { type: 'relu' }, { type: 'affine', units: 10 }, softmax],
    };
    const fast = new Network(model, { seed: 5 });
    const reference = new Network(model, { seed: 5, implementation: 'reference' });
    const affine = fast.layers.filter((layer): layer is FastAffine => layer instanceof FastAffine);
    expect(affine.map((layer) => layer.doutIsSparse)).toEqual([true, true, false]);
    // Two units in three of the second hidden layer blocked for every sample; pixels without a zero, so
    // that the first layer's own products (which skip the data's zeros) skip nothing.
    for (const network of [fast, reference]) network.params.b2!.data.forEach((_, j, b) => j % 3 !== 0 && (b[j] = -1e3));
    const x = randomTensor([50, 1, 28, 28], 'float32', rngFor('dense pixels'));
    for (let i = 0; i < x.size; i++) x.data[i] = 0.5 + Math.abs(x.data[i]!) / 4;
    const t = Uint8Array.from({ length: 50 }, (_, i) => i % 10);
    const kernel = bestWasmGemm()!;
    const before = kernel.sparseBlocks();
    expect(Object.is(fast.gradient(x, t), reference.gradient(x, t)), 'loss').toBe(true);
    expect(kernel.sparseBlocks() - before, "the second layer's dout·Wᵀ").toBeGreaterThanOrEqual(1);
    for (const name of Object.keys(reference.grads)) expectSame(fast.grads[name]!, reference.grads[name]!, `d${name}`);
  });

  it('float32 runs the fast twins by default, float64 the readable layers; both can be asked for', () => {
    const model = example('simple-convnet');
    expect(new Network(model).implementation).toBe('fast');
    expect(new Network(model).layers[0]).toBeInstanceOf(FastConvolution);
    expect(new Network(model).lossLayer).toBeInstanceOf(FastSoftmaxWithLoss);
    const float64 = new Network(model, { dtype: 'float64' });
    expect(float64.implementation).toBe('reference');
    expect(float64.layers[0]).toBeInstanceOf(Convolution);
    expect(float64.lossLayer).toBeInstanceOf(SoftmaxWithLoss);
    expect(new Network(model, { implementation: 'reference' }).layers[0]).toBeInstanceOf(Convolution);
    expect(new Network(model, { dtype: 'float64', implementation: 'fast' }).layers[0]).toBeInstanceOf(FastConvolution);
  });
});

// The gradient check proper runs the readable layers (float64's default); here the fast ones, run in
// float64 on purpose, face the numerical gradient too.
const perLayer: Record<string, ModelSpec> = {
  'conv, relu, max pool': {
    input: [2, 8, 8],
    layers: [{ type: 'conv', filters: 3, kernel: 3, pad: 1 }, { type: 'relu' }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 3 }, softmax],
  },
  'conv stride 2 after conv (dx of a conv), average pool with pad': {
    input: [2, 7, 7],
    layers: [
      { type: 'conv', filters: 2, kernel: 3, stride: 2, pad: 1 },
      { type: 'conv', filters: 3, kernel: 2, pad: 1 },
      { type: 'pool', mode: 'average', size: 2, stride: 1, pad: 1 },
      { type: 'affine', units: 3 },
      softmax,
    ],
  },
  'affine, batchnorm, relu, dropout': {
    input: [6],
    layers: [{ type: 'affine', units: 8 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dropout', ratio: 0.3 }, { type: 'affine', units: 3 }, softmax],
  },
  'relu first (no parameters to skip dx for)': {
    input: [5],
    layers: [{ type: 'relu' }, { type: 'affine', units: 4 }, { type: 'affine', units: 3 }, softmax],
  },
};

describe('gradient check of the fast layers (float64, implementation "fast")', () => {
  it.each(Object.entries(perLayer))('%s', (_name, model) => {
    const network = new Network(model, { dtype: 'float64', implementation: 'fast', seed: 3, weightDecay: 0.01 });
    randomizeBiases(network, 3);
    const rng = rngFor('gradcheck batch');
    const x = randomTensor([4, ...model.input], 'float64', rng);
    const t = Uint8Array.from({ length: 4 }, () => rng.int(3));
    const result = gradientCheck(network, x, t, { seed: 3 });
    for (const p of result.params) expect(p.maxRelError, p.name).toBeLessThan(DEFAULT_TOLERANCE);
    expect(result.passed).toBe(true);
  });
});
