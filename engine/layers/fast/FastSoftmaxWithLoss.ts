// The fast twin of SoftmaxWithLoss.ts (read that one first): the same softmax (row maximum subtracted
// first), the same cross-entropy with the book's 1e-7 (`delta`, which the gradient check sets to 0), the
// same (y − t)/N — computed in the same steps, rounding where the readable layer rounds, so the numbers
// match to the last bit. What differs: y and dx go into buffers kept between calls instead of new arrays.

import type { Tensor } from '../../tensor';
import { needsForward } from '../Layer';
import { CROSS_ENTROPY_DELTA, crossEntropy, softmaxInto } from '../SoftmaxWithLoss';
import { ReusedTensor } from './reuse';

export class FastSoftmaxWithLoss {
  readonly type = 'softmax-with-loss';
  /** The probabilities of the last forward pass; overwritten by the next one. */
  y: Tensor | null = null;
  delta = CROSS_ENTROPY_DELTA;
  private t: ArrayLike<number> | null = null;
  private readonly probabilities = new ReusedTensor();
  private readonly dx = new ReusedTensor();

  forward(x: Tensor, t: ArrayLike<number>): number {
    const n = x.rows,
      classes = x.cols;
    const y = this.probabilities.get([n, classes], x.dtype);
    softmaxInto(x.data, y.data, n, classes);
    this.y = y;
    this.t = t;
    return crossEntropy(y, t, this.delta);
  }

  backward(dout = 1): Tensor {
    const y = this.y ?? needsForward(this.type);
    const t = this.t ?? needsForward(this.type);
    const [n, classes] = y.shape as [number, number];
    const dx = this.dx.get(y.shape, y.dtype);
    const d = dx.data;
    d.set(y.data);
    for (let i = 0; i < n; i++) d[i * classes + t[i]!]! -= 1;
    const scale = dout / n;
    for (let i = 0; i < d.length; i++) d[i]! *= scale;
    return dx;
  }
}
