import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../engine/model';
import { findPreset, presetLayers, presets } from '../../renderer/model/presets';

const plan = (name: (typeof presets)[number]['name']) => {
  const preset = findPreset(name)!;
  return analyzeModel({ input: preset.input, layers: presetLayers(name) });
};

describe("the book's networks", () => {
  it('every preset is a stack the engine accepts', () => {
    for (const preset of presets) expect(analyzeModel({ input: preset.input, layers: presetLayers(preset.name) }).error, preset.name).toBeNull();
  });

  it('TwoLayerNet: affine 50, ReLU, affine 10 — 39,760 parameters (784·50 + 50 + 50·10 + 10)', () => {
    const a = plan('twoLayerNet');
    expect(a.layers.map((l) => l.type)).toEqual(['affine', 'relu', 'affine', 'softmax-with-loss']);
    expect(a.paramCount).toBe(784 * 50 + 50 + 50 * 10 + 10);
    expect(a.layers[0]!.settings.init).toBe(0.01);
  });

  it('MultiLayerNet: five hidden affine 100 + ReLU with He initial weights', () => {
    const a = plan('multiLayerNet');
    expect(a.layers.filter((l) => l.type === 'affine')).toHaveLength(6);
    expect(a.layers.filter((l) => l.type === 'relu')).toHaveLength(5);
    expect(a.layers.every((l) => l.type !== 'affine' || l.settings.init === 'he')).toBe(true);
    expect(a.paramCount).toBe(784 * 100 + 100 + 4 * (100 * 100 + 100) + 100 * 10 + 10);
  });

  it('the BatchNorm variant puts batch normalization between each hidden affine and its ReLU', () => {
    const a = plan('multiLayerNetBatchNorm');
    const types = a.layers.map((l) => l.type);
    expect(types.slice(0, 3)).toEqual(['affine', 'batchnorm', 'relu']);
    expect(types.filter((t) => t === 'batchnorm')).toHaveLength(5);
    expect(a.paramCount).toBe(plan('multiLayerNet').paramCount + 5 * 2 * 100);
  });

  it('SimpleConvNet: conv 30×5×5 → 30×24×24, pool 2 → 30×12×12, affine 100, affine 10', () => {
    const a = plan('simpleConvNet');
    expect(a.layers.map((l) => l.outputShape)).toEqual([[30, 24, 24], [30, 24, 24], [30, 12, 12], [100], [100], [10], [10]]);
    expect(a.layers.map((l) => l.paramCount)).toEqual([750 + 30, 0, 0, 4320 * 100 + 100, 0, 1010, 0]);
    expect(a.layers[0]!.params.map((p) => p.name)).toEqual(['W1', 'b1']);
  });

  it('hands out copies, never the table itself', () => {
    const layers = presetLayers('twoLayerNet');
    layers[0]!.units = 3;
    expect(presetLayers('twoLayerNet')[0]!.units).toBe(50);
    expect(() => presetLayers('nope' as never)).toThrow();
  });
});
