// The assignment a student is working on in Build (r5-packs): the settings its pack locks, and the
// draft as it was when the pack's starting experiment was loaded. The draft store refuses any change
// that would move a locked setting away from that start (a field typed, a layer dragged or deleted, an
// undo, a preset); the forms read the same store to show those settings disabled, with a lock mark.
// Leaving the assignment forgets it, and everything is editable again.

import { createStore, useStore } from './store';

/** Just the parts of the draft a lock is checked against (the draft store's state has more). */
export interface LockedDraft {
  stack: { present: { spec: { input: readonly number[]; layers: readonly unknown[] } } };
  data: object & { kind: string };
  training: object & { optimizer: string; values: Record<string, string> };
}

export interface PackLock {
  id: string;
  title: { ko: string; en: string };
  /** Setting paths as the pack writes them: "training.optimizer", "model.layers[2].units". */
  locked: readonly string[];
  /** The draft right after the starting experiment was loaded: what a locked setting must keep. */
  start: LockedDraft;
}

export const packLock = createStore<PackLock | null>(null);

export function workOnPack(lock: PackLock): void {
  packLock.set(lock);
}

export function leavePack(): void {
  packLock.set(null);
}

/** "model.layers[2].units" → ["model", "layers", 2, "units"]. */
function steps(path: string): (string | number)[] {
  return (path.match(/[^.[\]]+|\[\d+\]/g) ?? []).map((token) => (token.startsWith('[') ? Number(token.slice(1, -1)) : token));
}

function isPrefix(prefix: readonly (string | number)[], of: readonly (string | number)[]): boolean {
  return prefix.length <= of.length && prefix.every((step, i) => step === of[i]);
}

/** The locked path that covers `path` (the same setting, or one holding it), or null. */
export function lockCovering(locked: readonly string[], path: string): string | null {
  const target = steps(path);
  return locked.find((lock) => isPrefix(steps(lock), target)) ?? null;
}

/** Whether `path` or any setting inside it is locked (a layer with one locked field is partly locked). */
export function touchesLock(locked: readonly string[], path: string): boolean {
  const target = steps(path);
  return locked.some((lock) => {
    const lockSteps = steps(lock);
    return isPrefix(lockSteps, target) || isPrefix(target, lockSteps);
  });
}

function walk(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * The draft's value at a pack's setting path. The draft keeps the forms' text as typed and names a
 * few things its own way (the data source is `data.kind`, an optimizer's settings are `values`).
 */
export function draftValueAt(draft: LockedDraft, path: string): unknown {
  const [head, second, ...rest] = steps(path);
  if (head === 'model') return walk(draft.stack.present.spec, second === undefined ? [] : [second, ...rest]);
  if (head === 'data') {
    if (second === undefined) return draft.data;
    if (second === 'source') return draft.data.kind;
    const own = walk(draft.data, [second, ...rest]);
    // a data setting the forms keep under another name: the whole data source stands for it
    return own === undefined ? draft.data : own;
  }
  if (head === 'training') {
    if (second === undefined) return draft.training;
    if (second === 'optimizer') {
      const [field] = rest;
      if (field === undefined) return { type: draft.training.optimizer, values: draft.training.values };
      return field === 'type' ? draft.training.optimizer : draft.training.values[String(field)];
    }
    return walk(draft.training, [second, ...rest]);
  }
  return walk(draft, steps(path));
}

/** A value as text with every object's keys sorted, so two equal settings compare equal however they were built. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`).join(',')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** The first locked setting `next` changes against the start, or null when it keeps them all. */
export function changedLock(lock: PackLock, next: LockedDraft): string | null {
  return lock.locked.find((path) => sortedJson(draftValueAt(next, path)) !== sortedJson(draftValueAt(lock.start, path))) ?? null;
}

/** Whether the setting at `path` is locked by the pack being worked on (its form field is then disabled). */
export function useLocked(path: string | undefined): boolean {
  return useStore(packLock, (lock) => lock !== null && path !== undefined && lockCovering(lock.locked, path) !== null);
}

/** Whether the layer at `index`, or a setting of it, is locked. */
export function useLayerLocked(index: number): boolean {
  return useStore(packLock, (lock) => lock !== null && touchesLock(lock.locked, `model.layers[${index}]`));
}
