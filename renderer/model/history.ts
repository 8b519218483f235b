// Undo and redo over immutable values. Edits that belong together (typing a number into one field,
// keystroke by keystroke) share a group and become one step of the history.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The group of the last push; the next push with the same group replaces it instead of adding a step. */
  group: string | null;
}

export const HISTORY_LIMIT = 100;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

export function push<T>(history: History<T>, next: T, group: string | null = null): History<T> {
  if (next === history.present) return history;
  if (group !== null && group === history.group) {
    return { past: history.past, present: next, future: [], group };
  }
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], group };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  const previous = history.past[history.past.length - 1]!;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], group: null };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...rest] = history.future as [T, ...T[]];
  return { past: [...history.past, history.present], present: next, future: rest, group: null };
}

export const canUndo = (history: History<unknown>): boolean => history.past.length > 0;
export const canRedo = (history: History<unknown>): boolean => history.future.length > 0;

/** Ends the current group, so the next push is a step of its own. */
export function seal<T>(history: History<T>): History<T> {
  return history.group === null ? history : { ...history, group: null };
}

/** Applies `change` to every version (e.g. a new input shape that is not itself an undoable edit). */
export function mapHistory<T>(history: History<T>, change: (value: T) => T): History<T> {
  return { past: history.past.map(change), present: change(history.present), future: history.future.map(change), group: history.group };
}
