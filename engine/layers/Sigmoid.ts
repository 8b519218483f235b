// Sigmoid (book §5.5.2): y = 1 / (1 + exp(−x)). Its computational graph collapses to dx = dout·y(1 − y),
// so forward keeps y, not x.

import { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export class Sigmoid implements Layer {
  readonly type = 'sigmoid';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private out: Tensor | null = null;

  forward(x: Tensor): Tensor {
    const out = Tensor.zerosLike(x);
    for (let i = 0; i < x.size; i++) out.data[i] = 1 / (1 + Math.exp(-x.data[i]!));
    this.out = out;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const y = (this.out ?? needsForward(this.type)).data;
    const dx = Tensor.zerosLike(dout);
    for (let i = 0; i < dout.size; i++) dx.data[i] = dout.data[i]! * y[i]! * (1 - y[i]!);
    return dx;
  }
}
