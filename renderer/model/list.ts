// Array edits that never mutate their input: the building blocks of the model edits, applied alike
// to the layers and to their stable ids so the two never drift apart.

/** Clamps `index` into 0…length (an insertion point). */
export function clampIndex(index: number, length: number): number {
  if (!Number.isFinite(index)) return length;
  return Math.min(Math.max(Math.trunc(index), 0), length);
}

export function insertAt<T>(items: readonly T[], index: number, item: T): T[] {
  const at = clampIndex(index, items.length);
  return [...items.slice(0, at), item, ...items.slice(at)];
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  if (index < 0 || index >= items.length) return [...items];
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

/** Moves the item at `from` so that it ends up at index `to` (dnd-kit's arrayMove semantics). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length) return [...items];
  const target = clampIndex(to, items.length - 1);
  const copy = [...items];
  const [item] = copy.splice(from, 1) as [T];
  copy.splice(target, 0, item);
  return copy;
}

export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  if (index < 0 || index >= items.length) return [...items];
  const copy = [...items];
  copy[index] = item;
  return copy;
}
