// SGD, the book's §6.1.2:  W ← W − η·∂L/∂W
// (common/optimizer.py, class SGD). Every other optimizer in this folder is this step with something added.

import type { FieldValues } from '../fields';
import { checkGradients, type Optimizer, type OptimizerType, type ParamMap } from './Optimizer';

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
      const p = params[key].data;
      const g = grads[key].data;
      for (let i = 0; i < p.length; i++) p[i] -= this.lr * g[i];
    }
  }
}

export const sgdType: OptimizerType = {
  type: 'sgd',
  label: 'SGD',
  summary: 'The plain step: move every parameter against its gradient, scaled by the learning rate.',
  fields: [
    {
      name: 'lr',
      kind: 'number',
      summary: 'Learning rate: how far each step moves against the gradient.',
      default: sgdDefaults.lr,
      min: 0,
      exclusiveMin: true,
      max: 1e6,
    },
  ],
  create: (settings: FieldValues) => new SGD({ lr: settings.lr as number | undefined }),
};
