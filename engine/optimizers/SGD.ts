// SGD, the book's §6.1.2:  W ← W − η·∂L/∂W
// (common/optimizer.py, class SGD). Every other optimizer in this folder is this step with something added.

import { checkGradients, type Optimizer, type ParamMap } from './Optimizer';

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
    checkGradients('SGD', params, grads);
    for (const key of Object.keys(params)) {
      const p = params[key]!.data;
      const g = grads[key]!.data;
      for (let i = 0; i < p.length; i++) p[i]! -= this.lr * g[i]!;
    }
  }
}
