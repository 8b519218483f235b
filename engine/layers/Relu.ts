// ReLU (book §5.5.1): y = max(0, x). Backward passes the gradient where x > 0 and stops it elsewhere.

import { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export class Relu implements Layer {
  readonly type = 'relu';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private mask: Uint8Array | null = null; // 1 where x ≤ 0, like the book's `self.mask = (x <= 0)`

  forward(x: Tensor): Tensor {
    const out = Tensor.zerosLike(x);
    const mask = new Uint8Array(x.size);
    for (let i = 0; i < x.size; i++) {
      if (x.data[i]! <= 0) mask[i] = 1;
      else out.data[i] = x.data[i]!;
    }
    this.mask = mask;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const mask = this.mask ?? needsForward(this.type);
    const dx = Tensor.zerosLike(dout);
    for (let i = 0; i < dout.size; i++) if (!mask[i]) dx.data[i] = dout.data[i]!;
    return dx;
  }
}
