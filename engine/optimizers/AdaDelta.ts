// AdaDelta, Zeiler 2012 ("ADADELTA: An Adaptive Learning Rate Method"), Algorithm 1, with a learning-rate
// multiplier η as Keras has it:  E[g²] ← ρ·E[g²] + (1−ρ)·g²;  Δ = −√(E[Δ²]+ε) / √(E[g²]+ε) · g;
//   E[Δ²] ← ρ·E[Δ²] + (1−ρ)·Δ²;  W ← W + η·Δ
// RMSProp's step divided by RMS[g] is multiplied by RMS[Δ], so the step carries the parameter's own units.

import type { FloatArray } from '../tensor';
import { Tensor } from '../tensor';
import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

export interface AdaDeltaSettings {
  lr: number;
  rho: number;
  eps: number;
}

export const adaDeltaDefaults: AdaDeltaSettings = { lr: 1.0, rho: 0.95, eps: 1e-6 };

interface AdaDeltaState {
  squaredGrad: FloatArray;
  squaredDelta: FloatArray;
}

export class AdaDelta implements Optimizer {
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  private readonly state = new Map<string, AdaDeltaState>();

  constructor(settings: Partial<AdaDeltaSettings> = {}) {
    this.lr = settings.lr ?? adaDeltaDefaults.lr;
    this.rho = settings.rho ?? adaDeltaDefaults.rho;
    this.eps = settings.eps ?? adaDeltaDefaults.eps;
  }

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('AdaDelta', params, grads);
    const rho = this.rho;
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      let s = this.state.get(key);
      if (s === undefined) {
        s = { squaredGrad: Tensor.zerosLike(param).data, squaredDelta: Tensor.zerosLike(param).data };
        this.state.set(key, s);
      }
      const eg2 = s.squaredGrad;
      const edx2 = s.squaredDelta;

      for (let i = 0; i < p.length; i++) {
        eg2[i] = rho * eg2[i]! + (1 - rho) * g[i]! * g[i]!;
        // In the numerator ε is what gets the very first step going: E[Δ²] starts at 0, so without ε
        // every Δ would stay 0 forever. It also sets the size of the early steps (about √ε/√(1−ρ)).
        const delta = (-Math.sqrt(edx2[i]! + this.eps) / Math.sqrt(eg2[i]! + this.eps)) * g[i]!;
        // Zeiler accumulates the unscaled Δ; η only scales what is applied, as in Keras.
        edx2[i] = rho * edx2[i]! + (1 - rho) * delta * delta;
        p[i]! += this.lr * delta;
      }
    }
  }
}
