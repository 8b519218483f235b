// Tanh: y = tanh(x), the sigmoid's zero-centred cousin (chapter 6's initialization experiments).
// Its derivative is 1 − y², so, like Sigmoid, forward keeps y.

import { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export class Tanh implements Layer {
  readonly type = 'tanh';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private out: Tensor | null = null;

  forward(x: Tensor): Tensor {
    const out = Tensor.zerosLike(x);
    for (let i = 0; i < x.size; i++) out.data[i] = Math.tanh(x.data[i]!);
    this.out = out;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const y = (this.out ?? needsForward(this.type)).data;
    const dx = Tensor.zerosLike(dout);
    for (let i = 0; i < dout.size; i++) dx.data[i] = dout.data[i]! * (1 - y[i]! * y[i]!);
    return dx;
  }
}
