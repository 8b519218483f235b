// The builder's edits as pure functions (spec, args) => spec. None mutates its input, so every
// version of the stack can sit in the undo history as it is.

import type { LayerSpec, ModelSpec } from '../../engine/model';
import { findLayerType } from '../../engine/layers/registry';
import { insertAt, moveItem, removeAt, replaceAt } from './list';

/** A new layer of `type` with every field filled in, as the palette drops it into the stack. */
export function defaultLayer(type: string): LayerSpec {
  const layerType = findLayerType(type);
  if (!layerType) throw new Error(`unknown layer type "${type}"`);
  const layer: LayerSpec = { type };
  for (const field of layerType.fields) {
    // A field without a default starts at the book's usual size (its `starter`, from the registry).
    if (field.starter !== undefined) layer[field.name] = field.starter;
    else if (field.default !== undefined) layer[field.name] = field.default;
  }
  return layer;
}

export function addLayer(spec: ModelSpec, args: { index: number; layer: LayerSpec }): ModelSpec {
  return { ...spec, layers: insertAt(spec.layers, args.index, { ...args.layer }) };
}

export function moveLayer(spec: ModelSpec, args: { from: number; to: number }): ModelSpec {
  return { ...spec, layers: moveItem(spec.layers, args.from, args.to) };
}

export function removeLayer(spec: ModelSpec, args: { index: number }): ModelSpec {
  return { ...spec, layers: removeAt(spec.layers, args.index) };
}

/** Puts a copy of the layer right after it. */
export function duplicateLayer(spec: ModelSpec, args: { index: number }): ModelSpec {
  const layer = spec.layers[args.index];
  if (!layer) return spec;
  return { ...spec, layers: insertAt(spec.layers, args.index + 1, { ...layer }) };
}

/** Sets one field of one layer; `undefined` removes it (an optional field back to its automatic value). */
export function updateField(spec: ModelSpec, args: { index: number; name: string; value: number | string | undefined }): ModelSpec {
  const layer = spec.layers[args.index];
  if (!layer) return spec;
  const next: LayerSpec = { ...layer };
  if (args.value === undefined) Reflect.deleteProperty(next, args.name);
  else next[args.name] = args.value;
  return { ...spec, layers: replaceAt(spec.layers, args.index, next) };
}

export function setInput(spec: ModelSpec, input: readonly number[]): ModelSpec {
  return { ...spec, input: [...input] };
}
