import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, canRedo, canUndo, createHistory, mapHistory, push, redo, seal, undo } from '../../renderer/model/history';

describe('undo history', () => {
  it('undoes and redoes in order', () => {
    let h = createHistory(1);
    h = push(h, 2);
    h = push(h, 3);
    expect(h.present).toBe(3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe(3);
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it('a new edit after an undo drops the redo branch', () => {
    let h = push(push(createHistory('a'), 'b'), 'c');
    h = undo(h);
    h = push(h, 'd');
    expect(h.present).toBe('d');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('edits of one group (typing in one field) make one step', () => {
    let h = createHistory(0);
    h = push(h, 1, 'field:units');
    h = push(h, 12, 'field:units');
    h = push(h, 128, 'field:units');
    expect(h.past).toEqual([0]);
    h = push(h, 129, 'field:filters');
    expect(h.past).toEqual([0, 128]);
    expect(undo(h).present).toBe(128);
    expect(undo(undo(h)).present).toBe(0);
  });

  it('a sealed group starts a new step, and so does an undo', () => {
    let h = push(createHistory(0), 1, 'g');
    h = seal(h);
    h = push(h, 2, 'g');
    expect(h.past).toEqual([0, 1]);
    h = push(undo(h), 3, 'g');
    expect(h.past).toEqual([0, 1]);
  });

  it('pushing the very same value is not an edit', () => {
    const value = { a: 1 };
    const h = createHistory(value);
    expect(push(h, value)).toBe(h);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = push(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });

  it('maps every version', () => {
    const h = undo(push(push(createHistory(1), 2), 3));
    const doubled = mapHistory(h, (v) => v * 2);
    expect([doubled.past, doubled.present, doubled.future]).toEqual([[2], 4, [6]]);
  });
});
