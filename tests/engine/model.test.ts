import { describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { analyzeModel, planModel } from '../../engine/model';
import { layerTypes } from '../../engine/layers/registry';

const loss = { type: 'softmax-with-loss' };
const simpleConvNet = {
  input: [1, 28, 28],
  layers: [
    { type: 'conv', filters: 30, kernel: 5, stride: 1, pad: 0, init: 'he' },
    { type: 'relu' },
    { type: 'pool', mode: 'max', size: 2, stride: 2 },
    { type: 'affine', units: 100, init: 'he' },
    { type: 'relu' },
    { type: 'affine', units: 10 },
    loss,
  ],
};

function refusal(model: unknown): LabError {
  const result = analyzeModel(model);
  expect(result.error).toBeInstanceOf(LabError);
  return result.error as LabError;
}

describe('shape inference', () => {
  it('plans SimpleConvNet with the book’s shapes, names and parameter counts', () => {
    const plan = planModel(simpleConvNet);
    expect(plan.layers.map((l) => l.outputShape)).toEqual([[30, 24, 24], [30, 24, 24], [30, 12, 12], [100], [100], [10], [10]]);
    expect(plan.layers[0]!.params.map((p) => [p.name, p.shape])).toEqual([
      ['W1', [30, 1, 5, 5]],
      ['b1', [30]],
    ]);
    expect(plan.layers[3]!.params.map((p) => [p.name, p.shape])).toEqual([
      ['W2', [4320, 100]],
      ['b2', [100]],
    ]);
    expect(plan.layers[5]!.params.map((p) => p.name)).toEqual(['W3', 'b3']);
    expect(plan.paramCount).toBe(30 * 25 + 30 + 4320 * 100 + 100 + 100 * 10 + 10);
    expect(plan.classes).toBe(10);
    // Defaults are filled in: the last affine takes He init, pooling's stride is what was given.
    expect(plan.spec.layers[5]).toEqual({ type: 'affine', units: 10, init: 'he' });
  });

  it('names BatchNorm parameters gamma1, beta1 and its statistics running_mean1, running_var1', () => {
    const plan = planModel({ input: [4], layers: [{ type: 'affine', units: 3 }, { type: 'batchnorm' }, { type: 'affine', units: 2 }, loss] });
    expect(plan.layers[1]!.params.map((p) => p.name)).toEqual(['gamma1', 'beta1']);
    expect(plan.layers[1]!.buffers.map((p) => p.name)).toEqual(['running_mean1', 'running_var1']);
    expect(plan.layers[2]!.params.map((p) => p.name)).toEqual(['W2', 'b2']);
  });

  it('defaults a pooling stride to its window size', () => {
    const plan = planModel({ input: [1, 6, 6], layers: [{ type: 'pool', size: 3 }, { type: 'affine', units: 2 }, loss] });
    expect(plan.layers[0]!.outputShape).toEqual([1, 2, 2]);
  });

  it('every registered layer type has a label, a summary and described fields', () => {
    for (const t of layerTypes) {
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.summary.length).toBeGreaterThan(10);
      for (const f of t.fields) expect(f.summary.length).toBeGreaterThan(3);
    }
  });
});

describe('impossible stacks are refused with the layer and a sentence', () => {
  it('a kernel larger than its padded input', () => {
    const e = refusal({ input: [1, 4, 4], layers: [{ type: 'conv', filters: 2, kernel: 5 }, { type: 'affine', units: 2 }, loss] });
    expect(e.message).toBe('Layer 1 (conv): kernel 5 is larger than its padded input (4 + 2·0 = 4 height).');
    expect(e.details.layerIndex).toBe(0);
  });

  it('an output size that is not a whole number', () => {
    const e = refusal({ input: [1, 28, 28], layers: [{ type: 'conv', filters: 2, kernel: 5, stride: 2 }, { type: 'affine', units: 2 }, loss] });
    expect(e.message).toContain('Layer 1 (conv): the output height (28 + 2·0 − 5) / 2 + 1 = 12.5 is not a whole number');
  });

  it('a 3-D output into the loss', () => {
    const e = refusal({ input: [1, 8, 8], layers: [{ type: 'conv', filters: 2, kernel: 3 }, loss] });
    expect(e.message).toBe('Layer 2 (softmax-with-loss): needs one score per class, but gets 2×6×6 — add an affine layer before it.');
    expect(e.details.layerIndex).toBe(1);
  });

  it('a convolution after the image was flattened', () => {
    const e = refusal({ input: [1, 8, 8], layers: [{ type: 'affine', units: 10 }, { type: 'conv', filters: 2, kernel: 3 }, loss] });
    expect(e.message).toMatch(/^Layer 2 \(conv\): a convolution needs an image-shaped input/);
  });

  it('zero units, unknown fields and unknown types', () => {
    expect(refusal({ input: [4], layers: [{ type: 'affine', units: 0 }, loss] }).message).toBe('Layer 1 (affine): "units" must be at least 1, not 0');
    expect(refusal({ input: [4], layers: [{ type: 'relu', units: 3 }, loss] }).message).toBe('Layer 1 (relu): unknown field "units" (it takes no settings)');
    expect(refusal({ input: [4], layers: [{ type: 'convv' }, loss] }).message).toMatch(/^Layer 1: unknown layer type "convv" \(known types: affine, relu/);
    expect(refusal({ input: [4], layers: [{ type: 'affine' }, loss] }).message).toBe('Layer 1 (affine): "units" is missing (number of outputs (neurons))');
  });

  it('a loss that is not last, a stack without a loss, a stack with nothing to learn', () => {
    expect(refusal({ input: [4], layers: [loss, { type: 'affine', units: 2 }] }).message).toMatch(/^Layer 1 \(softmax-with-loss\) must be the last layer/);
    expect(refusal({ input: [4], layers: [{ type: 'affine', units: 2 }] }).message).toMatch(/must end with a softmax-with-loss layer/);
    expect(refusal({ input: [4], layers: [{ type: 'relu' }, loss] }).message).toMatch(/nothing to learn/);
  });

  it('a model too large for the lab', () => {
    const e = refusal({ input: [1, 28, 28], layers: [{ type: 'affine', units: 100000 }, { type: 'affine', units: 1000 }, loss] });
    expect(e.message).toMatch(/^Layer 1 \(affine\): the model now has 78,500,000 parameters; the lab allows at most 50,000,000/);
  });

  it('keeps the plan up to the failing layer for the builder', () => {
    const result = analyzeModel({ input: [1, 4, 4], layers: [{ type: 'relu' }, { type: 'conv', filters: 2, kernel: 5 }, loss] });
    expect(result.layers.map((l) => l.outputShape)).toEqual([[1, 4, 4]]);
    expect(result.error?.details.layerIndex).toBe(1);
  });

  it('a bad input shape', () => {
    expect(refusal({ input: [1, 28], layers: [loss] }).message).toMatch(/"input" must be \[features\] or \[channels, height, width\]/);
    expect(refusal(null).message).toMatch(/The model must be an object/);
  });
});
