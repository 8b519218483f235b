// Adam (Kingma & Ba 2015) in the book's form (§6.1.6, common/optimizer.py, class Adam):
//   t ← t+1;  η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ);  m ← m + (1−β₁)(g−m);  v ← v + (1−β₂)(g²−v);  W ← W − η_t·m/(√v + ε)
// Momentum's velocity (m) plus RMSProp's squared-gradient average (v); η_t folds in the bias correction
// for both averages starting at zero.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

export interface AdamSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export const adamDefaults: AdamSettings = { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 };

interface AdamState {
  m: FloatArray;
  v: FloatArray;
}

export class Adam implements Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly state = new Map<string, AdamState>();
  /** Steps taken: one per update() call — every parameter of a network shares the same step count. */
  private t = 0;

  constructor(settings: Partial<AdamSettings> = {}) {
    this.lr = settings.lr ?? adamDefaults.lr;
    this.beta1 = settings.beta1 ?? adamDefaults.beta1;
    this.beta2 = settings.beta2 ?? adamDefaults.beta2;
    this.eps = settings.eps ?? adamDefaults.eps;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('Adam', params, grads);
    const { beta1, beta2 } = this;
    this.t += 1;
    // Both averages start at zero and so are too small early on; dividing m by (1−β₁ᵗ) and v by
    // (1−β₂ᵗ) undoes that, and the book folds both corrections into one learning rate for this step.
    const lrT = (this.lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);

    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      let s = this.state.get(key);
      if (s === undefined) {
        s = { m: Tensor.zerosLike(param).data, v: Tensor.zerosLike(param).data };
        this.state.set(key, s);
      }
      const { m, v } = s;
      for (let i = 0; i < p.length; i++) {
        m[i]! += (1 - beta1) * (g[i]! - m[i]!);
        v[i]! += (1 - beta2) * (g[i]! * g[i]! - v[i]!);
        p[i]! -= (lrT * m[i]!) / (Math.sqrt(v[i]!) + this.eps);
      }
    }
  }
}
