// BatchGatherer: gatherBatch's numbers into kept buffers, whatever the split holds and however it lies in memory.

import { afterEach, describe, expect, it } from 'vitest';
import { gatherBatch, type DataSplit } from '../../../engine/data/dataset';
import { setGemmBackend, wasmKernelForPixels } from '../../../engine/kernels/gemm';
import { BatchGatherer } from '../../../engine/parallel/gather';
import { Rng } from '../../../engine/rng';

function byteSplit(count: number, size: number, offset: number): DataSplit {
  const rng = new Rng(3, 'gather');
  const backing = new Uint8Array(offset + count * size);
  for (let i = 0; i < backing.length; i++) backing[i] = rng.int(256);
  backing.fill(255, offset, offset + size); // every byte value turns up, the largest included
  for (let v = 0; v < 256 && offset + size + v < backing.length; v++) backing[offset + size + v] = v;
  return { x: backing.subarray(offset), y: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

afterEach(() => setGemmBackend('auto'));

describe('BatchGatherer', () => {
  it('in WebAssembly: every byte value becomes v / 255 rounded to float32, through a shuffled order', () => {
    const size = 28 * 28,
      count = 300;
    const bytes = new Uint8Array(size * count);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 7)) & 255; // all 256 values
    const split = { x: bytes, y: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
    const order = Array.from({ length: count }, (_, i) => (i * 7) % count);
    const gather = () => {
      const { x, t } = new BatchGatherer([1, 28, 28], 'float32').gather(split, order, 3, 103);
      return { x: Array.from(x.data), t: Array.from(t) };
    };
    setGemmBackend('js');
    expect(wasmKernelForPixels(100 * size), 'the JavaScript way').toBeNull();
    const js = gather();
    setGemmBackend('auto');
    expect(wasmKernelForPixels(100 * size), 'the WebAssembly module converts (otherwise this compares JavaScript with itself)').not.toBeNull();
    const wasm = gather();
    expect(wasm.x).toEqual(js.x);
    expect(wasm.t).toEqual(js.t);
    const seen = new Set<number>();
    for (let r = 0; r < 100; r++) {
      for (let k = 0; k < size; k++) {
        const v = bytes[order[3 + r]! * size + k]!;
        seen.add(v);
        if (wasm.x[r * size + k] !== Math.fround(v / 255)) expect.fail(`pixel ${r}, ${k}: ${wasm.x[r * size + k]} for byte ${v}`);
      }
    }
    expect(seen.size).toBe(256);
  });
  it.each([
    ['bytes on a 4-byte boundary (read four at a time), float32', [1, 4, 4], 0, 'float32'],
    ['bytes off the boundary, float32', [1, 4, 4], 1, 'float32'],
    ['a sample size that is not a multiple of 4, float32', [3, 5], 0, 'float32'],
    ['bytes, float64', [1, 4, 4], 0, 'float64'],
  ] as const)('%s: the numbers of gatherBatch', (_name, shape, offset, dtype) => {
    const size = (shape as readonly number[]).reduce((a, b) => a * b, 1);
    const split = byteSplit(300, size, offset);
    const gatherer = new BatchGatherer(shape, dtype);
    const order = new Rng(5, 'order').permutation(300);
    for (const [indices, from, to] of [
      [order, 0, 100],
      [null, 17, 290],
      [order, 200, 204],
      [null, 0, 100],
    ] as const) {
      const expected = gatherBatch(split, shape, indices, from, to, dtype);
      const { x, t } = gatherer.gather(split, indices, from, to);
      expect(x.shape).toEqual(expected.x.shape);
      expect(x.dtype).toBe(dtype);
      expect(Array.from(x.data)).toEqual(Array.from(expected.x.data));
      expect(Array.from(t)).toEqual(Array.from(expected.t));
    }
  });

  it('converts in the module, from a Node Buffer too, with rows in order (one copy) or shuffled: the numbers of gatherBatch', () => {
    const size = 784;
    const split = byteSplit(300, size, 0);
    const fromBuffer: DataSplit = { ...split, x: Buffer.from(split.x) };
    const order = new Rng(9, 'order').permutation(300);
    for (const source of [split, fromBuffer]) {
      const gatherer = new BatchGatherer([1, 28, 28], 'float32');
      for (const [indices, from, to] of [
        [null, 0, 100],
        [order, 0, 100],
        [null, 150, 300],
        [order, 100, 250],
      ] as const) {
        const expected = gatherBatch(split, [1, 28, 28], indices, from, to, 'float32');
        const { x } = gatherer.gather(source, indices, from, to);
        expect(Array.from(x.data)).toEqual(Array.from(expected.x.data));
      }
    }
  });

  it('copies float samples (the toy sets) as they are', () => {
    const x = Float32Array.from({ length: 60 }, (_, i) => Math.sin(i));
    const split: DataSplit = { x, y: Uint8Array.from({ length: 30 }, (_, i) => i % 3), count: 30 };
    const expected = gatherBatch(split, [2], [4, 9, 1], 0, 3);
    const { x: got, t } = new BatchGatherer([2], 'float32').gather(split, [4, 9, 1], 0, 3);
    expect(Array.from(got.data)).toEqual(Array.from(expected.x.data));
    expect(Array.from(t)).toEqual([1, 0, 1]);
  });

  it('keeps its buffer: a second batch of the same size lands in the same memory', () => {
    const split = byteSplit(50, 16, 0);
    const gatherer = new BatchGatherer([16], 'float32');
    const first = gatherer.gather(split, null, 0, 10).x;
    expect(gatherer.gather(split, null, 10, 20).x.data).toBe(first.data);
  });
});
