// Affine (book §5.6.2): out = x·W + b, the fully connected layer. Any input rank is accepted and
// flattened to (N, D) first, as the book does for an image arriving from a convolution.
// Backward: dx = dout·Wᵀ (reshaped back), dW = xᵀ·dout, db = Σ over the batch axis.

import { gemm, rowMajor, transposed } from '../kernels/gemm';
import { Tensor } from '../tensor';
import { gradsLike, needsForward, type Layer } from './Layer';

export class Affine implements Layer {
  readonly type = 'affine';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  private x: Tensor | null = null;

  /** W is [in, out] and b is [out], the book's layout. */
  constructor(W: Tensor, b: Tensor) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  forward(x: Tensor): Tensor {
    const { W, b } = this.params;
    const [inputs, outputs] = W.shape;
    const n = x.rows;
    if (x.cols !== inputs) throw new Error(`affine expects ${inputs} inputs per sample, got ${x.cols}`);
    this.x = x;
    const out = Tensor.zeros([n, outputs], x.dtype);
    gemm(n, outputs, inputs, rowMajor(x.data, inputs), rowMajor(W.data, outputs), out.data);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < outputs; j++) out.data[i * outputs + j] += b.data[j];
    }
    return out;
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? needsForward(this.type);
    const { W } = this.params;
    const [inputs, outputs] = W.shape;
    const n = x.rows;
    const dx = Tensor.zeros(x.shape, x.dtype);
    gemm(n, inputs, outputs, rowMajor(dout.data, outputs), transposed(W.data, outputs), dx.data); // dout·Wᵀ
    gemm(inputs, outputs, n, transposed(x.data, inputs), rowMajor(dout.data, outputs), this.grads.W.data); // xᵀ·dout
    const db = this.grads.b.data;
    db.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < outputs; j++) db[j] += dout.data[i * outputs + j];
    }
    return dx;
  }
}
