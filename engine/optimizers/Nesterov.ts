// Nesterov's accelerated gradient as the book's common/optimizer.py writes it (class Nesterov):
//   v ← α·v − η·g;  W ← W + α²·v − (1+α)·η·g
// This is Momentum rewritten so the gradient is, in effect, taken at the point the velocity is about to
// carry us to (the "look-ahead"), while still only ever needing the gradient at the stored W.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

export interface NesterovSettings {
  lr: number;
  momentum: number;
}

export const nesterovDefaults: NesterovSettings = { lr: 0.01, momentum: 0.9 };

export class Nesterov implements Optimizer {
  readonly lr: number;
  readonly momentum: number;
  private readonly velocity = new Map<string, FloatArray>();

  constructor(settings: Partial<NesterovSettings> = {}) {
    this.lr = settings.lr ?? nesterovDefaults.lr;
    this.momentum = settings.momentum ?? nesterovDefaults.momentum;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('Nesterov', params, grads);
    const m = this.momentum;
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      let v = this.velocity.get(key);
      if (v === undefined) {
        v = Tensor.zerosLike(param).data;
        this.velocity.set(key, v);
      }

      for (let i = 0; i < p.length; i++) {
        v[i] = m * v[i]! - this.lr * g[i]!;
        // α²·v is the momentum part of the look-ahead; (1+α)·η·g applies the gradient both now and
        // in the look-ahead, so W never has to be moved to the look-ahead point and back.
        p[i]! += m * m * v[i]!;
        p[i]! -= (1 + m) * this.lr * g[i]!;
      }
    }
  }
}
