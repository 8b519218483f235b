// The fast twin of Pooling.ts (read that one first): the same windows, the same first-max-wins rule on
// ties (a later value must be strictly greater to take over, like np.argmax), padding counted as a value
// 0 whose gradient is dropped. What differs: the output and the winners' positions go into buffers kept
// between calls (one set per kind of pass, training or inference), and a window that lies wholly inside
// the image — all of them when there is no padding — is scanned without a bounds test per value.
// Padded windows take the readable layer's careful path, in the same order, so ties with the padding
// resolve identically.

import { outputSize } from '../../kernels/im2col';
import type { FloatArray, Tensor } from '../../tensor';
import { needsForward, type Layer } from '../Layer';
import type { PoolMode } from '../Pooling';
import { ModeBuffers, ReusedIndices, ReusedTensor } from './reuse';

interface PassState {
  out: ReusedTensor;
  winners: ReusedIndices;
  inputShape: readonly number[] | null;
  /** Index into x of each output's winner (−1: the padding won), max mode only. */
  argmax: Int32Array | null;
}

export class FastPooling implements Layer {
  readonly type = 'pool';
  readonly params = {};
  readonly grads = {};
  readonly buffers = {};
  private readonly passes = new ModeBuffers<PassState>(() => ({ out: new ReusedTensor(), winners: new ReusedIndices(), inputShape: null, argmax: null }));
  private last: PassState | null = null;
  private readonly dx = new ReusedTensor();

  constructor(readonly mode: PoolMode, readonly size: number, readonly stride: number, readonly pad = 0) {}

  forward(x: Tensor, train: boolean): Tensor {
    const [batch, channels, height, width] = x.shape;
    const { size, stride, pad } = this;
    const outH = outputSize(height, size, stride, pad);
    const outW = outputSize(width, size, stride, pad);
    const pass = this.passes.of(train);
    const out = pass.out.get([batch, channels, outH, outW], x.dtype);
    if (this.mode === 'max') {
      const argmax = pass.winners.get(out.size);
      this.maxPool(x.data, batch * channels, height, width, outH, outW, out.data, argmax);
      pass.argmax = argmax;
    } else {
      this.averagePool(x.data, batch * channels, height, width, outH, outW, out.data);
      pass.argmax = null;
    }
    pass.inputShape = x.shape;
    this.last = pass;
    return out;
  }

  private maxPool(xs: FloatArray, planes: number, height: number, width: number, outH: number, outW: number, out: FloatArray, argmax: Int32Array): void {
    const { size, stride, pad } = this;
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = oy * stride - pad;
        const rowsInside = y0 >= 0 && y0 + size <= height;
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = ox * stride - pad;
          let best = -Infinity;
          let bestAt = -1;
          if (rowsInside && x0 >= 0 && x0 + size <= width) {
            for (let ky = 0; ky < size; ky++) {
              const row = base + (y0 + ky) * width + x0;
              for (let kx = 0; kx < size; kx++) {
                const v = xs[row + kx];
                if (v > best) {
                  best = v;
                  bestAt = row + kx;
                }
              }
            }
          } else {
            for (let ky = 0; ky < size; ky++) {
              const y = y0 + ky;
              for (let kx = 0; kx < size; kx++) {
                const xx = x0 + kx;
                const inside = y >= 0 && y < height && xx >= 0 && xx < width;
                const at = inside ? base + y * width + xx : -1;
                const v = inside ? xs[at] : 0;
                if (v > best) {
                  best = v;
                  bestAt = at;
                }
              }
            }
          }
          out[o] = best;
          argmax[o] = bestAt;
        }
      }
    }
  }

  private averagePool(xs: FloatArray, planes: number, height: number, width: number, outH: number, outW: number, out: FloatArray): void {
    const { size, stride, pad } = this;
    const area = size * size;
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = oy * stride - pad;
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = ox * stride - pad;
          // Pooling.ts adds the padding's zeros too; x + 0 is x, so skipping them changes no sum.
          let sum = 0;
          for (let ky = 0; ky < size; ky++) {
            const y = y0 + ky;
            if (y < 0 || y >= height) continue;
            const row = base + y * width;
            for (let kx = 0; kx < size; kx++) {
              const xx = x0 + kx;
              if (xx >= 0 && xx < width) sum += xs[row + xx];
            }
          }
          out[o] = sum / area;
        }
      }
    }
  }

  backward(dout: Tensor): Tensor {
    const { inputShape, argmax } = this.last ?? needsForward(this.type);
    const dx = this.dx.get(inputShape!, dout.dtype);
    const d = dx.data, g = dout.data;
    d.fill(0);
    if (argmax) {
      for (let o = 0; o < g.length; o++) {
        const at = argmax[o];
        if (at >= 0) d[at] += g[o];
      }
      return dx;
    }
    const [, , height, width] = inputShape!;
    const [batch, channels, outH, outW] = dout.shape;
    const { size, stride, pad } = this;
    const share = 1 / (size * size);
    let o = 0;
    for (let plane = 0; plane < batch * channels; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          const gs = g[o] * share;
          for (let ky = 0; ky < size; ky++) {
            const y = oy * stride + ky - pad;
            if (y < 0 || y >= height) continue;
            for (let kx = 0; kx < size; kx++) {
              const xx = ox * stride + kx - pad;
              if (xx >= 0 && xx < width) d[base + y * width + xx] += gs;
            }
          }
        }
      }
    }
    return dx;
  }
}
