// The fast twin of Pooling.ts (read that one first): the same windows, the same first-max-wins rule on
// ties (a later value must be strictly greater to take over, like np.argmax), padding counted as a value
// 0 whose gradient is dropped. What differs: the output and the winners' positions go into buffers kept
// between calls (one set per kind of pass, training or inference), and in float32 the windows that lie
// wholly inside the image — all of them when there is no padding — are scanned a row at a time on the
// numbers' bits, without a branch per value (a max over values in no learnable order mispredicts a
// branch every other comparison). For numbers from +0 to +∞ — everything a ReLU puts out — the bits,
// read as integers, order exactly as the numbers do, so "strictly greater" picks the same first
// maximum. A row holding anything else (a negative number, −0, a NaN), the padded windows at the edges,
// and float64 go the readable way, in the same order, so every tie resolves identically.

import { outputSize } from '../../kernels/im2col';
import { elementwiseKernel } from '../../kernels/wasmElementwise';
import type { FloatArray, Tensor } from '../../tensor';
import { needsForward, type Layer } from '../Layer';
import type { PoolMode } from '../Pooling';
import { BitsView, ModeBuffers, ReusedIndices, ReusedTensor } from './reuse';

/** The bits of +Infinity, the largest of the numbers whose bits order like their values. */
const INFINITY_BITS = 0x7f800000;

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
  /** The last training forward's state, which backward differentiates. */
  private last: PassState | null = null;
  private readonly dx = new ReusedTensor();
  private readonly bits = { x: new BitsView(), out: new BitsView() };

  constructor(
    readonly mode: PoolMode,
    readonly size: number,
    readonly stride: number,
    readonly pad = 0,
  ) {}

  forward(x: Tensor, train: boolean): Tensor {
    const [batch, channels, height, width] = x.shape as [number, number, number, number];
    const { size, stride, pad } = this;
    const outH = outputSize(height, size, stride, pad);
    const outW = outputSize(width, size, stride, pad);
    const pass = this.passes.of(train);
    const out = pass.out.get([batch, channels, outH, outW], x.dtype);
    if (this.mode === 'max') {
      const argmax = pass.winners.get(out.size);
      const xs = x.data,
        ys = out.data;
      if (xs instanceof Float32Array && ys instanceof Float32Array) {
        // The book's 2×2 windows of stride 2 go to WebAssembly when large enough (same bits, same winners).
        const wasm = size === 2 && stride === 2 && pad === 0 ? elementwiseKernel(xs.length) : null;
        if (!wasm?.maxPool2(xs, batch * channels, height, width, ys, argmax)) this.maxPoolBits(xs, batch * channels, height, width, outH, outW, ys, argmax);
      } else {
        this.maxPool(xs, batch * channels, height, width, outH, outW, ys, argmax);
      }
      pass.argmax = argmax;
    } else {
      this.averagePool(x.data, batch * channels, height, width, outH, outW, out.data);
      pass.argmax = null;
    }
    pass.inputShape = x.shape;
    if (train) this.last = pass;
    return out;
  }

  /** Every window the readable way (float64, or any input): first strictly greater value wins. */
  private maxPool(xs: FloatArray, planes: number, height: number, width: number, outH: number, outW: number, out: FloatArray, argmax: Int32Array): void {
    const { stride, pad } = this;
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) this.maxWindow(xs, base, height, width, oy * stride - pad, ox * stride - pad, out, argmax, o);
      }
    }
  }

  /** Float32: inside windows on their bits while every value is in +0…+∞, any other window the readable way. */
  private maxPoolBits(
    xs: Float32Array,
    planes: number,
    height: number,
    width: number,
    outH: number,
    outW: number,
    out: Float32Array,
    argmax: Int32Array,
  ): void {
    const { size, stride, pad } = this;
    const xb = this.bits.x.of(xs),
      ob = this.bits.out.of(out);
    // The output columns whose windows lie wholly inside a row: x0 = ox·S − P ≥ 0 and x0 + size ≤ W.
    const oxFrom = Math.min(outW, Math.ceil(pad / stride));
    const oxTo = Math.max(oxFrom, Math.min(outW, Math.floor((width - size + pad) / stride) + 1));
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++, o += outW) {
        const y0 = oy * stride - pad;
        const rowsInside = y0 >= 0 && y0 + size <= height;
        const from = rowsInside ? oxFrom : outW,
          to = rowsInside ? oxTo : outW;
        for (let ox = 0; ox < from; ox++) this.maxWindow(xs, base, height, width, y0, ox * stride - pad, out, argmax, o + ox);
        if (from < to) {
          const start = base + y0 * width + from * stride - pad;
          const plain =
            size === 2
              ? maxRow2(xb, width, stride, start, to - from, ob, argmax, o + from)
              : maxRow(xb, width, stride, size, start, to - from, ob, argmax, o + from);
          if (!plain) {
            for (let ox = from; ox < to; ox++) this.maxWindow(xs, base, height, width, y0, ox * stride - pad, out, argmax, o + ox);
          }
        }
        for (let ox = to; ox < outW; ox++) this.maxWindow(xs, base, height, width, y0, ox * stride - pad, out, argmax, o + ox);
      }
    }
  }

  /** One window, as Pooling.ts scans it: padding reads as 0 at position −1, first strictly greater wins. */
  private maxWindow(xs: FloatArray, base: number, height: number, width: number, y0: number, x0: number, out: FloatArray, argmax: Int32Array, o: number): void {
    const size = this.size;
    let best = -Infinity;
    let bestAt = -1;
    for (let ky = 0; ky < size; ky++) {
      const y = y0 + ky;
      for (let kx = 0; kx < size; kx++) {
        const xx = x0 + kx;
        const inside = y >= 0 && y < height && xx >= 0 && xx < width;
        const at = inside ? base + y * width + xx : -1;
        const v = inside ? xs[at]! : 0;
        if (v > best) {
          best = v;
          bestAt = at;
        }
      }
    }
    out[o] = best;
    argmax[o] = bestAt;
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
              if (xx >= 0 && xx < width) sum += xs[row + xx]!;
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
    const d = dx.data,
      g = dout.data;
    if (argmax && d instanceof Float32Array && g instanceof Float32Array && elementwiseKernel(d.length)?.maxPoolBackward(argmax, g, d)) return dx;
    d.fill(0);
    if (argmax) {
      for (let o = 0; o < g.length; o++) {
        const at = argmax[o]!;
        if (at >= 0) d[at]! += g[o]!;
      }
      return dx;
    }
    const [, , height, width] = inputShape! as [number, number, number, number];
    const [batch, channels, outH, outW] = dout.shape as [number, number, number, number];
    const { size, stride, pad } = this;
    const share = 1 / (size * size);
    let o = 0;
    for (let plane = 0; plane < batch * channels; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          const gs = g[o]! * share;
          for (let ky = 0; ky < size; ky++) {
            const y = oy * stride + ky - pad;
            if (y < 0 || y >= height) continue;
            for (let kx = 0; kx < size; kx++) {
              const xx = ox * stride + kx - pad;
              if (xx >= 0 && xx < width) d[base + y * width + xx]! += gs;
            }
          }
        }
      }
    }
    return dx;
  }
}

// A run of `count` inside windows along one output row, the first starting at x index `start`, decided
// on the numbers' bits: for bits of +0…+∞ read as integers, "greater" is the float order, and
// (best − m) >> 31 is −1 exactly when m > best, a mask that takes m without a branch. Returns false,
// having written nonsense, when a value is outside +0…+∞ (the caller redoes the row the readable way).

function maxRow2(xb: Int32Array, width: number, stride: number, start: number, count: number, ob: Int32Array, argmax: Int32Array, o: number): boolean {
  let outside = 0;
  for (let w = 0, at0 = start; w < count; w++, at0 += stride) {
    const at2 = at0 + width;
    const b0 = xb[at0]!,
      b1 = xb[at0 + 1]!,
      b2 = xb[at2]!,
      b3 = xb[at2 + 1]!;
    // sign bit set when a value is negative (or −0) or, through INFINITY_BITS − m, a NaN
    outside |=
      b0 |
      b1 |
      b2 |
      b3 |
      (INFINITY_BITS - (b0 & 0x7fffffff)) |
      (INFINITY_BITS - (b1 & 0x7fffffff)) |
      (INFINITY_BITS - (b2 & 0x7fffffff)) |
      (INFINITY_BITS - (b3 & 0x7fffffff));
    let best = b0 & 0x7fffffff,
      bestAt = at0;
    let m = b1 & 0x7fffffff,
      greater = (best - m) >> 31;
    best ^= (best ^ m) & greater;
    bestAt ^= (bestAt ^ (at0 + 1)) & greater;
    m = b2 & 0x7fffffff;
    greater = (best - m) >> 31;
    best ^= (best ^ m) & greater;
    bestAt ^= (bestAt ^ at2) & greater;
    m = b3 & 0x7fffffff;
    greater = (best - m) >> 31;
    best ^= (best ^ m) & greater;
    bestAt ^= (bestAt ^ (at2 + 1)) & greater;
    ob[o + w] = best;
    argmax[o + w] = bestAt;
  }
  return outside >= 0;
}

function maxRow(
  xb: Int32Array,
  width: number,
  stride: number,
  size: number,
  start: number,
  count: number,
  ob: Int32Array,
  argmax: Int32Array,
  o: number,
): boolean {
  let outside = 0;
  for (let w = 0, first = start; w < count; w++, first += stride) {
    let best = -1,
      bestAt = -1; // below every candidate (+0's bits are 0), as −∞ is in the readable loop
    for (let ky = 0, row = first; ky < size; ky++, row += width) {
      for (let at = row; at < row + size; at++) {
        const b = xb[at]!;
        const m = b & 0x7fffffff;
        outside |= b | (INFINITY_BITS - m);
        const greater = (best - m) >> 31;
        best ^= (best ^ m) & greater;
        bestAt ^= (bestAt ^ at) & greater;
      }
    }
    ob[o + w] = best;
    argmax[o + w] = bestAt;
  }
  return outside >= 0;
}
