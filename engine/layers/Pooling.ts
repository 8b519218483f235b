// Pooling (book §7.5, common/layers.py's Pooling): each channel is cut into size×size windows (every
// `stride` pixels) and each window shrinks to one number — its maximum, or its average. No
// parameters to learn. As in the book, im2col lays the windows out as rows, one row per channel of
// each window, and the pooling becomes a row-wise max (or sum) of that matrix.
// Backward: max pooling sends the gradient to the position that won (the first, on a tie, like
// np.argmax; NaN never wins); average pooling shares it equally over the window. Zero padding counts
// as a value 0, and gradient that lands on padding is dropped (col2im drops it).

import { argmaxRows, reshape, transpose } from '../array';
import { Tensor } from '../tensor';
import { col2im, im2col, outputSize } from '../util';
import { needsForward, type Layer } from './Layer';

export type PoolMode = 'max' | 'average';

export class Pooling implements Layer {
  readonly type = 'pool';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private x: Tensor | null = null;
  private arg_max: Int32Array | null = null;

  constructor(
    readonly mode: PoolMode,
    readonly size: number,
    readonly stride: number,
    readonly pad = 0,
  ) {}

  get pool_h(): number {
    return this.size;
  }

  get pool_w(): number {
    return this.size;
  }

  forward(x: Tensor): Tensor {
    const [N, C, H, W] = x.shape as [number, number, number, number];
    const out_h = outputSize(H, this.pool_h, this.stride, this.pad);
    const out_w = outputSize(W, this.pool_w, this.stride, this.pad);

    const pool_size = this.pool_h * this.pool_w;
    const col = reshape(im2col(x, this.pool_h, this.pool_w, this.stride, this.pad), [-1, pool_size]);
    const windows = col.shape[0]!;
    let out = Tensor.zeros([windows], x.dtype);
    if (this.mode === 'max') {
      const arg_max = argmaxRows(col);
      // the winner of each window, or −∞ when nothing in it is above −∞ (all NaN)
      for (let r = 0; r < windows; r++) out.data[r] = arg_max[r]! < 0 ? -Infinity : col.data[r * pool_size + arg_max[r]!]!;
      this.arg_max = arg_max;
    } else {
      // the mean: the window's sum, divided by its size
      for (let r = 0; r < windows; r++) {
        let sum = 0;
        for (let k = 0; k < pool_size; k++) sum += col.data[r * pool_size + k]!;
        out.data[r] = sum / pool_size;
      }
      this.arg_max = null;
    }
    out = transpose(reshape(out, [N, out_h, out_w, C]), [0, 3, 1, 2]);

    this.x = x;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? needsForward(this.type);
    dout = transpose(dout, [0, 2, 3, 1]);
    const pool_size = this.pool_h * this.pool_w;
    // dcol (one row per window) in float64, as the book's NumPy: a float32 share of an average is then
    // rounded once, where it lands in dx, not first on its way there.
    const dcol = Tensor.zeros([dout.size, pool_size], 'float64');
    if (this.mode === 'max') {
      const arg_max = this.arg_max ?? needsForward(this.type);
      for (let r = 0; r < dout.size; r++) if (arg_max[r]! >= 0) dcol.data[r * pool_size + arg_max[r]!] = dout.data[r]!;
    } else {
      const share = 1 / pool_size;
      for (let r = 0; r < dout.size; r++) {
        for (let k = 0; k < pool_size; k++) dcol.data[r * pool_size + k] = dout.data[r]! * share;
      }
    }
    return col2im(reshape(dcol, [-1, x.shape[1]! * pool_size]), x.shape, this.pool_h, this.pool_w, this.stride, this.pad, dout.dtype);
  }
}
