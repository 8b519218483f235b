import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCE, numericalGradient, randomizeBiases, relativeError } from '../../engine/gradcheck';
import { layerTypes } from '../../engine/layers/registry';
import { Sigmoid } from '../../engine/layers/Sigmoid';
import type { ModelSpec } from '../../engine/model';
import { Network } from '../../engine/network';
import { Tensor } from '../../engine/tensor';
import { gradientCheck } from '../../engine/gradcheck';
import { checkModelGradients, randomBatch } from './helpers';

const softmax = { type: 'softmax-with-loss' };

// One small float64 model per layer type, each with an affine layer so there is a W to check too.
const perLayer: Record<string, ModelSpec> = {
  affine: { input: [5], layers: [{ type: 'affine', units: 4, init: 0.5 }, { type: 'affine', units: 3, init: 0.5 }, softmax] },
  relu: { input: [5], layers: [{ type: 'affine', units: 6, init: 1 }, { type: 'relu' }, { type: 'affine', units: 3 }, softmax] },
  'leaky-relu': { input: [5], layers: [{ type: 'affine', units: 6, init: 1 }, { type: 'leaky-relu', alpha: 0.1 }, { type: 'affine', units: 3 }, softmax] },
  sigmoid: { input: [5], layers: [{ type: 'affine', units: 6, init: 'xavier' }, { type: 'sigmoid' }, { type: 'affine', units: 3 }, softmax] },
  tanh: { input: [5], layers: [{ type: 'affine', units: 6, init: 'xavier' }, { type: 'tanh' }, { type: 'affine', units: 3 }, softmax] },
  conv: {
    input: [2, 7, 7],
    layers: [{ type: 'conv', filters: 3, kernel: 3, stride: 2, pad: 1 }, { type: 'affine', units: 3 }, softmax],
  },
  'pool (max)': {
    input: [2, 6, 6],
    layers: [{ type: 'conv', filters: 2, kernel: 3, pad: 1 }, { type: 'pool', mode: 'max', size: 2 }, { type: 'affine', units: 3 }, softmax],
  },
  'pool (average, stride 1, pad 1)': {
    input: [2, 5, 5],
    layers: [{ type: 'conv', filters: 2, kernel: 3 }, { type: 'pool', mode: 'average', size: 2, stride: 1, pad: 1 }, { type: 'affine', units: 3 }, softmax],
  },
  batchnorm: {
    input: [5],
    layers: [{ type: 'affine', units: 6 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'affine', units: 3 }, softmax],
  },
  'batchnorm after conv': {
    input: [1, 5, 5],
    layers: [{ type: 'conv', filters: 2, kernel: 2 }, { type: 'batchnorm' }, { type: 'affine', units: 3 }, softmax],
  },
  dropout: { input: [5], layers: [{ type: 'affine', units: 8 }, { type: 'dropout', ratio: 0.3 }, { type: 'affine', units: 3 }, softmax] },
  flatten: {
    input: [2, 4, 4],
    layers: [{ type: 'conv', filters: 2, kernel: 3 }, { type: 'flatten' }, { type: 'affine', units: 3 }, softmax],
  },
};

describe('gradient check (float64, central difference h = 1e-5, max relative error < 1e-5)', () => {
  it('covers every layer type of the registry', () => {
    const checked = new Set(Object.values(perLayer).flatMap((model) => model.layers.map((layer) => layer.type)));
    expect(layerTypes.map((t) => t.type).filter((type) => !checked.has(type))).toEqual([]);
  });

  it.each(Object.entries(perLayer))('backprop matches the numerical gradient: %s', (_name, model) => {
    const result = checkModelGradients(model, { batch: 4 });
    for (const p of result.params) {
      expect(p.checked, p.name).toBe(p.total);
      expect(p.maxRelError, p.name).toBeLessThan(DEFAULT_TOLERANCE);
    }
    expect(result.passed).toBe(true);
  });

  it('includes the weight decay term ½λ‖W‖² in loss and gradient', () => {
    const result = checkModelGradients(perLayer.relu!, { weightDecay: 0.3 });
    expect(result.passed).toBe(true);
  });

  it.each(['two-layer-net', 'simple-convnet'])('passes for the example network %s', (name) => {
    const experiment = JSON.parse(readFileSync(new URL(`../../examples/${name}.dlab.json`, import.meta.url), 'utf8'));
    const result = checkModelGradients(experiment.model, { batch: 2, samples: 40 });
    expect(result.params.map((p) => p.name)).toEqual(['W1', 'b1', 'W2', 'b2', ...(name === 'simple-convnet' ? ['W3', 'b3'] : [])]);
    for (const p of result.params) expect(p.maxRelError, p.name).toBeLessThan(DEFAULT_TOLERANCE);
  });

  it('fails when a backward pass is wrong', () => {
    const model = perLayer.sigmoid;
    const network = new Network(model, { dtype: 'float64', seed: 3 });
    // A classic slip: the sigmoid's derivative written as y instead of y(1 − y).
    const sigmoid = network.layers[1];
    if (!(sigmoid instanceof Sigmoid)) throw new Error('The second layer of the sigmoid model is not a Sigmoid.');
    sigmoid.backward = function (dout: Tensor): Tensor {
      const y = (this as unknown as { out: Tensor }).out.data;
      const dx = Tensor.zerosLike(dout);
      for (let i = 0; i < dout.size; i++) dx.data[i] = dout.data[i]! * y[i]!;
      return dx;
    };
    const { x, t } = randomBatch(model!.input, 3, 4, 3);
    const result = gradientCheck(network, x, t);
    expect(result.passed).toBe(false);
    const w1 = result.params.find((p) => p.name === 'W1');
    expect(w1?.passed).toBe(false);
    expect(w1?.maxRelError).toBeGreaterThan(0.1);
    // The layers after the broken one are still right: the check says where the error is.
    expect(result.params.find((p) => p.name === 'W2')?.passed).toBe(true);
  });

  it('counts entries on a kink apart instead of blaming backprop, and fails when too many sit there', () => {
    // Zero inputs and zero biases put every ReLU input exactly at 0, its kink.
    const model = { input: [3], layers: [{ type: 'affine', units: 4 }, { type: 'relu' }, { type: 'affine', units: 2 }, softmax] };
    const network = new Network(model, { dtype: 'float64', seed: 2 });
    const x = Tensor.zeros([2, 3], 'float64');
    const onKink = gradientCheck(network, x, [0, 1]);
    const b1 = onKink.params.find((p) => p.name === 'b1')!;
    expect(b1.atKinks).toBe(4);
    expect(b1.passed).toBe(false);
    expect(onKink.passed).toBe(false);
    randomizeBiases(network, 2);
    const offKink = gradientCheck(network, x, [0, 1]);
    expect(offKink.params.every((p) => p.atKinks === 0)).toBe(true);
    expect(offKink.passed).toBe(true);
  });

  it('passes for SimpleConvNet on real MNIST digits (blank borders and all)', async () => {
    const { loadDataSource } = await import('../../engine/node/datasets');
    const { gatherBatch } = await import('../../engine/data/dataset');
    const mnist = await loadDataSource({ source: 'mnist' });
    const experiment = JSON.parse(readFileSync(new URL('../../examples/simple-convnet.dlab.json', import.meta.url), 'utf8'));
    const network = new Network(experiment.model, { dtype: 'float64', seed: 1 });
    randomizeBiases(network, 1);
    const { x, t } = gatherBatch(mnist.train, mnist.inputShape, null, 0, 2, 'float64');
    const result = gradientCheck(network, x, t, { samples: 30, seed: 1 });
    expect(result.params.map((p) => [p.name, p.passed])).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3'].map((n) => [n, true]));
  });

  it('leaves the network as it found it', () => {
    const network = new Network(perLayer.batchnorm, { dtype: 'float64', seed: 1 });
    const before = Object.values({ ...network.params, ...network.buffers }).map((t) => t.data.slice());
    const { x, t } = randomBatch([5], 3, 4, 1);
    gradientCheck(network, x, t);
    const after = Object.values({ ...network.params, ...network.buffers }).map((t) => t.data.slice());
    expect(after).toEqual(before);
  });

  it('numericalGradient is the central difference', () => {
    const x = new Float64Array([3, -2]);
    const f = () => x[0]! * x[0]! * x[0]! + 5 * x[1]!; // ∂/∂x0 = 3·x0² = 27, ∂/∂x1 = 5
    const g = numericalGradient(f, x, [0, 1]);
    expect(g[0]).toBeCloseTo(27, 6);
    expect(g[1]).toBeCloseTo(5, 8);
    expect(Array.from(x)).toEqual([3, -2]);
    expect(relativeError(1, 1.001)).toBeCloseTo(0.001 / 1.001, 9);
  });
});
