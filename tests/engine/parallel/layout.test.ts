// Where parameters live on the shared buffers: aligned entries, the Network's views on them, the workers' shares.

import { describe, expect, it } from 'vitest';
import { planModel } from '../../../engine/model';
import { Network } from '../../../engine/network';
import { ALIGN, flatLayout, ownedAlignedRange, sequentialAllocator } from '../../../engine/parallel/layout';

const oddModel = {
  input: [1, 28, 28],
  layers: [
    { type: 'conv', filters: 3, kernel: 3 }, // W 27 values, b 3
    { type: 'relu' },
    { type: 'flatten' },
    { type: 'affine', units: 25 },
    { type: 'batchnorm' }, // gamma, beta and both running statistics of 25
    { type: 'relu' },
    { type: 'affine', units: 7 },
    { type: 'softmax-with-loss' },
  ],
};

describe('flat layout', () => {
  it('starts every parameter and buffer on a 16-byte boundary, without overlaps, in the Network’s order', () => {
    const layout = flatLayout(planModel(oddModel));
    for (const entries of [layout.params, layout.buffers]) {
      let end = 0;
      for (const entry of entries) {
        expect(entry.offset % ALIGN, entry.name).toBe(0);
        expect(entry.offset, entry.name).toBeGreaterThanOrEqual(end);
        end = entry.offset + entry.length;
      }
    }
    expect(layout.paramLength % ALIGN).toBe(0);
    expect(layout.bufferLength % ALIGN).toBe(0);
    expect(layout.params.map((e) => [e.name, e.length])).toEqual([
      ['W1', 27],
      ['b1', 3],
      ['W2', 3 * 26 * 26 * 25],
      ['b2', 25],
      ['gamma1', 25],
      ['beta1', 25],
      ['W3', 175],
      ['b3', 7],
    ]);
  });

  it('gives the Network views at the layout’s offsets, so both agree on where each value is', () => {
    const plan = planModel(oddModel);
    const layout = flatLayout(plan);
    const params = new Float32Array(new SharedArrayBuffer(layout.paramLength * 4));
    const buffers = new Float32Array(new SharedArrayBuffer(layout.bufferLength * 4));
    const network = new Network(plan.spec, { seed: 2, allocate: sequentialAllocator(params), allocateBuffer: sequentialAllocator(buffers) });
    for (const entry of layout.params) {
      const t = network.params[entry.name]!;
      expect(t.data.buffer).toBe(params.buffer);
      expect(t.data.byteOffset, entry.name).toBe(entry.offset * 4);
      expect(t.data.length).toBe(entry.length);
    }
    for (const entry of layout.buffers) expect(network.buffers[entry.name]!.data.byteOffset, entry.name).toBe(entry.offset * 4);
    // The gaps between entries are never written: still zero after the initialisation.
    const used = new Set(layout.params.flatMap((e) => Array.from({ length: e.length }, (_, i) => e.offset + i)));
    for (let i = 0; i < params.length; i++) if (!used.has(i)) expect(params[i]).toBe(0);
  });

  it('splits one parameter between workers into contiguous shares, each after the first starting aligned', () => {
    for (const length of [0, 1, 3, 7, 25, 27, 175, 16900, 39200]) {
      for (let workers = 1; workers <= 4; workers++) {
        let next = 0;
        for (let w = 0; w < workers; w++) {
          const [a, b] = ownedAlignedRange(length, w, workers);
          expect(a).toBe(next);
          expect(b).toBeGreaterThanOrEqual(a);
          if (w > 0) expect(a % ALIGN).toBe(0);
          next = b;
        }
        expect(next).toBe(length);
      }
    }
    // Shares stay close to even: 39,200 values on 3 workers.
    expect([0, 1, 2].map((w) => ownedAlignedRange(39200, w, 3))).toEqual([
      [0, 13064],
      [13064, 26132],
      [26132, 39200],
    ]);
  });
});
