// Flatten: (N, C, H, W) → (N, C·H·W). No arithmetic, only a new shape; backward restores the old one.

import type { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export class Flatten implements Layer {
  readonly type = 'flatten';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private inputShape: readonly number[] | null = null;

  forward(x: Tensor): Tensor {
    this.inputShape = x.shape;
    return x.reshape([x.rows, x.cols]);
  }

  backward(dout: Tensor): Tensor {
    return dout.reshape(this.inputShape ?? needsForward(this.type));
  }
}
