import { describe, expect, it } from 'vitest';
import { copyRegionStart, regionsFrom } from '../../../engine/kernels/wasmModule';

describe('module memory regions', () => {
  it('start half a page into a page, in order, without overlapping, whatever the sizes', () => {
    for (const start of [0, 16, 2048, 2049, 4095, 4096, 100_000]) {
      const sizes = [0, 1, 4, 2047, 2048, 4096, 160_000, 13];
      const { at, end } = regionsFrom(start, sizes);
      expect(at).toHaveLength(sizes.length);
      let free = start;
      at.forEach((offset, i) => {
        expect(offset % 4096).toBe(2048);
        expect(offset).toBeGreaterThanOrEqual(free);
        expect(offset - free).toBeLessThan(4096); // never more than a page of padding
        free = offset + sizes[i]!;
      });
      expect(end).toBeGreaterThanOrEqual(free);
    }
  });

  it('the first such offset is the one asked for when it is already half a page in', () => {
    expect(copyRegionStart(2048)).toBe(2048);
    expect(copyRegionStart(0)).toBe(2048);
    expect(copyRegionStart(2049)).toBe(6144);
    expect(copyRegionStart(6144)).toBe(6144);
  });
});
