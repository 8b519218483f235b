// A refusal said in a language, with the lab's own words for the values that name something: a layer
// type by its label ("conv" → 합성곱), "Layer 3 (conv)" as 3번째 계층(합성곱), a field by its label where
// the caller knows one. Shared by the app and the CLI; each passes its particle chooser (es-hangul).

import { findLayerType } from './layers/registry';
import { renderMessage, type FillOptions, type LabMessage, type MessageLang } from './messages';

export interface SayOptions {
  particle?: FillOptions['particle'];
  number?: FillOptions['number'];
  /** A field's label in `lang` ("units" → 뉴런 수); the field's own name when absent. */
  fieldLabel?: (name: string) => string;
}

export function sayMessage(lang: MessageLang, message: LabMessage, options: SayOptions = {}): string {
  const layerLabel = (type: string) => findLayerType(type)?.text[lang].label ?? type;
  const word = (name: string, value: string): string | undefined => {
    if (lang === 'en') return undefined;
    if (name === 'type') return layerLabel(value);
    if (name === 'field') return options.fieldLabel?.(value);
    if (name === 'where') {
      const layer = /^Layer (\d+) \(([\w-]+)\)$/.exec(value);
      return layer ? `${layer[1]}번째 계층(${layerLabel(layer[2]!)})` : undefined;
    }
    return undefined;
  };
  return renderMessage(lang, message, { particle: options.particle, number: options.number, word });
}
