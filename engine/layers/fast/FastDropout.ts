// The fast twin of Dropout.ts (read that one first): the book's dropout, not the "inverted" one — in
// training a value survives when its uniform draw exceeds `ratio` (one draw per value, in order, from
// the same stream, so the masks are Dropout's exactly); at inference every value is scaled by
// (1 − ratio). What differs: the output, the mask and dx live in buffers kept between calls.

import type { Rng } from '../../rng';
import type { Tensor } from '../../tensor';
import { needsForward, type Layer } from '../Layer';
import { ModeBuffers, ReusedTensor } from './reuse';

export class FastDropout implements Layer {
  readonly type = 'dropout';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private readonly outputs = new ModeBuffers(() => new ReusedTensor());
  private readonly dx = new ReusedTensor();
  /** 1 where the value was kept by the last training forward. */
  private mask: Uint8Array | null = null;

  constructor(
    readonly ratio: number,
    private readonly rng: Rng,
  ) {}

  forward(x: Tensor, train: boolean): Tensor {
    const out = this.outputs.of(train).get(x.shape, x.dtype);
    const xs = x.data,
      ys = out.data;
    if (!train) {
      for (let i = 0; i < xs.length; i++) ys[i] = xs[i]! * (1 - this.ratio);
      return out;
    }
    if (!this.mask || this.mask.length !== xs.length) this.mask = new Uint8Array(xs.length);
    const mask = this.mask;
    for (let i = 0; i < xs.length; i++) {
      const keep = this.rng.uniform() > this.ratio;
      mask[i] = keep ? 1 : 0;
      ys[i] = keep ? xs[i]! : 0;
    }
    return out;
  }

  backward(dout: Tensor): Tensor {
    const mask = this.mask ?? needsForward(this.type);
    const dx = this.dx.get(dout.shape, dout.dtype);
    const g = dout.data,
      d = dx.data;
    for (let i = 0; i < g.length; i++) d[i] = mask[i] ? g[i]! : 0;
    return dx;
  }
}
