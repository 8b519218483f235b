import { describe, expect, it } from 'vitest';
import { insertionIndex, isPaletteId, nextSlot, paletteType } from '../../renderer/builder/dragLogic';

describe('dropping a palette layer into the stack', () => {
  it('lands before the layer under it or after it, by which half the drag is in', () => {
    const over = { top: 100, height: 40 };
    expect(insertionIndex(2, 5, { top: 85, height: 40 }, over)).toBe(2);
    expect(insertionIndex(2, 5, { top: 105, height: 40 }, over)).toBe(3);
    expect(insertionIndex(2, 5, null, over)).toBe(2);
    expect(insertionIndex(-1, 5, null, null)).toBe(5);
  });

  it('walks the insertion points with the arrow keys', () => {
    expect(nextSlot(-1, 'ArrowDown', 3)).toBe(0);
    expect(nextSlot(-1, 'ArrowRight', 3)).toBe(0);
    expect(nextSlot(-1, 'ArrowUp', 3)).toBe(3);
    expect(nextSlot(2, 'ArrowDown', 3)).toBe(3);
    expect(nextSlot(3, 'ArrowDown', 3)).toBe(3);
    expect(nextSlot(0, 'ArrowUp', 3)).toBe(0);
    expect(nextSlot(1, 'Tab', 3)).toBe(1);
  });

  it('tells palette cards from layers', () => {
    expect(isPaletteId('palette:conv')).toBe(true);
    expect(isPaletteId('layer-3')).toBe(false);
    expect(paletteType('palette:softmax-with-loss')).toBe('softmax-with-loss');
  });
});
