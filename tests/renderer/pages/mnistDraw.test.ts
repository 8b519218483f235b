import { describe, expect, it } from 'vitest';
import { boundingBox, centreOfMass, inkFromRgba, MNIST_SIZE, resizeArea, toMnist } from '../../../renderer/charts/mnistDraw';

/** A w×h drawing with the rectangle [x0, x1) × [y0, y1) inked. */
function drawing(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const ink = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * w + x] = 1;
  return ink;
}

function extent(img: Float32Array): { left: number; right: number; top: number; bottom: number } {
  return boundingBox(img, MNIST_SIZE, MNIST_SIZE, 0.001)!;
}

describe('drawing → MNIST 28×28', () => {
  it('finds the bounding box of the ink', () => {
    expect(boundingBox(drawing(10, 8, 2, 3, 5, 7), 10, 8)).toEqual({ left: 2, top: 3, right: 5, bottom: 7 });
    expect(boundingBox(new Float32Array(12), 4, 3)).toBeNull();
  });

  it('shrinks by area averaging, keeping the total ink per area', () => {
    // a 4×4 checkerboard of 2×2 blocks → 2×2 of the block values
    const src = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1];
    expect(Array.from(resizeArea(src, 4, { left: 0, top: 0, right: 4, bottom: 4 }, 2, 2))).toEqual([1, 0, 0, 1]);
    // 3 → 2 columns: fractional coverage (1, 0.5 | 0.5, 1) of [1, 0, 1]
    expect(Array.from(resizeArea([1, 0, 1], 3, { left: 0, top: 0, right: 3, bottom: 1 }, 2, 1))).toEqual([2 / 3, 2 / 3]);
  });

  it('finds the centre of mass in pixel-centre coordinates', () => {
    expect(centreOfMass([0, 0, 1, 0, 0, 0], 3, 2)).toEqual({ x: 2.5, y: 0.5 });
    expect(centreOfMass([0, 0], 2, 1)).toBeNull();
  });

  it('returns null for an empty pad', () => {
    expect(toMnist(new Float32Array(280 * 280), 280, 280)).toBeNull();
  });

  it('fits a tall stroke into 20 pixels high, keeping its aspect ratio', () => {
    // a 20×140 bar drawn in the corner of a 280×280 pad
    const out = toMnist(drawing(280, 280, 10, 5, 30, 145), 280, 280)!;
    expect(out).toHaveLength(MNIST_SIZE * MNIST_SIZE);
    const box = extent(out);
    expect(box.bottom - box.top).toBe(20);
    expect(box.right - box.left).toBeGreaterThanOrEqual(2);
    expect(box.right - box.left).toBeLessThanOrEqual(4);
    for (const v of out) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of out) expect(v).toBeLessThanOrEqual(1);
  });

  it('centres the drawing by its mass wherever it was drawn', () => {
    for (const [x, y] of [
      [0, 0],
      [200, 150],
      [120, 40],
    ]) {
      const out = toMnist(drawing(280, 280, x!, y!, x! + 60, y! + 80), 280, 280)!;
      const com = centreOfMass(out, MNIST_SIZE, MNIST_SIZE)!;
      expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    }
  });

  it('moves a lopsided digit so its mass, not its box, is centred', () => {
    // an "L": a heavy foot makes the mass sit low and right of the box centre
    const ink = drawing(100, 100, 10, 10, 20, 90);
    const foot = drawing(100, 100, 10, 80, 90, 90);
    for (let i = 0; i < ink.length; i++) ink[i] = Math.max(ink[i]!, foot[i]!);
    const out = toMnist(ink, 100, 100)!;
    const com = centreOfMass(out, MNIST_SIZE, MNIST_SIZE)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    const box = extent(out);
    expect((box.top + box.bottom) / 2).toBeLessThan(14);
  });

  it('reads ink from a canvas’s alpha channel', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 51, 0, 0, 0, 0]);
    expect(Array.from(inkFromRgba(rgba, 2, 2))).toEqual([1, 0, 51 / 255, 0].map(Math.fround));
  });
});
