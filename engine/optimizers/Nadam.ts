// Nadam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), without the momentum schedule:
//   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = β₁m/(1−β₁^(t+1)) + (1−β₁)g/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ)
//   W ← W − η·m̂/(√v̂ + ε)
// Adam with Nesterov's look-ahead: the momentum term already uses the next step's bias correction.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

export interface NadamSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export const nadamDefaults: NadamSettings = { lr: 0.002, beta1: 0.9, beta2: 0.999, eps: 1e-7 };

interface NadamState {
  m: FloatArray;
  v: FloatArray;
}

export class Nadam implements Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly state = new Map<string, NadamState>();
  /** Steps taken: one per update() call, shared by every parameter. */
  private t = 0;

  constructor(settings: Partial<NadamSettings> = {}) {
    this.lr = settings.lr ?? nadamDefaults.lr;
    this.beta1 = settings.beta1 ?? nadamDefaults.beta1;
    this.beta2 = settings.beta2 ?? nadamDefaults.beta2;
    this.eps = settings.eps ?? nadamDefaults.eps;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('Nadam', params, grads);
    const { beta1, beta2 } = this;
    this.t += 1;
    // The look-ahead: the momentum part is corrected as if it were already next step's (t+1),
    // while the fresh gradient part keeps this step's correction.
    const momentumCorrection = 1 - beta1 ** (this.t + 1);
    const gradientCorrection = 1 - beta1 ** this.t;
    const squaredCorrection = 1 - beta2 ** this.t;

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
        m[i] = beta1 * m[i]! + (1 - beta1) * g[i]!;
        v[i] = beta2 * v[i]! + (1 - beta2) * g[i]! * g[i]!;
        const mHat = (beta1 * m[i]!) / momentumCorrection + ((1 - beta1) * g[i]!) / gradientCorrection;
        const vHat = v[i]! / squaredCorrection;
        p[i]! -= (this.lr * mHat) / (Math.sqrt(vHat) + this.eps);
      }
    }
  }
}
