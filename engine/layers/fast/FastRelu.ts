// The fast twin of Relu.ts (read that one first): the same y = max(0, x) and the same backward, with
// the book's mask (x ≤ 0) left implicit. Forward writes y in one pass into a buffer it keeps; backward
// reads the mask back from y itself — y is +0 exactly where x ≤ 0 — so no mask array is stored, and
// nothing is allocated once the batch shape has settled.
//
// In float32 both passes decide on the numbers' bits instead of comparing floats: half the inputs of
// a ReLU are negative, in no order a branch predictor can learn, and a mispredicted branch per value
// made the readable loop six times slower than the copy it is. The bit test is exactly `x ≤ 0`:
// sign bit set and not a NaN (a NaN passes, as `NaN ≤ 0` is false), or +0.

import { elementwiseKernel } from '../../kernels/wasmElementwise';
import type { Tensor } from '../../tensor';
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
  /** The last training forward's y, which backward reads its mask from. */
  private out: Tensor | null = null;
  private readonly bits = { x: new BitsView(), y: new BitsView(), mask: new BitsView(), dout: new BitsView(), dx: new BitsView() };

  forward(x: Tensor, train: boolean): Tensor {
    const out = this.outputs.of(train).get(x.shape, x.dtype);
    const xs = x.data,
      ys = out.data;
    if (xs instanceof Float32Array && ys instanceof Float32Array) {
      // the same bits in WebAssembly when the array is large enough (kernels/wasmElementwise.ts)
      if (!elementwiseKernel(xs.length)?.relu(xs, ys)) reluBits(this.bits.x.of(xs), this.bits.y.of(ys));
    } else {
      for (let i = 0; i < xs.length; i++) {
        const v = xs[i]!;
        ys[i] = v <= 0 ? 0 : v;
      }
    }
    if (train) this.out = out;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const ys = (this.out ?? needsForward(this.type)).data;
    const dx = this.dx.get(dout.shape, dout.dtype);
    const gs = dout.data,
      ds = dx.data;
    if (ys instanceof Float32Array && gs instanceof Float32Array && ds instanceof Float32Array) {
      if (!elementwiseKernel(gs.length)?.reluBackward(ys, gs, ds)) reluGradientBits(this.bits.mask.of(ys), this.bits.dout.of(gs), this.bits.dx.of(ds));
    } else {
      for (let i = 0; i < gs.length; i++) ds[i] = ys[i]! <= 0 ? 0 : gs[i]!;
    }
    return dx;
  }
}

// The loops live in functions of their own, each seeing only Int32Arrays, and take four values per
// turn: on arrays larger than the cache a loop of one value per turn waits on memory far longer than
// one of four (measured: 32 ms against 20 ms over 110 MB).

/** −1 when the sign bit is set and the magnitude is at most +∞'s (x ≤ 0, not NaN), else 0. */
function notPositive(b: number): number {
  return (b >> 31) & (((b & 0x7fffffff) - (INFINITY_BITS + 1)) >> 31);
}

function reluBits(xb: Int32Array, yb: Int32Array): void {
  const n = xb.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const b0 = xb[i]!,
      b1 = xb[i + 1]!,
      b2 = xb[i + 2]!,
      b3 = xb[i + 3]!;
    yb[i] = b0 & ~notPositive(b0);
    yb[i + 1] = b1 & ~notPositive(b1);
    yb[i + 2] = b2 & ~notPositive(b2);
    yb[i + 3] = b3 & ~notPositive(b3);
  }
  for (; i < n; i++) yb[i] = xb[i]! & ~notPositive(xb[i]!);
}

/** −1 where y's bits are not 0 (y ≠ +0: the gradient passes; forward never wrote −0), else 0. */
function passes(y: number): number {
  return (y | -y) >> 31;
}

function reluGradientBits(yb: Int32Array, gb: Int32Array, db: Int32Array): void {
  const n = gb.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const y0 = yb[i]!,
      y1 = yb[i + 1]!,
      y2 = yb[i + 2]!,
      y3 = yb[i + 3]!;
    db[i] = gb[i]! & passes(y0);
    db[i + 1] = gb[i + 1]! & passes(y1);
    db[i + 2] = gb[i + 2]! & passes(y2);
    db[i + 3] = gb[i + 3]! & passes(y3);
  }
  for (; i < n; i++) db[i] = gb[i]! & passes(yb[i]!);
}
