// Shared by the fast-layer tests: random inputs, and the one way a fast layer is held to its readable
// twin — same forward output, same input gradient, same parameter gradients.

import { expect } from 'vitest';
import type { Layer } from '../../../engine/layers/Layer';
import { Rng } from '../../../engine/rng';
import { Tensor, type DType, type Shape } from '../../../engine/tensor';

/** Normal numbers; `zeros` of them exactly 0 (as after a ReLU, or a blank MNIST border). */
export function randomTensor(shape: Shape, dtype: DType, rng: Rng, zeros = 0): Tensor {
  const t = Tensor.zeros(shape, dtype);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniform() < zeros ? 0 : rng.normal();
  return t;
}

/** Small whole numbers: many exact ties, for the max-pooling and ReLU rules. */
export function tiedTensor(shape: Shape, dtype: DType, rng: Rng, values = [-1, 0, 0, 1, 2]): Tensor {
  const t = Tensor.zeros(shape, dtype);
  for (let i = 0; i < t.size; i++) t.data[i] = values[rng.int(values.length)]!;
  return t;
}

/** Equal to the last bit (Object.is: +0 and −0 differ, NaN equals NaN). */
export function expectSame(actual: Tensor, expected: Tensor, what: string): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what}: dtype`).toBe(expected.dtype);
  const a = actual.data,
    e = expected.data;
  for (let i = 0; i < e.length; i++) {
    if (!Object.is(a[i], e[i])) expect.fail(`${what}[${i}]: ${a[i]} instead of ${e[i]}`);
  }
}

/**
 * One training forward and backward through both layers on the same x and dout: output, dx and every
 * parameter gradient must be identical, and neither x nor dout may have been written to.
 */
export function expectTwins(fast: Layer, reference: Layer, x: Tensor, dout: (out: Tensor) => Tensor, what: string): void {
  const xBefore = x.clone();
  const expectedOut = reference.forward(x, true).clone();
  const out = fast.forward(x, true);
  expectSame(out, expectedOut, `${what} forward`);
  const g = dout(out);
  const gBefore = g.clone();
  const expectedDx = reference.backward(g).clone();
  const dx = fast.backward(g);
  expectSame(dx, expectedDx, `${what} dx`);
  for (const key of Object.keys(reference.grads)) expectSame(fast.grads[key]!, reference.grads[key]!, `${what} d${key}`);
  expectSame(x, xBefore, `${what}: x untouched`);
  expectSame(g, gBefore, `${what}: dout untouched`);
}

export function rngFor(name: string): Rng {
  return new Rng(20240601, name);
}
