// How a layer's settings read on one line in the stack: "30 filters · 5×5 · stride 1 · pad 0 · init 0.01".

import type { LayerSpec } from '../../engine/model';
import { findLayerType } from '../../engine/layers/registry';
import { fieldLabel } from '../i18n/registryText';
import type { Lang, Translate } from '../i18n/translate';

function initText(t: Translate, init: LayerSpec[string]): string {
  if (init === 'he') return t('init.he');
  if (init === 'xavier') return t('init.xavier');
  return t('init.stdShort', { std: String(init) });
}

export function layerSettingsText(t: Translate, layer: LayerSpec, lang: Lang): string {
  const parts: string[] = [];
  switch (layer.type) {
    case 'affine':
      parts.push(t('summary.units', { units: Number(layer.units) }));
      if (layer.init !== undefined) parts.push(initText(t, layer.init));
      break;
    case 'conv':
      parts.push(t('summary.filters', { filters: Number(layer.filters) }));
      parts.push(`${layer.kernel}×${layer.kernel}`);
      parts.push(t('summary.stride', { stride: String(layer.stride ?? 1) }));
      parts.push(t('summary.pad', { pad: String(layer.pad ?? 0) }));
      if (layer.init !== undefined) parts.push(initText(t, layer.init));
      break;
    case 'pool':
      parts.push(layer.mode === 'average' ? t('option.mode.average') : t('option.mode.max'));
      parts.push(`${layer.size ?? 2}×${layer.size ?? 2}`);
      parts.push(t('summary.stride', { stride: String(layer.stride ?? layer.size ?? 2) }));
      if (layer.pad) parts.push(t('summary.pad', { pad: String(layer.pad) }));
      break;
    case 'dropout':
      parts.push(t('summary.ratio', { ratio: String(layer.ratio ?? 0.5) }));
      break;
    default:
      // Any other type lists its settings by their labels ("Slope α 0.2"), so a new layer needs no case here.
      for (const field of findLayerType(layer.type)?.fields ?? []) {
        const value = layer[field.name];
        if (value !== undefined) parts.push(`${fieldLabel(lang, field)} ${value}`);
      }
  }
  // Each part stays on one line ("stride 1", "σ 0.01"); lines break only between parts.
  return parts.map((part) => part.replace(/ /g, '\u00a0')).join(' · ');
}
