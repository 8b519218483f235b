// Batch Normalization (book §6.3), with the book's semantics: every feature is normalised over the
// mini-batch — an image input (N, C, H, W) is seen as (N, C·H·W), one mean and variance per value —
// then scaled by gamma and shifted by beta:  xn = (x − μ)/√(σ² + ε),  out = gamma·xn + beta.
// Training uses the batch's μ and σ² and folds them into running averages (momentum 0.9);
// inference uses the running averages instead.

import { Tensor } from '../tensor';
import { gradsLike, needsForward, type Layer } from './Layer';

/** The book writes 10e-7, which is 1e-6; kept as written so saved statistics mean the same thing. */
const EPS = 10e-7;

export class BatchNormalization implements Layer {
  readonly type = 'batchnorm';
  readonly params: { gamma: Tensor; beta: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers: { running_mean: Tensor; running_var: Tensor };
  private cache: { inputShape: readonly number[]; xc: Float64Array; xn: Float64Array; std: Float64Array } | null = null;

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
    const { gamma, beta } = this.params;
    const { running_mean: runMean, running_var: runVar } = this.buffers;
    const out = Tensor.zerosLike(x);
    if (!train) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const xn = (x.data[i * d + j]! - runMean.data[j]!) / Math.sqrt(runVar.data[j]! + EPS);
          out.data[i * d + j] = gamma.data[j]! * xn + beta.data[j]!;
        }
      }
      return out;
    }
    const xc = new Float64Array(n * d);
    const xn = new Float64Array(n * d);
    const std = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let mu = 0;
      for (let i = 0; i < n; i++) mu += x.data[i * d + j]!;
      mu /= n;
      let variance = 0;
      for (let i = 0; i < n; i++) {
        const c = x.data[i * d + j]! - mu;
        xc[i * d + j] = c;
        variance += c * c;
      }
      variance /= n;
      std[j] = Math.sqrt(variance + EPS);
      for (let i = 0; i < n; i++) {
        xn[i * d + j] = xc[i * d + j]! / std[j]!;
        out.data[i * d + j] = gamma.data[j]! * xn[i * d + j]! + beta.data[j]!;
      }
      runMean.data[j] = this.momentum * runMean.data[j]! + (1 - this.momentum) * mu;
      runVar.data[j] = this.momentum * runVar.data[j]! + (1 - this.momentum) * variance;
    }
    this.cache = { inputShape: x.shape, xc, xn, std };
    return out;
  }

  // The book's backward, node by node through the normalisation graph.
  backward(dout: Tensor): Tensor {
    const { inputShape, xc, xn, std } = this.cache ?? needsForward(this.type);
    const n = dout.rows;
    const d = dout.cols;
    const gamma = this.params.gamma.data;
    const dgamma = this.grads.gamma!.data;
    const dbeta = this.grads.beta!.data;
    const dx = Tensor.zeros(inputShape, dout.dtype);
    const dxc = new Float64Array(n);
    for (let j = 0; j < d; j++) {
      let sumDout = 0,
        sumDoutXn = 0,
        dstd = 0;
      for (let i = 0; i < n; i++) {
        const g = dout.data[i * d + j]!;
        sumDout += g;
        sumDoutXn += g * xn[i * d + j]!;
        const dxn = gamma[j]! * g;
        dxc[i] = dxn / std[j]!;
        dstd -= (dxn * xc[i * d + j]!) / (std[j]! * std[j]!);
      }
      dbeta[j] = sumDout;
      dgamma[j] = sumDoutXn;
      const dvar = (0.5 * dstd) / std[j]!;
      let dmu = 0;
      for (let i = 0; i < n; i++) {
        dxc[i]! += (2 / n) * xc[i * d + j]! * dvar;
        dmu += dxc[i]!;
      }
      for (let i = 0; i < n; i++) dx.data[i * d + j] = dxc[i]! - dmu / n;
    }
    return dx;
  }
}
