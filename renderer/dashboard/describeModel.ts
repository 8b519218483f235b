// A layer stack in one line, as a learner writes it on the board: "conv 30×5×5 → relu → pool 2 → affine 100 → …".
// Each layer's part is its definition's `line` (engine/layers/registry.ts).

import { readFields } from '../../engine/fields';
import { findLayerType } from '../../engine/layers/registry';
import type { LayerSpec } from '../../engine/model';

export function describeLayer(layer: LayerSpec): string {
  const layerType = findLayerType(layer.type);
  if (!layerType?.line) return layer.type;
  try {
    return layerType.line(readFields(layer, layerType.fields, { where: layer.type, path: 'layer' }));
  } catch {
    return layer.type; // settings the engine would refuse: the name alone says enough here
  }
}

export function describeLayers(layers: readonly LayerSpec[]): string {
  return layers.map(describeLayer).join(' → ');
}
