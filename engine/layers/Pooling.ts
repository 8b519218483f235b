// Pooling (book §7.5): each channel is cut into size×size windows (every `stride` pixels) and each
// window shrinks to one number — its maximum, or its average. No parameters to learn.
// Backward: max pooling sends the gradient to the position that won (the first, on a tie, like
// np.argmax); average pooling shares it equally over the window. Zero padding counts as a value 0,
// as in the book's im2col-based Pooling; gradient that lands on padding is dropped.

import { outputSize } from '../kernels/im2col';
import { Tensor } from '../tensor';
import { needsForward, type Layer } from './Layer';

export type PoolMode = 'max' | 'average';

export class Pooling implements Layer {
  readonly type = 'pool';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private cache: { inputShape: readonly number[]; argmax: Int32Array | null } | null = null;

  constructor(readonly mode: PoolMode, readonly size: number, readonly stride: number, readonly pad = 0) {}

  forward(x: Tensor): Tensor {
    const [batch, channels, height, width] = x.shape;
    const { size, stride, pad } = this;
    const outH = outputSize(height, size, stride, pad);
    const outW = outputSize(width, size, stride, pad);
    const out = Tensor.zeros([batch, channels, outH, outW], x.dtype);
    const argmax = this.mode === 'max' ? new Int32Array(out.size) : null;
    let o = 0;
    for (let plane = 0; plane < batch * channels; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          let best = -Infinity;
          let bestAt = -1;
          let sum = 0;
          for (let ky = 0; ky < size; ky++) {
            const y = oy * stride + ky - pad;
            for (let kx = 0; kx < size; kx++) {
              const xx = ox * stride + kx - pad;
              const inside = y >= 0 && y < height && xx >= 0 && xx < width;
              const at = inside ? base + y * width + xx : -1;
              const v = inside ? x.data[at] : 0;
              sum += v;
              if (v > best) {
                best = v;
                bestAt = at;
              }
            }
          }
          if (argmax) {
            out.data[o] = best;
            argmax[o] = bestAt;
          } else {
            out.data[o] = sum / (size * size);
          }
        }
      }
    }
    this.cache = { inputShape: x.shape, argmax };
    return out;
  }

  backward(dout: Tensor): Tensor {
    const { inputShape, argmax } = this.cache ?? needsForward(this.type);
    const dx = Tensor.zeros(inputShape, dout.dtype);
    if (argmax) {
      for (let o = 0; o < dout.size; o++) if (argmax[o] >= 0) dx.data[argmax[o]] += dout.data[o];
      return dx;
    }
    const [, , height, width] = inputShape;
    const [batch, channels, outH, outW] = dout.shape;
    const { size, stride, pad } = this;
    const share = 1 / (size * size);
    let o = 0;
    for (let plane = 0; plane < batch * channels; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          const g = dout.data[o] * share;
          for (let ky = 0; ky < size; ky++) {
            const y = oy * stride + ky - pad;
            if (y < 0 || y >= height) continue;
            for (let kx = 0; kx < size; kx++) {
              const xx = ox * stride + kx - pad;
              if (xx >= 0 && xx < width) dx.data[base + y * width + xx] += g;
            }
          }
        }
      }
    }
    return dx;
  }
}
