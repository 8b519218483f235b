import { describe, expect, it } from 'vitest';
import { applyEdit, stackOf, withInput, type Stack } from '../../renderer/model/stack';
import { defaultLayer } from '../../renderer/model/edits';

function fresh(): Stack {
  let n = 0;
  return stackOf({ input: [1, 28, 28], layers: [{ type: 'affine', units: 50 }, { type: 'relu' }, { type: 'softmax-with-loss' }] }, () => `id${n++}`);
}

describe('stack edits keep the layers and their ids together', () => {
  it('gives every layer an id', () => {
    expect(fresh().ids).toEqual(['id0', 'id1', 'id2']);
  });

  it('add, move, duplicate and remove move the ids with the layers', () => {
    let s = fresh();
    s = applyEdit(s, { kind: 'add', index: 1, layer: defaultLayer('dropout'), id: 'new' });
    expect(s.ids).toEqual(['id0', 'new', 'id1', 'id2']);
    expect(s.spec.layers[1]!.type).toBe('dropout');
    s = applyEdit(s, { kind: 'move', from: 1, to: 2 });
    expect(s.ids).toEqual(['id0', 'id1', 'new', 'id2']);
    expect(s.spec.layers.map((l) => l.type)).toEqual(['affine', 'relu', 'dropout', 'softmax-with-loss']);
    s = applyEdit(s, { kind: 'duplicate', index: 0, id: 'copy' });
    expect(s.ids).toEqual(['id0', 'copy', 'id1', 'new', 'id2']);
    s = applyEdit(s, { kind: 'remove', index: 3 });
    expect(s.ids).toEqual(['id0', 'copy', 'id1', 'id2']);
    expect(s.spec.layers).toHaveLength(4);
  });

  it('a field edit keeps the ids; a replace takes new ones', () => {
    const s = fresh();
    const edited = applyEdit(s, { kind: 'field', index: 0, name: 'units', value: 7 });
    expect(edited.ids).toBe(s.ids);
    expect(edited.spec.layers[0]!.units).toBe(7);
    const replaced = applyEdit(s, { kind: 'replace', layers: [{ type: 'relu' }], ids: ['r'] });
    expect(replaced.ids).toEqual(['r']);
    expect(replaced.spec.input).toEqual([1, 28, 28]);
  });

  it('duplicating a layer that is not there changes nothing', () => {
    const s = fresh();
    expect(applyEdit(s, { kind: 'duplicate', index: 5, id: 'x' })).toBe(s);
  });

  it('a new input shape keeps the ids', () => {
    const s = fresh();
    const toy = withInput(s, [2]);
    expect(toy.spec.input).toEqual([2]);
    expect(toy.ids).toBe(s.ids);
  });
});
