// The builder's stack: the model spec plus one stable id per layer (what drag-and-drop and React keys
// follow). Every edit is a tagged value applied by one pure function to both at once.

import type { LayerSpec, ModelSpec } from '../../engine/model';
import { addLayer, duplicateLayer, moveLayer, removeLayer, setInput, updateField } from './edits';
import { insertAt, moveItem, removeAt } from './list';

export interface Stack {
  spec: ModelSpec;
  ids: string[];
}

export type StackEdit =
  | { kind: 'add'; index: number; layer: LayerSpec; id: string }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'remove'; index: number }
  | { kind: 'duplicate'; index: number; id: string }
  | { kind: 'field'; index: number; name: string; value: number | string | undefined }
  | { kind: 'replace'; layers: LayerSpec[]; ids: string[] };

export function stackOf(spec: ModelSpec, makeId: () => string): Stack {
  return { spec, ids: spec.layers.map(() => makeId()) };
}

export function applyEdit(stack: Stack, edit: StackEdit): Stack {
  const { spec, ids } = stack;
  switch (edit.kind) {
    case 'add':
      return { spec: addLayer(spec, edit), ids: insertAt(ids, edit.index, edit.id) };
    case 'move':
      return { spec: moveLayer(spec, edit), ids: moveItem(ids, edit.from, edit.to) };
    case 'remove':
      return { spec: removeLayer(spec, edit), ids: removeAt(ids, edit.index) };
    case 'duplicate':
      if (!spec.layers[edit.index]) return stack;
      return { spec: duplicateLayer(spec, edit), ids: insertAt(ids, edit.index + 1, edit.id) };
    case 'field':
      return { spec: updateField(spec, edit), ids };
    case 'replace':
      return { spec: { ...spec, layers: edit.layers.map((l) => ({ ...l })) }, ids: [...edit.ids] };
  }
}

export function withInput(stack: Stack, input: readonly number[]): Stack {
  return { spec: setInput(stack.spec, input), ids: stack.ids };
}
