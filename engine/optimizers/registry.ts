// The one table of optimizers, in family-tree order (SGD → Momentum → Nesterov; AdaGrad → RMSProp →
// AdaDelta; Momentum + RMSProp → Adam; Adam + Nesterov → Nadam). The spec validator, the CLI's help and
// the builder's forms all read it, so a new optimizer is one file and one line here.

import { adaDeltaType } from './AdaDelta';
import { adaGradType } from './AdaGrad';
import { adamType } from './Adam';
import { momentumType } from './Momentum';
import { nadamType } from './Nadam';
import { nesterovType } from './Nesterov';
import type { OptimizerType } from './Optimizer';
import { rmsPropType } from './RMSProp';
import { sgdType } from './SGD';

export const optimizerTypes: readonly OptimizerType[] = [
  sgdType,
  momentumType,
  nesterovType,
  adaGradType,
  rmsPropType,
  adaDeltaType,
  adamType,
  nadamType,
];

export function findOptimizerType(type: string): OptimizerType | undefined {
  return optimizerTypes.find((t) => t.type === type);
}
