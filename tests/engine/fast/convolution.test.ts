// FastConvolution against Convolution: the same numbers to the last bit, forward and backward, over
// shapes, strides and paddings, in float32 (WebAssembly and JavaScript products) and float64, with
// the batch size changing between calls so the kept buffers are re-made and reused.

import { afterEach, describe, expect, it } from 'vitest';
import { setGemmBackend } from '../../../engine/kernels/gemm';
import { Convolution } from '../../../engine/layers/Convolution';
import { FastConvolution } from '../../../engine/layers/fast/FastConvolution';
import type { Layer } from '../../../engine/layers/Layer';
import type { DType } from '../../../engine/tensor';
import { expectSame, expectTwins, randomTensor, rngFor } from './compare';

interface Case {
  name: string;
  channels: number;
  size: [number, number];
  filters: number;
  kernel: number;
  stride: number;
  pad: number;
}

const cases: Case[] = [
  { name: "the book's SimpleConvNet layer", channels: 1, size: [28, 28], filters: 30, kernel: 5, stride: 1, pad: 0 },
  { name: '3 channels, pad 1', channels: 3, size: [7, 7], filters: 4, kernel: 3, stride: 1, pad: 1 },
  { name: 'stride 2, pad 1, non-square', channels: 2, size: [9, 7], filters: 5, kernel: 3, stride: 2, pad: 1 },
  { name: 'stride 3, pad 2 (windows hanging over the edge)', channels: 2, size: [9, 6], filters: 3, kernel: 4, stride: 3, pad: 2 },
  { name: 'pad larger than the kernel', channels: 1, size: [4, 5], filters: 2, kernel: 2, stride: 1, pad: 3 },
  { name: '1×1 kernel', channels: 6, size: [5, 5], filters: 3, kernel: 1, stride: 1, pad: 0 },
  { name: 'deep input: C·FH·FW = 16·5·5 = 400 columns', channels: 16, size: [8, 8], filters: 8, kernel: 5, stride: 1, pad: 2 },
];

function pair(c: Case, dtype: DType) {
  const rng = rngFor(`conv ${c.name} ${dtype}`);
  const W = randomTensor([c.filters, c.channels, c.kernel, c.kernel], dtype, rng);
  const b = randomTensor([c.filters], dtype, rng);
  const reference: Layer = new Convolution(W, b, c.stride, c.pad);
  return { rng, fast: new FastConvolution(W, b, c.stride, c.pad), reference };
}

afterEach(() => setGemmBackend('auto'));

describe('FastConvolution gives Convolution’s numbers exactly', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it.each(cases)(`${dtype}: %s, batches of 3, 5, 3, 1`, (c) => {
      const { rng, fast, reference } = pair(c, dtype);
      for (const batch of [3, 5, 3, 1]) {
        const x = randomTensor([batch, c.channels, ...c.size], dtype, rng, 0.3);
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `${c.name}, batch ${batch}`);
      }
    });
  }

  it.each(['js', 'wasm-simd'] as const)('float32 on the %s matrix kernel for every product, whatever its size', (backend) => {
    setGemmBackend(backend);
    for (const c of cases.slice(0, 4)) {
      const { rng, fast, reference } = pair(c, 'float32');
      const x = randomTensor([2, c.channels, ...c.size], 'float32', rng, 0.3);
      expectTwins(fast, reference, x, (out) => randomTensor(out.shape, 'float32', rng), c.name);
    }
  });

  it('a SimpleConvNet-sized batch of 100, on real-looking input (blank borders)', () => {
    const { rng, fast, reference } = pair(cases[0]!, 'float32');
    const x = randomTensor([100, 1, 28, 28], 'float32', rng, 0.8);
    expectTwins(fast, reference, x, (out) => randomTensor(out.shape, 'float32', rng, 0.75), 'batch 100');
  });

  it('inference in slices of a few samples gives the one-pass numbers, and keeps training state intact', () => {
    const c = cases[1]!;
    const { rng, fast, reference } = pair(c, 'float32');
    const x = randomTensor([4, c.channels, ...c.size], 'float32', rng);
    const trained = fast.forward(x, true).clone();
    const dout = randomTensor(trained.shape, 'float32', rng);
    // A large inference batch between the training forward and its backward
    const big = randomTensor([123, c.channels, ...c.size], 'float32', rng);
    expectSame(fast.forward(big, false), reference.forward(big, false), 'inference forward');
    reference.forward(x, true);
    expectSame(fast.backward(dout), reference.backward(dout), 'dx after an inference pass');
    expectSame(fast.grads.W!, reference.grads.W!, 'dW after an inference pass');
  });

  // Both go through WebAssembly (their products are large enough): the book's layer at a worker's half
  // batch, whose forward and backwardParams run whole inside the module, and a strided, padded one.
  it.each([
    [0, 50],
    [2, 3],
  ])('backwardParams fills dW and db as backward does, without dx (case %i, batch %i)', (which, batch) => {
    const c = cases[which]!;
    const { rng, fast, reference } = pair(c, 'float32');
    const x = randomTensor([batch, c.channels, ...c.size], 'float32', rng, 0.5);
    const out = fast.forward(x, true);
    reference.forward(x, true);
    const dout = randomTensor(out.shape, 'float32', rng);
    fast.backwardParams(dout);
    reference.backward(dout);
    expectSame(fast.grads.W!, reference.grads.W!, 'dW');
    expectSame(fast.grads.b!, reference.grads.b!, 'db');
  });

  it('reuses its buffers while the batch shape stays, and re-makes them when it changes', () => {
    const c = cases[1]!;
    const { rng, fast } = pair(c, 'float32');
    const x = randomTensor([3, c.channels, ...c.size], 'float32', rng);
    const first = fast.forward(x, true);
    const dx = fast.backward(randomTensor(first.shape, 'float32', rng));
    expect(fast.forward(randomTensor(x.shape, 'float32', rng), true)).toBe(first);
    expect(fast.backward(randomTensor(first.shape, 'float32', rng))).toBe(dx);
    expect(fast.forward(x, false)).not.toBe(first); // inference has buffers of its own
    const other = fast.forward(randomTensor([2, c.channels, ...c.size], 'float32', rng), true);
    expect(other).not.toBe(first);
    expect(other.shape[0]).toBe(2);
  });

  it('refuses a backward before any training forward', () => {
    const { fast } = pair(cases[1]!, 'float32');
    expect(() => fast.backward(randomTensor([1, 4, 7, 7], 'float32', rngFor('x')))).toThrow(/before forward/);
  });
});
