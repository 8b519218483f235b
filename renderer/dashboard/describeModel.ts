// A layer stack in one line, as a learner writes it on the board: "conv 30×5×5 → relu → pool 2 → affine 100 → …".

import type { LayerSpec } from '../../engine/model';

export function describeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'conv':
      return `conv ${layer.filters}×${layer.kernel}×${layer.kernel}`;
    case 'pool':
      return `${layer.mode === 'average' ? 'avgpool' : 'pool'} ${layer.size}`;
    case 'affine':
      return `affine ${layer.units}`;
    case 'dropout':
      return `dropout ${layer.ratio}`;
    case 'softmax-with-loss':
      return 'softmax';
    default:
      return layer.type;
  }
}

export function describeLayers(layers: readonly LayerSpec[]): string {
  return layers.map(describeLayer).join(' → ');
}
