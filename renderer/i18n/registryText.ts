// Texts that come with the engine's registries rather than with the app's tables: a layer's or an
// optimizer's name and summary, and the label and hint of a field only one type has. Each definition
// carries them in both languages (engine/layers/registry.ts, engine/optimizers/registry.ts), so a new
// layer brings its words with it. Shared fields (lr, stride, init…) keep theirs in the tables.

import type { FieldSpec } from '../../engine/fields';
import { findLayerType, layerTypes, type LayerText } from '../../engine/layers/registry';
import { findOptimizerType, optimizerTypes } from '../../engine/optimizers/registry';
import type { OptimizerText } from '../../engine/optimizers/Optimizer';
import { translateOr, type Lang } from './translate';

/** A layer's name, summary and short hint; an unknown type (a file from a newer app) shows its own name. */
export function layerText(lang: Lang, type: string): LayerText {
  return findLayerType(type)?.text[lang] ?? { label: type, summary: '', short: '' };
}

export function optimizerText(lang: Lang, type: string): OptimizerText {
  return findOptimizerType(type)?.text[lang] ?? { label: type, summary: '' };
}

export function fieldLabel(lang: Lang, field: Pick<FieldSpec, 'name' | 'text'>): string {
  return field.text?.[lang].label ?? translateOr(lang, `field.${field.name}`, field.name);
}

export function fieldHint(lang: Lang, field: Pick<FieldSpec, 'name' | 'text' | 'summary'>): string {
  return field.text?.[lang].hint ?? translateOr(lang, `field.${field.name}.hint`, field.summary);
}

const fieldsWithText = new Map(
  [...layerTypes, ...optimizerTypes].flatMap((type) => type.fields.filter((field) => field.text).map((field) => [field.name, field] as const)),
);

/** For a message that names a field only by its name ("alpha must be less than 1"). */
export function fieldNameText(lang: Lang, name: string): string {
  return fieldLabel(lang, fieldsWithText.get(name) ?? { name });
}
