// Continuing training from saved weights works only while the stack still has exactly the parameters
// the weights were saved for; this says whether it does, so the form can explain before the house refuses.

import type { LayerPlan } from '../../engine/model';

interface StoredShape {
  shape?: unknown;
}

/** True when every parameter and buffer of the planned stack is in the weights with the same shape. */
export function weightsFit(weights: unknown, layers: readonly LayerPlan[]): boolean {
  if (typeof weights !== 'object' || weights === null) return false;
  const params = (weights as { params?: Record<string, StoredShape> }).params;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the weights are parsed from a file: `params` may be missing or anything
  if (typeof params !== 'object' || params === null) return false;
  const expected = layers.flatMap((l) => [...l.params, ...l.buffers]);
  if (expected.length !== Object.keys(params).length) return false;
  return expected.every((p) => {
    const stored = params[p.name]?.shape;
    return Array.isArray(stored) && stored.length === p.shape.length && stored.every((d, i) => d === p.shape[i]);
  });
}
