// FastPooling against Pooling: the same outputs and the same winners — the first maximum on a tie,
// padding that wins only by being first, gradient dropped on padding — over sizes, strides and pads.

import { describe, expect, it } from 'vitest';
import { FastPooling } from '../../../engine/layers/fast/FastPooling';
import type { Layer } from '../../../engine/layers/Layer';
import { Pooling, type PoolMode } from '../../../engine/layers/Pooling';
import { Tensor, type DType } from '../../../engine/tensor';
import { expectSame, expectTwins, randomTensor, rngFor, tiedTensor } from './compare';

interface Case {
  mode: PoolMode;
  size: number;
  stride: number;
  pad: number;
  input: [number, number, number];
}

const cases: Case[] = [
  { mode: 'max', size: 2, stride: 2, pad: 0, input: [3, 24, 24] },
  { mode: 'max', size: 2, stride: 2, pad: 1, input: [2, 6, 6] },
  { mode: 'max', size: 3, stride: 2, pad: 1, input: [2, 7, 9] },
  { mode: 'max', size: 3, stride: 1, pad: 0, input: [1, 5, 5] },
  { mode: 'max', size: 2, stride: 1, pad: 1, input: [2, 4, 4] },
  { mode: 'max', size: 1, stride: 1, pad: 0, input: [2, 3, 3] },
  { mode: 'average', size: 2, stride: 2, pad: 0, input: [3, 8, 8] },
  { mode: 'average', size: 3, stride: 2, pad: 1, input: [2, 7, 7] },
  { mode: 'average', size: 2, stride: 1, pad: 1, input: [2, 5, 5] },
];

const label = (c: Case) => `${c.mode} ${c.size}×${c.size}, stride ${c.stride}, pad ${c.pad}, input ${c.input.join('×')}`;
const pair = (c: Case): { fast: FastPooling; reference: Layer } => ({
  fast: new FastPooling(c.mode, c.size, c.stride, c.pad),
  reference: new Pooling(c.mode, c.size, c.stride, c.pad),
});

describe('FastPooling gives Pooling’s numbers exactly', () => {
  for (const dtype of ['float32', 'float64'] as DType[]) {
    it.each(cases.map((c) => [label(c), c] as const))(`${dtype}, random values, batches 4, 2, 4: %s`, (_name, c) => {
      const rng = rngFor(`pool ${label(c)} ${dtype}`);
      const { fast, reference } = pair(c);
      for (const batch of [4, 2, 4]) {
        const x = randomTensor([batch, ...c.input], dtype, rng);
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `batch ${batch}`);
      }
    });

    it.each(cases.map((c) => [label(c), c] as const))(`${dtype}, ties everywhere: %s`, (_name, c) => {
      const rng = rngFor(`pool ties ${label(c)} ${dtype}`);
      const { fast, reference } = pair(c);
      // Negative values make the padding (0) win; zeros and small integers make ties with it and each other.
      for (const values of [
        [-1, 0, 0, 1, 2],
        [0, 0, 0, 1],
        [-2, -1, -1],
      ]) {
        const x = tiedTensor([3, ...c.input], dtype, rng, values);
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `values ${String(values)}`);
      }
    });
  }

  it('non-negative input (after a ReLU) with ties among +0s and among equal values: the first wins', () => {
    const x = Tensor.from([1, 1, 2, 4], [0, 0, 3, 3, 0, 0, 3, 1]);
    const pool = new FastPooling('max', 2, 2, 0);
    const out = pool.forward(x, true);
    expect(out.toArray()).toEqual([0, 3]);
    const dx = pool.backward(Tensor.from([1, 1, 1, 2], [5, 7]));
    expect(dx.toArray()).toEqual([5, 0, 7, 0, 0, 0, 0, 0]);
  });

  it('the special values: NaN never wins, −0 keeps its place on a tie with +0, ±∞', () => {
    const specials = [Number.NaN, -0, 0, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38, 1, -1];
    for (const c of cases.filter((k) => k.mode === 'max')) {
      const rng = rngFor(`pool specials ${label(c)}`);
      const { fast, reference } = pair(c);
      for (let round = 0; round < 5; round++) {
        const x = tiedTensor([2, ...c.input], 'float32', rng, specials);
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, 'float32', rng), label(c));
      }
    }
  });

  it('a windows-only-of-padding corner: the padding wins and its gradient is dropped', () => {
    const x = Tensor.from([1, 1, 2, 2], [-1, -2, -3, -4]);
    const fast = new FastPooling('max', 2, 2, 1);
    const reference = new Pooling('max', 2, 2, 1);
    expectTwins(
      fast,
      reference,
      x,
      (out) =>
        Tensor.from(
          out.shape,
          Array.from({ length: out.size }, (_, i) => i + 1),
        ),
      'all padding',
    );
    expect(fast.forward(x, true).toArray()).toEqual([0, 0, 0, 0]);
  });

  it('an inference pass between forward and backward leaves the training winners in place', () => {
    const c = cases[0]!;
    const rng = rngFor('pool inference between');
    const { fast, reference } = pair(c);
    const x = randomTensor([2, ...c.input], 'float32', rng);
    const dout = randomTensor([2, c.input[0], 12, 12], 'float32', rng);
    fast.forward(x, true);
    reference.forward(x, true);
    const other = randomTensor([7, ...c.input], 'float32', rng);
    expectSame(fast.forward(other, false), reference.forward(other, false), 'inference output');
    reference.forward(x, true);
    expectSame(fast.backward(dout), reference.backward(dout), 'dx');
  });
});
