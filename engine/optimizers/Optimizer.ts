// What every optimizer is: a rule that moves each parameter against its gradient.
// Updates happen in place (parameters may live on a SharedArrayBuffer that workers read), and any
// per-parameter state (velocity, squared-gradient history…) is created lazily under the parameter's name.

import type { FieldSpec, FieldValues } from '../fields';
import type { Tensor } from '../tensor';

export type ParamMap = Record<string, Tensor>;

export interface Optimizer {
  update(params: ParamMap, grads: ParamMap): void;
}

export interface OptimizerType {
  /** The name used in experiment files: "sgd", "momentum", … */
  type: string;
  /** Display name: "SGD", "Momentum", … */
  label: string;
  /** One line: what it adds to its parent in the family tree. */
  summary: string;
  /** Its own settings, with the book's defaults. */
  fields: readonly FieldSpec[];
  create(settings: FieldValues): Optimizer;
}
