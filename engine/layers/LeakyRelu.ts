// Leaky ReLU: y = x where x > 0, α·x elsewhere (α small, 0.01 by default). Not in the book; it is
// ReLU (§5.5.1) with a slope instead of a floor, so a unit whose inputs all turn negative still gets a
// gradient (α·dout) and can come back, where a ReLU unit would stay dead.

import { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export class LeakyRelu implements Layer {
  readonly type = 'leaky-relu';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private mask: Uint8Array | null = null; // 1 where x ≤ 0, as in Relu.ts

  constructor(readonly alpha: number) {}

  forward(x: Tensor): Tensor {
    const out = Tensor.zerosLike(x);
    const mask = new Uint8Array(x.size);
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i]!;
      if (v > 0) {
        out.data[i] = v;
      } else {
        mask[i] = 1;
        out.data[i] = this.alpha * v;
      }
    }
    this.mask = mask;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const mask = this.mask ?? needsForward(this.type);
    const dx = Tensor.zerosLike(dout);
    for (let i = 0; i < dout.size; i++) dx.data[i] = mask[i] ? this.alpha * dout.data[i]! : dout.data[i]!;
    return dx;
  }
}
