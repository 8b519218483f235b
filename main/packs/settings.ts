// Settings as paths a learner reads in the experiment file — "training.optimizer", "training.optimizer.lr",
// "model.layers[3].units" — and whether a student's experiment keeps the ones a pack locks.

import type { Experiment } from '../../engine/experiment';

/** The value at `path` ("a.b[2].c") inside `value`, or undefined when there is none. Own keys only. */
export function valueAt(value: unknown, path: string): unknown {
  const tokens = path.match(/[^.[\]]+|\[\d+\]/g);
  if (!tokens || tokens.join('').length + (path.match(/\./g)?.length ?? 0) !== path.length) return undefined;
  let current = value;
  for (const token of tokens) {
    if (token.startsWith('[')) {
      if (!Array.isArray(current)) return undefined;
      current = current[Number(token.slice(1, -1))];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    }
  }
  return current;
}

/** JSON with every object's keys in order: two equal settings give the same text whatever order they were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  // JSON has no undefined (nor functions): said as null, as JSON.stringify says it inside a list
  return value === undefined || typeof value === 'function' ? 'null' : JSON.stringify(value);
}

export interface LockBreak {
  path: string;
  expected: string;
  found: string;
}

/** A setting shown in a sentence: short values as written, long ones (a whole model) cut. */
export function shownSetting(value: unknown): string {
  const text = value === undefined ? 'nothing' : canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The first locked setting the experiment changes, against the starting experiment it keeps best (a pack
 * may offer several): null when it keeps every locked setting of one of them.
 */
export function firstLockBreak(experiment: Experiment, starts: readonly Experiment[], locked: readonly string[]): LockBreak | null {
  let best: LockBreak | null = null;
  let bestKept = -1;
  for (const start of starts) {
    let kept = 0;
    let first: LockBreak | null = null;
    for (const path of locked) {
      const expected = valueAt(start, path);
      const found = valueAt(experiment, path);
      if (canonicalJson(expected) === canonicalJson(found)) kept++;
      else first ??= { path, expected: shownSetting(expected), found: shownSetting(found) };
    }
    if (first === null) return null;
    if (kept > bestKept) {
      best = first;
      bestKept = kept;
    }
  }
  return best;
}
