// AdaGrad, the book's §6.1.5 (Duchi et al. 2011):  h ← h + g⊙g;  W ← W − η·g / (√h + ε)
// (common/optimizer.py, class AdaGrad). Each parameter gets its own learning rate, which shrinks as
// that parameter's gradients pile up.

import type { FieldValues } from '../fields';
import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type OptimizerType, type ParamMap } from './Optimizer';

export interface AdaGradSettings {
  lr: number;
  eps: number;
}

export const adaGradDefaults: AdaGradSettings = { lr: 0.01, eps: 1e-7 };

export class AdaGrad implements Optimizer {
  readonly lr: number;
  readonly eps: number;
  private readonly squaredSum = new Map<string, FloatArray>();

  constructor(settings: Partial<AdaGradSettings> = {}) {
    this.lr = settings.lr ?? adaGradDefaults.lr;
    this.eps = settings.eps ?? adaGradDefaults.eps;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('AdaGrad', params, grads);
    for (const key of Object.keys(params)) {
      const param = params[key];
      const p = param.data;
      const g = grads[key].data;

      let h = this.squaredSum.get(key);
      if (h === undefined) {
        h = Tensor.zerosLike(param).data;
        this.squaredSum.set(key, h);
      }

      for (let i = 0; i < p.length; i++) {
        h[i] += g[i] * g[i];
        // ε keeps the very first step finite for a parameter whose gradient has so far been exactly 0.
        p[i] -= (this.lr * g[i]) / (Math.sqrt(h[i]) + this.eps);
      }
    }
  }
}

export const adaGradType: OptimizerType = {
  type: 'adagrad',
  label: 'AdaGrad',
  summary: 'SGD with a learning rate per parameter that shrinks by the sum of all its squared gradients so far.',
  fields: [
    {
      name: 'lr',
      kind: 'number',
      summary: 'Learning rate before the per-parameter scaling; the first step moves each parameter by about this much.',
      default: adaGradDefaults.lr,
      min: 0,
      exclusiveMin: true,
      max: 1e6,
    },
    {
      name: 'eps',
      kind: 'number',
      summary: 'A tiny number added to the denominator so it is never zero.',
      default: adaGradDefaults.eps,
      min: 0,
      exclusiveMin: true,
      max: 1,
    },
  ],
  create: (settings: FieldValues) =>
    new AdaGrad({ lr: settings.lr as number | undefined, eps: settings.eps as number | undefined }),
};
