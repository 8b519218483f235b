// The few NumPy operations the book's layers are written in — np.dot, .T and transpose(axes),
// reshape with −1, np.sum(axis=0), the broadcast `+ b`, np.argmax(axis=1) — so that a readable layer
// reads as the book's Python does: `out = add(dot(col, col_W), b)` for `out = np.dot(col, col_W) + b`.
// Every function returns a new tensor and leaves its arguments alone; they are written to be read,
// not to be fast (training runs the layers of layers/fast/).
//
// One exception to "plain loops": `dot` hands its product to the engine's matrix kernel, as np.dot
// hands it to BLAS. That is what keeps the readable layers' numbers identical, bit for bit, to those
// of their fast twins — a large float32 product rounds in the kernel, and tests hold the two together.

import { gemm, rowMajor } from './kernels/gemm';
import { Tensor, type Shape } from './tensor';

/** np.dot of two matrices: (n, k)·(k, m) → (n, m). */
export function dot(a: Tensor, b: Tensor): Tensor {
  const [n, k] = a.shape as [number, number];
  const [k2, m] = b.shape as [number, number];
  if (a.shape.length !== 2 || b.shape.length !== 2 || k !== k2) {
    throw new Error(`dot: shapes ${a.shape.join('×')} and ${b.shape.join('×')} do not multiply`);
  }
  const out = Tensor.zeros([n, m], a.dtype);
  gemm(n, m, k, rowMajor(a.data, k), rowMajor(b.data, m), out.data);
  return out;
}

/** x.reshape(shape), where one −1 stands for whatever is left; the numbers are shared, as in NumPy. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const known = shape.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  return x.reshape(shape.map((d) => (d === -1 ? x.size / known : d)));
}

/**
 * x.transpose(axes): axis i of the result is axis axes[i] of x. Without axes, the reversed order —
 * for a matrix, x.T. A copy in the new order (NumPy gives a view; nothing here writes to either).
 */
export function transpose(x: Tensor, axes: readonly number[] = x.shape.map((_, i) => x.shape.length - 1 - i)): Tensor {
  const shape = axes.map((axis) => x.shape[axis]!);
  const out = Tensor.zeros(shape, x.dtype);
  const inStrides = stridesOf(x.shape);
  const step = axes.map((axis) => inStrides[axis]); // how far x moves per step along each output axis
  const outStrides = stridesOf(shape);
  // the output in order, one axis per level: `from` walks x, `to` walks out
  const copy = (axis: number, from: number, to: number): void => {
    if (axis === shape.length - 1) {
      for (let i = 0; i < shape[axis]!; i++) out.data[to + i] = x.data[from + i * step[axis]!]!;
      return;
    }
    for (let i = 0; i < shape[axis]!; i++) copy(axis + 1, from + i * step[axis]!, to + i * outStrides[axis]!);
  };
  if (out.size > 0) copy(0, 0, 0);
  return out;
}

/** np.sum(x, axis=0) of a matrix: the column sums, added up row by row (the bias gradient `db`). */
export function sumRows(x: Tensor): Tensor {
  const [n, m] = x.shape as [number, number];
  const out = Tensor.zeros([m], x.dtype);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) out.data[j]! += x.data[i * m + j]!;
  }
  return out;
}

/** x + b with b broadcast over the rows of the matrix x, as NumPy does for `np.dot(x, W) + b`. */
export function add(x: Tensor, b: Tensor): Tensor {
  const [n, m] = x.shape as [number, number];
  const out = Tensor.zeros([n, m], x.dtype);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) out.data[i * m + j] = x.data[i * m + j]! + b.data[j]!;
  }
  return out;
}

/**
 * np.argmax(x, axis=1): for each row, the index of its first largest value. Unlike NumPy, NaN never
 * wins, and a row with nothing above −∞ gives −1 (max pooling then passes −∞ and no gradient).
 */
export function argmaxRows(x: Tensor): Int32Array {
  const [n, m] = x.shape as [number, number];
  const arg = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    arg[i] = -1;
    for (let j = 0; j < m; j++) {
      if (x.data[i * m + j]! > best) {
        best = x.data[i * m + j]!;
        arg[i] = j;
      }
    }
  }
  return arg;
}

/** Row-major strides: how many numbers one step along each axis skips. */
function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d]!;
  }
  return strides;
}
