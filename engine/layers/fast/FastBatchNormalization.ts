// The fast twin of BatchNormalization.ts (read that one first): the book's batch normalisation with
// its 10e-7, momentum 0.9 and node-by-node backward, in the same float64 arithmetic, so every number
// matches to the last bit. What differs: the readable layer walks the batch column by column (one
// feature at a time, jumping a whole row between values); this one walks it row by row, in memory
// order, keeping one running sum per feature — each sum still adds the same values in the same order.
// And the intermediate arrays (xc, xn, std, dxc and the per-feature sums) are kept between calls.

import { Tensor } from '../../tensor';
import { gradsLike, needsForward, type Layer } from '../Layer';
import { ModeBuffers, ReusedTensor } from './reuse';

/** The book writes 10e-7, which is 1e-6; kept as written so saved statistics mean the same thing. */
const EPS = 10e-7;

export class FastBatchNormalization implements Layer {
  readonly type = 'batchnorm';
  readonly params: { gamma: Tensor; beta: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers: { running_mean: Tensor; running_var: Tensor };
  private readonly outputs = new ModeBuffers(() => new ReusedTensor());
  private readonly dx = new ReusedTensor();
  // Per value (N·D): what the training forward keeps for backward, and backward's own dxc.
  private xc = new Float64Array(0);
  private xn = new Float64Array(0);
  private dxc = new Float64Array(0);
  // Per feature (D): the training forward's std (kept for backward), the inference pass's own, and sums.
  private std = new Float64Array(0);
  private runningStd = new Float64Array(0);
  private mu = new Float64Array(0);
  private variance = new Float64Array(0);
  private sumDout = new Float64Array(0);
  private sumDoutXn = new Float64Array(0);
  private dstd = new Float64Array(0);
  private dmu = new Float64Array(0);
  private inputShape: readonly number[] | null = null;

  /** The book's argument order; the running statistics start at zero unless given (loaded weights, shared storage). */
  constructor(
    gamma: Tensor,
    beta: Tensor,
    readonly momentum = 0.9,
    running_mean: Tensor = Tensor.zerosLike(gamma),
    running_var: Tensor = Tensor.zerosLike(gamma),
  ) {
    this.params = { gamma, beta };
    this.grads = gradsLike(this.params);
    this.buffers = { running_mean, running_var };
  }

  forward(x: Tensor, train: boolean): Tensor {
    const n = x.rows;
    const d = x.cols;
    const xs = x.data;
    const gamma = this.params.gamma.data,
      beta = this.params.beta.data;
    const runMean = this.buffers.running_mean.data,
      runVar = this.buffers.running_var.data;
    const out = this.outputs.of(train).get(x.shape, x.dtype);
    const ys = out.data;
    if (!train) {
      this.perFeature(d);
      const std = this.runningStd;
      for (let j = 0; j < d; j++) std[j] = Math.sqrt(runVar[j]! + EPS);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const xn = (xs[i * d + j]! - runMean[j]!) / std[j]!;
          ys[i * d + j] = gamma[j]! * xn + beta[j]!;
        }
      }
      return out;
    }
    this.perFeature(d);
    this.perValue(n * d);
    const { xc, xn, std, mu, variance } = this;
    mu.fill(0);
    variance.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j]! += xs[i * d + j]!;
    for (let j = 0; j < d; j++) mu[j]! /= n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const c = xs[i * d + j]! - mu[j]!;
        xc[i * d + j] = c;
        variance[j]! += c * c;
      }
    }
    for (let j = 0; j < d; j++) {
      variance[j]! /= n;
      std[j] = Math.sqrt(variance[j]! + EPS);
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        xn[i * d + j] = xc[i * d + j]! / std[j]!;
        ys[i * d + j] = gamma[j]! * xn[i * d + j]! + beta[j]!;
      }
    }
    for (let j = 0; j < d; j++) {
      runMean[j] = this.momentum * runMean[j]! + (1 - this.momentum) * mu[j]!;
      runVar[j] = this.momentum * runVar[j]! + (1 - this.momentum) * variance[j]!;
    }
    this.inputShape = x.shape;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const inputShape = this.inputShape ?? needsForward(this.type);
    const n = dout.rows;
    const d = dout.cols;
    const g = dout.data;
    const { xc, xn, std, dxc, sumDout, sumDoutXn, dstd, dmu } = this;
    const gamma = this.params.gamma.data;
    const dgamma = this.grads.gamma!.data;
    const dbeta = this.grads.beta!.data;
    sumDout.fill(0);
    sumDoutXn.fill(0);
    dstd.fill(0);
    dmu.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const k = i * d + j;
        sumDout[j]! += g[k]!;
        sumDoutXn[j]! += g[k]! * xn[k]!;
        const dxn = gamma[j]! * g[k]!;
        dxc[k] = dxn / std[j]!;
        dstd[j]! -= (dxn * xc[k]!) / (std[j]! * std[j]!);
      }
    }
    for (let j = 0; j < d; j++) {
      dbeta[j] = sumDout[j]!;
      dgamma[j] = sumDoutXn[j]!;
      dstd[j] = (0.5 * dstd[j]!) / std[j]!; // from here on: dvar
    }
    const dvar = dstd;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const k = i * d + j;
        dxc[k]! += (2 / n) * xc[k]! * dvar[j]!;
        dmu[j]! += dxc[k]!;
      }
    }
    const dx = this.dx.get(inputShape, dout.dtype);
    const dxs = dx.data;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) dxs[i * d + j] = dxc[i * d + j]! - dmu[j]! / n;
    return dx;
  }

  private perFeature(d: number): void {
    if (this.std.length === d) return;
    this.std = new Float64Array(d);
    this.runningStd = new Float64Array(d);
    this.mu = new Float64Array(d);
    this.variance = new Float64Array(d);
    this.sumDout = new Float64Array(d);
    this.sumDoutXn = new Float64Array(d);
    this.dstd = new Float64Array(d);
    this.dmu = new Float64Array(d);
  }

  private perValue(length: number): void {
    if (this.xc.length === length) return;
    this.xc = new Float64Array(length);
    this.xn = new Float64Array(length);
    this.dxc = new Float64Array(length);
  }
}
