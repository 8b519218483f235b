// SGD, the book's §6.1.2:  W ← W − η·∂L/∂W
// (common/optimizer.py, class SGD). Every other optimizer in this folder is this step with something added.

import type { FieldValues } from '../fields';
import { elementwiseKernel } from '../kernels/wasmElementwise';
import type { Optimizer, OptimizerType, ParamMap } from './Optimizer';

export interface SGDSettings {
  lr: number;
}

export const sgdDefaults: SGDSettings = { lr: 0.01 };

export class SGD implements Optimizer {
  readonly lr: number;

  constructor(settings: Partial<SGDSettings> = {}) {
    this.lr = settings.lr ?? sgdDefaults.lr;
  }

  update(params: ParamMap, grads: ParamMap): void {
    for (const key of Object.keys(params)) {
      const p = params[key].data;
      if (!Object.hasOwn(grads, key)) throw new Error(`SGD: no gradient for parameter "${key}"`);
      const g = grads[key].data;
      if (g.length !== p.length) throw new Error(`SGD: gradient "${key}" has ${g.length} values, parameter has ${p.length}`);

      // Large float32 parameters take the same step in WebAssembly (kernels/wasmElementwise.ts).
      if (p instanceof Float32Array && g instanceof Float32Array && elementwiseKernel(p.length)?.sgd(p, g, this.lr)) continue;
      for (let i = 0; i < p.length; i++) {
        p[i] -= this.lr * g[i];
      }
    }
  }
}
