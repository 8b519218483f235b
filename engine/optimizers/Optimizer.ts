// What every optimizer is: a rule that moves each parameter against its gradient.
// Updates happen in place (parameters may live on a SharedArrayBuffer that workers read), and any
// per-parameter state (velocity, squared-gradient history…) is created lazily under the parameter's name.

import type { FieldSpec, FieldValues, Texts } from '../fields';
import type { Tensor } from '../tensor';

export type ParamMap = Record<string, Tensor>;

export interface Optimizer {
  update(params: ParamMap, grads: ParamMap): void;
}

/**
 * Every parameter has a gradient of its own size — checked before any parameter moves. A failure is
 * a programming error (the network builds both maps), never user input.
 */
export function checkGradients(optimizer: string, params: ParamMap, grads: ParamMap): void {
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(grads, key)) throw new Error(`${optimizer}: no gradient for parameter "${key}"`);
    const g = grads[key]!.size,
      p = params[key]!.size;
    if (g !== p) throw new Error(`${optimizer}: gradient "${key}" has ${g} values, parameter has ${p}`);
  }
}

/** An optimizer's name and one line on what it adds to its parent, as the app shows them. */
export interface OptimizerText {
  label: string;
  summary: string;
}

/** An optimizer as the registry holds it (written with `defineOptimizer` in registry.ts). */
export interface OptimizerType<Name extends string = string> {
  /** The name used in experiment files: "sgd", "momentum", … */
  type: Name;
  /** Display name in English: "SGD", "Momentum", … (the same as text.en.label) */
  label: string;
  /** One line in English: what it adds to its parent in the family tree (text.en.summary). */
  summary: string;
  /** Its name and summary in both of the app's languages. */
  text: Texts<OptimizerText>;
  /** The update rule in one line: "W ← W − η·g". */
  rule: string;
  /** Where the optimizer lab's bowl picture starts its learning rate (registry.ts says why each). */
  pathLearningRate: number;
  /** Its own settings, with the book's defaults. */
  fields: readonly FieldSpec[];
  create(settings: FieldValues): Optimizer;
}
