// The fast twin of Relu.ts (read that one first): the same y = max(0, x) and the same backward, with
// the book's mask (x ≤ 0) left implicit. Forward writes y in one pass into a buffer it keeps; backward
// reads the mask back from y itself — y is +0 exactly where x ≤ 0 — so no mask array is stored, and
// nothing is allocated once the batch shape has settled.
//
// In float32 both passes decide on the numbers' bits instead of comparing floats: half the inputs of
// a ReLU are negative, in no order a branch predictor can learn, and a mispredicted branch per value
// made the readable loop six times slower than the copy it is. The bit test is exactly `x ≤ 0`:
// sign bit set and not a NaN (a NaN passes, as `NaN ≤ 0` is false), or +0.

import type { FloatArray, Tensor } from '../../tensor';
import { needsForward, type Layer } from '../Layer';
import { BitsView, ModeBuffers, ReusedTensor } from './reuse';

/** The bits of +Infinity: a magnitude above it is a NaN. */
const INFINITY_BITS = 0x7f800000;

export class FastRelu implements Layer {
  readonly type = 'relu';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private readonly outputs = new ModeBuffers(() => new ReusedTensor());
  private readonly dx = new ReusedTensor();
  private out: Tensor | null = null;
  private readonly bits = { x: new BitsView(), y: new BitsView(), dout: new BitsView(), dx: new BitsView() };

  forward(x: Tensor, train: boolean): Tensor {
    const out = this.outputs.of(train).get(x.shape, x.dtype);
    const xs = x.data, ys = out.data;
    if (xs instanceof Float32Array && ys instanceof Float32Array) {
      const xb = this.bits.x.of(xs), yb = this.bits.y.of(ys);
      for (let i = 0; i < xb.length; i++) {
        const b = xb[i];
        // −1 when the sign bit is set and the magnitude is at most +∞'s (x ≤ 0, not NaN), else 0
        const notPositive = (b >> 31) & (((b & 0x7fffffff) - (INFINITY_BITS + 1)) >> 31);
        yb[i] = b & ~notPositive;
      }
    } else {
      for (let i = 0; i < xs.length; i++) {
        const v = xs[i];
        ys[i] = v <= 0 ? 0 : v;
      }
    }
    this.out = out;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const ys = (this.out ?? needsForward(this.type)).data;
    const dx = this.dx.get(dout.shape, dout.dtype);
    backwardInto(ys, dout.data, dx.data, this.bits);
    return dx;
  }
}

/** dx = dout where y ≠ +0 (x > 0 or NaN), else 0. */
function backwardInto(ys: FloatArray, gs: FloatArray, ds: FloatArray, bits: FastRelu['bits']): void {
  if (ys instanceof Float32Array && gs instanceof Float32Array && ds instanceof Float32Array) {
    const yb = bits.y.of(ys), gb = bits.dout.of(gs), db = bits.dx.of(ds);
    // y's bits are 0 where the gradient stops (forward wrote +0, never −0), so (y | −y) has its sign
    // bit set exactly where the gradient passes.
    for (let i = 0; i < gb.length; i++) {
      const b = yb[i];
      db[i] = gb[i] & ((b | -b) >> 31);
    }
    return;
  }
  for (let i = 0; i < gs.length; i++) ds[i] = ys[i] <= 0 ? 0 : gs[i];
}
