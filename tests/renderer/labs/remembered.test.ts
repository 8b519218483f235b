// A lab's settings kept for the session: what is stored is read back only when it could be the setting.

import { describe, expect, it } from 'vitest';
import { keep, recall, sameShape, type KeyValueStore } from '../../../renderer/labs/common/remembered';

/** sessionStorage as far as remembered.ts uses it. */
function memoryStorage(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('remembered lab settings', () => {
  it('gives back what was kept, under the lab’s own key', () => {
    const store = memoryStorage();
    expect(recall('gradcheck.batch', '3', undefined, store)).toBe('3');
    keep('gradcheck.batch', '7', store);
    expect(recall('gradcheck.batch', '3', undefined, store)).toBe('7');
    expect(store.getItem('dlab.lab.gradcheck.batch')).toBe('"7"');
    expect(recall('overfitting.epochs', '200', undefined, store)).toBe('200');
    const search = { lrMin: '1e-6', lrMax: '1e-2', trials: '20' };
    keep('hyperparams.search', { ...search, trials: '5' }, store);
    expect(recall('hyperparams.search', search, undefined, store)).toEqual({ ...search, trials: '5' });
  });

  it('ignores a kept value that could not be the setting: another shape, not JSON, or not one of the options', () => {
    const store = memoryStorage();
    const search = { lrMin: '1e-6', lrMax: '1e-2' };
    store.setItem('dlab.lab.hyperparams.search', JSON.stringify({ lrMin: '1e-6' })); // a field missing
    expect(recall('hyperparams.search', search, undefined, store)).toBe(search);
    store.setItem('dlab.lab.hyperparams.search', JSON.stringify({ lrMin: 1, lrMax: '1e-2' })); // a number for a text
    expect(recall('hyperparams.search', search, undefined, store)).toBe(search);
    store.setItem('dlab.lab.gradcheck.all', '{not json');
    expect(recall('gradcheck.all', false, undefined, store)).toBe(false);
    const limits = [300, 1000, 3000, 'all'] as const;
    const accept = (v: unknown) => (limits as readonly unknown[]).includes(v);
    keep('filters.trainLimit', 'all', store);
    expect(recall<number | 'all'>('filters.trainLimit', 3000, accept, store)).toBe('all');
    keep('filters.trainLimit', 5, store);
    expect(recall<number | 'all'>('filters.trainLimit', 3000, accept, store)).toBe(3000);
  });

  it('compares shapes field by field and element by element', () => {
    expect(sameShape([['1', '2'], ['3']], [['0']])).toBe(true);
    expect(sameShape([['1', 2]], [['0']])).toBe(false);
    expect(sameShape({ a: true, b: 'x' }, { a: false, b: '' })).toBe(true);
    expect(sameShape({ a: true, b: 'x', c: 1 }, { a: false, b: '' })).toBe(false);
    expect(sameShape(null, { a: 1 })).toBe(false);
    expect(sameShape([], { a: 1 })).toBe(false);
    expect(sameShape(Number.NaN, 1)).toBe(false);
    expect(sameShape(2, 1)).toBe(true);
  });

  it('works where there is no storage at all (the lab then forgets, as before)', () => {
    expect(() => keep('x', 1, null)).not.toThrow();
    expect(recall('x', 1, undefined, null)).toBe(1);
  });
});
