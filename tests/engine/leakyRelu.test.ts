// Leaky ReLU, the layer docs/adding-a-layer.md adds: its maths, its settings as an experiment file
// gives them, and a weights file of a network that uses it.

import { describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { LeakyRelu } from '../../engine/layers/LeakyRelu';
import { analyzeModel, planModel } from '../../engine/model';
import { Network } from '../../engine/network';
import { Tensor } from '../../engine/tensor';
import { exportWeights, parseWeights, weightsToJson } from '../../engine/weights';
import { randomBatch, tensor } from './helpers';

const loss = { type: 'softmax-with-loss' };

describe('Leaky ReLU', () => {
  it('forward y = x where x > 0, α·x elsewhere; backward dout or α·dout; never writes into x or dout', () => {
    const layer = new LeakyRelu(0.1);
    const x = tensor([1, 5], [2, -3, 0, 0.5, -0.25]);
    expect(layer.forward(x).toArray()).toEqual([2, -0.30000000000000004, 0, 0.5, -0.025]);
    const dout = tensor([1, 5], [1, 2, 3, 4, 5]);
    expect(layer.backward(dout).toArray()).toEqual([1, 0.2, 0.30000000000000004, 4, 0.5]);
    expect(x.toArray()).toEqual([2, -3, 0, 0.5, -0.25]);
    expect(dout.toArray()).toEqual([1, 2, 3, 4, 5]);
  });

  it('in float32 too', () => {
    const layer = new LeakyRelu(0.5);
    expect(layer.forward(tensor([1, 2], [-2, 3], 'float32')).toArray()).toEqual([-1, 3]);
    expect(layer.backward(tensor([1, 2], [4, 4], 'float32')).toArray()).toEqual([2, 4]);
  });

  it('refuses backward before forward (a programming error)', () => {
    expect(() => new LeakyRelu(0.01).backward(tensor([1, 1], [1]))).toThrow('leaky-relu.backward called before forward');
  });
});

describe('a leaky-relu layer in a model spec', () => {
  const model = (layer: Record<string, unknown>) => ({
    input: [4],
    layers: [{ type: 'affine', units: 3 }, { type: 'leaky-relu', ...layer }, { type: 'affine', units: 2 }, loss],
  });

  it('takes alpha 0.01 when left out, keeps the shape and has no parameters', () => {
    const plan = planModel(model({}));
    expect(plan.layers[1]!.settings).toEqual({ alpha: 0.01 });
    expect(plan.layers[1]!.outputShape).toEqual([3]);
    expect(plan.layers[1]!.params).toEqual([]);
    expect(plan.layers.map((l) => l.params.map((p) => p.name))).toEqual([['W1', 'b1'], [], ['W2', 'b2'], []]);
  });

  it.each([
    [1, 'Layer 2 (leaky-relu): "alpha" must be less than 1, not 1'],
    [0, 'Layer 2 (leaky-relu): "alpha" must be greater than 0, not 0'],
    [-0.2, 'Layer 2 (leaky-relu): "alpha" must be greater than 0, not -0.2'],
    ['big', 'Layer 2 (leaky-relu): "alpha" must be a number, not "big"'],
  ])('refuses alpha %s with a sentence that names the layer and the field', (alpha, message) => {
    const error = analyzeModel(model({ alpha })).error;
    expect(error).toBeInstanceOf(LabError);
    expect(error?.message).toBe(message);
    expect(error?.details.layerIndex).toBe(1);
  });

  it('refuses a setting it does not take, by name', () => {
    expect(analyzeModel(model({ slope: 0.1 })).error?.message).toBe('Layer 2 (leaky-relu): unknown field "slope" (it takes "alpha")');
  });
});

describe('a network with leaky-relu', () => {
  const spec = {
    input: [1, 6, 6],
    layers: [
      { type: 'conv', filters: 2, kernel: 3 },
      { type: 'leaky-relu', alpha: 0.2 },
      { type: 'affine', units: 5 },
      { type: 'leaky-relu' },
      { type: 'affine', units: 3 },
      loss,
    ],
  };

  it('saves a weights file that loads back to the same numbers and the same predictions', () => {
    const network = new Network(spec, { seed: 3 });
    const { x: x64 } = randomBatch([1, 6, 6], 3, 4, 9);
    const x = Tensor.from(x64.shape, Array.from(x64.data), 'float32');
    const file = exportWeights(network);
    expect(Object.keys(file.params)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']); // the activation adds none
    expect(file.model.layers[1]).toEqual({ type: 'leaky-relu', alpha: 0.2 });
    const loaded = parseWeights(weightsToJson(file), 'leaky.json').network;
    for (const [name, t] of Object.entries(network.params)) expect(Array.from(loaded.params[name]!.data), name).toEqual(Array.from(t.data));
    expect(Array.from(loaded.predict(x).data)).toEqual(Array.from(network.predict(x).data));
  });

  it('trains in the fast float32 network with the readable layer, as it has no fast twin', () => {
    const network = new Network(spec, { seed: 3 });
    expect(network.implementation).toBe('fast');
    expect(network.layers.filter((layer) => layer instanceof LeakyRelu).map((layer) => (layer as LeakyRelu).alpha)).toEqual([0.2, 0.01]);
    const { x, t } = randomBatch([1, 6, 6], 3, 4, 9);
    const x32 = Tensor.from(x.shape, Array.from(x.data), 'float32');
    expect(Number.isFinite(network.gradient(x32, t))).toBe(true);
  });
});
