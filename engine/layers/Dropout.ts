// Dropout (book §6.4.3): in training each value is kept with probability 1 − ratio and zeroed
// otherwise (a new random mask per forward pass); backward lets the gradient through the same mask.
// At inference every value is kept and scaled by (1 − ratio), so the expected output is unchanged —
// the book's formulation, not the "inverted" one that scales during training instead.

import type { Rng } from '../rng';
import { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export class Dropout implements Layer {
  readonly type = 'dropout';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private mask: Uint8Array | null = null;

  constructor(
    readonly ratio: number,
    private readonly rng: Rng,
  ) {}

  forward(x: Tensor, train: boolean): Tensor {
    const out = Tensor.zerosLike(x);
    if (!train) {
      for (let i = 0; i < x.size; i++) out.data[i] = x.data[i]! * (1 - this.ratio);
      return out;
    }
    const mask = new Uint8Array(x.size);
    for (let i = 0; i < x.size; i++) {
      if (this.rng.uniform() > this.ratio) {
        mask[i] = 1;
        out.data[i] = x.data[i]!;
      }
    }
    this.mask = mask;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const mask = this.mask ?? needsForward(this.type);
    const dx = Tensor.zerosLike(dout);
    for (let i = 0; i < dout.size; i++) if (mask[i]) dx.data[i] = dout.data[i]!;
    return dx;
  }
}
