// A picked image becomes the network's input as the dataset's images are laid out: channels first,
// bytes scaled to 0…1, alpha dropped, luminance for a grey dataset.

import { describe, expect, it } from 'vitest';
import { inputFromRgba } from '../../renderer/charts/imageInput';

// 2×1 pixels: pure red (half transparent), then white.
const rgba = [255, 0, 0, 128, 255, 255, 255, 255];

describe('an image as the network’s input', () => {
  it('RGB: one plane per channel (C, H, W), alpha dropped', () => {
    expect(Array.from(inputFromRgba(rgba, 2, 1, 3))).toEqual([1, 1, 0, 1, 0, 1]);
  });

  it('grey: the luminance of each pixel', () => {
    const grey = inputFromRgba(rgba, 2, 1, 1);
    expect(grey).toHaveLength(2);
    expect(grey[0]).toBeCloseTo(54 / 255, 6);
    expect(grey[1]).toBe(1);
  });
});
