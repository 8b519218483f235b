// Affine (book §5.6.2, common/layers.py's Affine): out = x·W + b, the fully connected layer. Any
// input rank is accepted and flattened to (N, D) first, as the book does for an image arriving from
// a convolution. Backward: dx = dout·Wᵀ (reshaped back), dW = xᵀ·dout, db = Σ over the batch axis.

import { add, dot, reshape, sumRows, transpose } from '../array';
import { Tensor } from '../tensor';
import { gradsLike, needsForward, type Layer } from './Layer';

export class Affine implements Layer {
  readonly type = 'affine';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  private x: Tensor | null = null;
  private original_x_shape: readonly number[] = [];

  /** W is [in, out] and b is [out], the book's layout. */
  constructor(W: Tensor, b: Tensor) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  get W(): Tensor {
    return this.params.W;
  }

  get b(): Tensor {
    return this.params.b;
  }

  forward(x: Tensor): Tensor {
    if (x.cols !== this.W.shape[0]) throw new Error(`affine expects ${this.W.shape[0]} inputs per sample, got ${x.cols}`);
    this.original_x_shape = x.shape;
    this.x = reshape(x, [x.shape[0]!, -1]);
    return add(dot(this.x, this.W), this.b);
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? needsForward(this.type);
    const dx = dot(dout, transpose(this.W));
    const dW = dot(transpose(x), dout);
    const db = sumRows(dout);
    this.grads.W!.data.set(dW.data);
    this.grads.b!.data.set(db.data);
    return reshape(dx, this.original_x_shape);
  }
}
