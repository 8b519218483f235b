// RMSProp (Tieleman & Hinton 2012), as the book's common/optimizer.py writes it (class RMSprop):
//   h ← ρ·h + (1−ρ)·g⊙g;  W ← W − η·g / (√h + ε)
// AdaGrad's sum of squared gradients becomes a moving average, so old gradients fade away.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

export interface RMSPropSettings {
  lr: number;
  rho: number;
  eps: number;
}

export const rmsPropDefaults: RMSPropSettings = { lr: 0.01, rho: 0.99, eps: 1e-7 };

export class RMSProp implements Optimizer {
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  private readonly squaredAverage = new Map<string, FloatArray>();

  constructor(settings: Partial<RMSPropSettings> = {}) {
    this.lr = settings.lr ?? rmsPropDefaults.lr;
    this.rho = settings.rho ?? rmsPropDefaults.rho;
    this.eps = settings.eps ?? rmsPropDefaults.eps;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('RMSProp', params, grads);
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      // Starting the average at 0 (as the book does) biases it low at first, so the
      // earliest steps are larger than η: the first one is about η/√(1−ρ).
      let h = this.squaredAverage.get(key);
      if (h === undefined) {
        h = Tensor.zerosLike(param).data;
        this.squaredAverage.set(key, h);
      }

      for (let i = 0; i < p.length; i++) {
        h[i] = this.rho * h[i]! + (1 - this.rho) * g[i]! * g[i]!;
        p[i]! -= (this.lr * g[i]!) / (Math.sqrt(h[i]!) + this.eps);
      }
    }
  }
}
