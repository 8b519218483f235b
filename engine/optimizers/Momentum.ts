// Momentum, the book's §6.1.4:  v ← α·v − η·∂L/∂W;  W ← W + v
// (common/optimizer.py, class Momentum). The velocity v remembers past steps, so a ball rolling down a
// long shallow valley speeds up while side-to-side oscillations cancel out.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

export interface MomentumSettings {
  lr: number;
  momentum: number;
}

export const momentumDefaults: MomentumSettings = { lr: 0.01, momentum: 0.9 };

export class Momentum implements Optimizer {
  readonly lr: number;
  readonly momentum: number;
  private readonly velocity = new Map<string, FloatArray>();

  constructor(settings: Partial<MomentumSettings> = {}) {
    this.lr = settings.lr ?? momentumDefaults.lr;
    this.momentum = settings.momentum ?? momentumDefaults.momentum;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('Momentum', params, grads);
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      // Like the book, the velocity starts at rest the first time a parameter is seen.
      let v = this.velocity.get(key);
      if (v === undefined) {
        v = Tensor.zerosLike(param).data;
        this.velocity.set(key, v);
      }

      for (let i = 0; i < p.length; i++) {
        v[i] = this.momentum * v[i]! - this.lr * g[i]!;
        p[i]! += v[i]!;
      }
    }
  }
}
