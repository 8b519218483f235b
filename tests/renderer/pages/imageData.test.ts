import { describe, expect, it } from 'vitest';
import { grayImage, rgbImage, sampleImage, weightImages } from '../../../renderer/charts/imageData';

const gray = (img: { data: Uint8ClampedArray }, i: number) => img.data[i * 4];

describe('image conversion', () => {
  it('stretches values from min to max over 0…255', () => {
    const img = grayImage([-1, 0, 1, 3], 2, 2);
    expect([0, 1, 2, 3].map((i) => gray(img, i))).toEqual([0, 64, 128, 255]);
    expect(img.data[3]).toBe(255);
  });

  it('inverts like the book’s gray_r filter pictures', () => {
    const img = grayImage([0, 1], 2, 1, { invert: true });
    expect([gray(img, 0), gray(img, 1)]).toEqual([255, 0]);
  });

  it('uses a fixed range when given one, and mid-gray for a flat image', () => {
    expect(gray(grayImage([0.5], 1, 1, { min: 0, max: 1 }), 0)).toBe(128);
    expect(gray(grayImage([3, 3], 2, 1), 0)).toBe(128);
  });

  it('draws a sample as white ink on black, as MNIST stores it', () => {
    const img = sampleImage([0, 1, 0, 1], [1, 2, 2])!;
    expect([0, 1].map((i) => gray(img, i))).toEqual([0, 255]);
    expect(sampleImage([0, 1], [2])).toBeNull();
  });

  it('builds a colour image from channel planes', () => {
    const img = rgbImage([1, 0, 0, 1, 0, 0], 2, 1);
    expect(Array.from(img.data.slice(0, 4))).toEqual([255, 0, 0, 255]);
    expect(Array.from(img.data.slice(4, 8))).toEqual([0, 255, 0, 255]);
  });

  it('turns convolution filters [F, C, kh, kw] into one picture each, per-filter range', () => {
    // two 1×2×2 filters: the second ten times larger, which must not wash out the first
    const images = weightImages([2, 1, 2, 2], [0, 1, 2, 3, 0, 10, 20, 30], [1, 28, 28]);
    expect(images).toHaveLength(2);
    expect(images[0]!.width).toBe(2);
    expect([0, 1, 2, 3].map((i) => gray(images[0]!, i))).toEqual([255, 170, 85, 0]);
    expect([0, 1, 2, 3].map((i) => gray(images[1]!, i))).toEqual([255, 170, 85, 0]);
  });

  it('turns an affine W [in, out] over an image input into one picture per unit (its column)', () => {
    // input 1×2×2 → 2 units; W[i][u] = i for unit 0, -i for unit 1
    const w = [0, 0, 1, -1, 2, -2, 3, -3];
    const images = weightImages([4, 2], w, [1, 2, 2]);
    expect(images).toHaveLength(2);
    expect([0, 1, 2, 3].map((i) => gray(images[0]!, i))).toEqual([255, 170, 85, 0]);
    expect([0, 1, 2, 3].map((i) => gray(images[1]!, i))).toEqual([0, 85, 170, 255]);
    expect(weightImages([3, 2], [0, 0, 0, 0, 0, 0], [3])).toEqual([]);
  });

  it('draws at most `limit` pictures', () => {
    expect(weightImages([100, 1, 1, 1], new Array(100).fill(0), [1, 1, 1], 16)).toHaveLength(16);
  });
});
