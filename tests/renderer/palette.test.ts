// The builder's palette lists what the engine's registry holds: every layer type, in registry order,
// with its name and summary in the chosen language and its icon (renderer/builder/paletteItems.ts,
// which Palette.tsx draws item by item).

import { describe, expect, it } from 'vitest';
import { layerTypes } from '../../engine/layers/registry';
import { paletteItems } from '../../renderer/builder/paletteItems';

describe('the palette', () => {
  it.each(['en', 'ko'] as const)('lists every registered layer type, in registry order, named in %s', (lang) => {
    const items = paletteItems(lang);
    expect(items.map((item) => item.type)).toEqual(layerTypes.map((t) => t.type));
    for (const item of items) {
      expect(item.label.trim(), item.type).not.toBe('');
      expect(item.summary.length, item.type).toBeGreaterThan(10);
    }
  });

  it('speaks Korean in Korean', () => {
    const ko = new Map(paletteItems('ko').map((item) => [item.type, item]));
    expect(ko.get('conv')?.label).toBe('합성곱');
    expect(ko.get('dropout')?.summary).toContain('오버피팅');
  });

  it('gives every type an icon with something to draw, on a tile of its family’s colour', () => {
    for (const item of paletteItems('en')) {
      expect(item.icon.marks.length, item.type).toBeGreaterThan(0);
      for (const mark of item.icon.marks) expect([mark.path, mark.circle, mark.rect].filter(Boolean), item.type).toHaveLength(1);
    }
    expect(paletteItems('en').find((item) => item.type === 'affine')?.icon.tint).toBe('weights');
    expect(paletteItems('en').find((item) => item.type === 'relu')?.icon.tint).toBe('activation');
  });
});
