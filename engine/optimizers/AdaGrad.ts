// AdaGrad, the book's §6.1.5 (Duchi et al. 2011):  h ← h + g⊙g;  W ← W − η·g / (√h + ε)
// (common/optimizer.py, class AdaGrad). Each parameter gets its own learning rate, which shrinks as
// that parameter's gradients pile up.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

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
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      let h = this.squaredSum.get(key);
      if (h === undefined) {
        h = Tensor.zerosLike(param).data;
        this.squaredSum.set(key, h);
      }

      for (let i = 0; i < p.length; i++) {
        h[i]! += g[i]! * g[i]!;
        // ε keeps the very first step finite for a parameter whose gradient has so far been exactly 0.
        p[i]! -= (this.lr * g[i]!) / (Math.sqrt(h[i]!) + this.eps);
      }
    }
  }
}
