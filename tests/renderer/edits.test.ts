import { describe, expect, it } from 'vitest';
import { layerTypes } from '../../engine/layers/registry';
import { analyzeModel, type ModelSpec } from '../../engine/model';
import { addLayer, defaultLayer, duplicateLayer, moveLayer, removeLayer, setInput, updateField } from '../../renderer/model/edits';
import { checkValue } from '../../renderer/model/fieldCheck';
import { clampIndex, insertAt, moveItem, removeAt, replaceAt } from '../../renderer/model/list';

const spec = (): ModelSpec => ({
  input: [1, 28, 28],
  layers: [{ type: 'affine', units: 50 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }],
});

const types = (s: ModelSpec) => s.layers.map((l) => l.type);

describe('list helpers', () => {
  it('insert, remove, move and replace without touching their input', () => {
    const items = Object.freeze(['a', 'b', 'c']) as readonly string[];
    expect(insertAt(items, 1, 'x')).toEqual(['a', 'x', 'b', 'c']);
    expect(insertAt(items, 99, 'x')).toEqual(['a', 'b', 'c', 'x']);
    expect(insertAt(items, -5, 'x')).toEqual(['x', 'a', 'b', 'c']);
    expect(removeAt(items, 1)).toEqual(['a', 'c']);
    expect(removeAt(items, 7)).toEqual(['a', 'b', 'c']);
    expect(moveItem(items, 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(items, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(items, 1, 50)).toEqual(['a', 'c', 'b']);
    expect(replaceAt(items, 2, 'z')).toEqual(['a', 'b', 'z']);
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('clamps insertion points', () => {
    expect(clampIndex(2.7, 5)).toBe(2);
    expect(clampIndex(Number.NaN, 5)).toBe(5);
    expect(clampIndex(-1, 5)).toBe(0);
  });
});

describe('model edits', () => {
  it('every layer type of the registry gets a default the engine accepts', () => {
    for (const layerType of layerTypes) {
      const layer = defaultLayer(layerType.type);
      expect(layer.type).toBe(layerType.type);
      for (const field of layerType.fields) {
        const value = layer[field.name];
        if (value === undefined) {
          expect(field.optional, `${layerType.type}.${field.name}`).toBe(true);
        } else {
          expect(checkValue(field, value), `${layerType.type}.${field.name}`).toBeNull();
        }
      }
    }
    expect(() => defaultLayer('nope')).toThrow(/unknown layer type/);
  });

  it('adds a layer at any index, even in the middle', () => {
    const before = spec();
    const after = addLayer(before, { index: 2, layer: defaultLayer('dropout') });
    expect(types(after)).toEqual(['affine', 'relu', 'dropout', 'affine', 'softmax-with-loss']);
    expect(types(before)).toEqual(['affine', 'relu', 'affine', 'softmax-with-loss']);
    expect(analyzeModel(after).error).toBeNull();
  });

  it('moves, removes and duplicates', () => {
    expect(types(moveLayer(spec(), { from: 1, to: 0 }))).toEqual(['relu', 'affine', 'affine', 'softmax-with-loss']);
    expect(types(removeLayer(spec(), { index: 1 }))).toEqual(['affine', 'affine', 'softmax-with-loss']);
    const doubled = duplicateLayer(spec(), { index: 0 });
    expect(types(doubled)).toEqual(['affine', 'affine', 'relu', 'affine', 'softmax-with-loss']);
    expect(doubled.layers[1]).toEqual(doubled.layers[0]);
    expect(doubled.layers[1]).not.toBe(doubled.layers[0]);
    expect(duplicateLayer(spec(), { index: 9 }).layers).toHaveLength(4);
  });

  it('updates and clears a field of one layer only', () => {
    const before = spec();
    const after = updateField(before, { index: 0, name: 'units', value: 64 });
    expect(after.layers[0]!.units).toBe(64);
    expect(before.layers[0]!.units).toBe(50);
    expect(after.layers[1]).toBe(before.layers[1]);
    const cleared = updateField(after, { index: 0, name: 'units', value: undefined });
    expect('units' in cleared.layers[0]!).toBe(false);
    expect(analyzeModel(cleared).error?.details.layerIndex).toBe(0);
  });

  it('changes the input shape, which the shapes follow', () => {
    const toy = setInput(spec(), [2]);
    expect(toy.input).toEqual([2]);
    expect(analyzeModel(toy).layers[0]!.paramCount).toBe(2 * 50 + 50);
  });
});
