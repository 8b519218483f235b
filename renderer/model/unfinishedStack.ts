// A stack that only lacks its ending (every layer works, the last is not yet the loss) is unfinished,
// not broken: the learner who has just dropped the first layer is told once, by the Train button, what
// is missing — not also by a red banner over the stack and a red line in the layer.

import type { ModelAnalysis } from '../../engine/model';

export function isUnfinishedStack(layerCount: number, analysis: ModelAnalysis): boolean {
  const { error, layers } = analysis;
  if (!error || layerCount === 0 || layers.length !== layerCount) return false;
  const last = layers[layerCount - 1];
  return last !== undefined && !last.layerType.terminal && error.details.layerIndex === layerCount - 1;
}
