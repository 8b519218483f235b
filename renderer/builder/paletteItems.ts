// What the palette lists, without React: every layer type of the engine's registry, in its order, with
// its name and summary in the chosen language and the icon its definition carries.

import { layerTypes, type LayerIconData } from '../../engine/layers/registry';
import type { Lang } from '../i18n/translate';

export interface PaletteEntry {
  type: string;
  label: string;
  summary: string;
  icon: LayerIconData;
}

export function paletteItems(lang: Lang): PaletteEntry[] {
  return layerTypes.map((t) => ({ type: t.type, label: t.text[lang].label, summary: t.text[lang].summary, icon: t.icon }));
}
