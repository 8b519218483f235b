// Softmax-with-Loss (book §5.6.3): softmax turns scores into probabilities y, and the cross-entropy
// error L = −(1/N) Σ log(y[t] + 1e-7) measures them against the labels t. Put together, their backward
// is the famously clean (y − t)/N — why the book fuses the two into one layer.

import { argmaxRows, reshape } from '../array';
import { Tensor } from '../tensor';
import { needsForward } from './Layer';

/** The book's 1e-7 inside log(y + 1e-7): the loss of a sample can never exceed −ln(1e-7) ≈ 16.1. */
export const CROSS_ENTROPY_DELTA = 1e-7;

export class SoftmaxWithLoss {
  readonly type = 'softmax-with-loss';
  /** The probabilities of the last forward pass. */
  y: Tensor | null = null;
  /**
   * The book's 1e-7 inside log(y + 1e-7) keeps the loss finite when y is 0, at the price of a loss
   * whose exact gradient is no longer (y − t)/N. The gradient check sets it to 0 to test the maths.
   */
  delta = CROSS_ENTROPY_DELTA;
  /** The labels of the last forward pass: class indices, or one-hot rows (then a tensor shaped like y). */
  private t: ArrayLike<number> | Tensor | null = null;

  /**
   * x: scores (N, classes); t: one class index per sample, or one one-hot row per sample as the book
   * also accepts. Returns the mean cross-entropy.
   */
  forward(x: Tensor, t: ArrayLike<number> | Tensor): number {
    this.t = t;
    this.y = softmax(x);
    return crossEntropy(this.y, t instanceof Tensor ? labelsOf(t) : t, this.delta);
  }

  backward(dout = 1): Tensor {
    const y = this.y ?? needsForward(this.type);
    const t = this.t ?? needsForward(this.type);
    const [batch_size, classes] = y.shape as [number, number];
    const dx = y.clone();
    if (t instanceof Tensor) {
      for (let i = 0; i < dx.size; i++) dx.data[i]! -= t.data[i]!; // one-hot: y − t
    } else {
      for (let i = 0; i < batch_size; i++) dx.data[i * classes + t[i]!]! -= 1; // indices: y − 1 at each label
    }
    const scale = dout / batch_size;
    for (let i = 0; i < dx.size; i++) dx.data[i]! *= scale;
    return dx;
  }
}

/** The class of each one-hot row: where its 1 is (the book's t.argmax(axis=1)). */
function labelsOf(oneHot: Tensor): Int32Array {
  return argmaxRows(reshape(oneHot, [oneHot.shape[0]!, -1]));
}

/** Row-wise softmax, with the row maximum subtracted first so exp never overflows (book §3.5.2). */
export function softmax(x: Tensor): Tensor {
  const y = Tensor.zeros([x.rows, x.cols], x.dtype);
  softmaxInto(x.data, y.data, x.rows, x.cols);
  return y;
}

/** The same softmax into a buffer the caller keeps (the fast layer and the evaluator reuse theirs). */
export function softmaxInto(xs: ArrayLike<number>, ys: { [i: number]: number }, n: number, classes: number): void {
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, xs[row + j]!);
    let sum = 0;
    for (let j = 0; j < classes; j++) {
      const e = Math.exp(xs[row + j]! - max);
      ys[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < classes; j++) ys[row + j]! /= sum;
  }
}

/** Mean cross-entropy of probabilities y against class indices t; delta keeps log away from −∞. */
export function crossEntropy(y: Tensor, t: ArrayLike<number>, delta = CROSS_ENTROPY_DELTA): number {
  const [n, classes] = [y.rows, y.cols];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(y.data[i * classes + t[i]!]! + delta);
  return -sum / n;
}
