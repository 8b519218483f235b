// The settings of several experiments side by side: every leaf of each experiment as a path in the
// notation of the experiment file ("training.optimizer.lr", "model.layers[0].filters"), and whether
// its values differ between the runs; rows in the model's order (its input, its layers from the first,
// then data and training). Pure: unit-tested in tests/renderer/pages/.

import { settingOrder } from './settingLabel';

export interface SettingRow {
  path: string;
  values: Record<number, unknown>;
  differs: boolean;
}

/** Every leaf under `value` with its path, in document order (an empty object or list is a leaf). */
export function flattenSettings(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, i) => flattenSettings(item, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flattenSettings(item, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value);
  }
  return out;
}

const IGNORED = new Set(['format', 'version', 'name', 'description']);

/**
 * One row per setting path found in any experiment (the file's bookkeeping fields left out). A row
 * differs when the runs' values are not all equal — a run without the path counts as different — or
 * when the lab itself listed the path among the differences.
 */
export function settingRows(experiments: readonly { id: number; experiment: unknown }[], listed: Iterable<string> = []): SettingRow[] {
  const flat = experiments.map(({ id, experiment }) => ({ id, leaves: flattenSettings(experiment) }));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const { leaves } of flat) {
    for (const path of leaves.keys()) {
      if (!seen.has(path) && !IGNORED.has(path)) {
        seen.add(path);
        paths.push(path);
      }
    }
  }
  const forced = new Set(listed);
  // A run with more layers adds its last layers' paths after the first run's training ones: put them back in model order.
  const order = new Map(paths.map((path) => [path, settingOrder(path)]));
  paths.sort((a, b) => {
    const [sa, la] = order.get(a)!;
    const [sb, lb] = order.get(b)!;
    return sa - sb || la - lb;
  });
  return paths.map((path) => {
    const values: Record<number, unknown> = {};
    for (const { id, leaves } of flat) values[id] = leaves.has(path) ? leaves.get(path) : undefined;
    const distinct = new Set(flat.map(({ leaves }) => (leaves.has(path) ? JSON.stringify(leaves.get(path)) : '\u0000absent')));
    return { path, values, differs: distinct.size > 1 || forced.has(path) };
  });
}

/** Chart rows with one string key per run ("r12"), as Recharts wants them: stable keys, nulls for gaps. */
export function seriesKey(runId: number): string {
  return `r${runId}`;
}

export function toChartRows<T>(
  rows: readonly { x: number; values: Record<number, T | null> }[],
  runIds: readonly number[],
  pick: (value: T) => number | null,
  xKey: string,
): Record<string, number | null>[] {
  return rows.map((row) => {
    const out: Record<string, number | null> = { [xKey]: row.x };
    for (const id of runIds) {
      const v = row.values[id];
      out[seriesKey(id)] = v === null || v === undefined ? null : pick(v);
    }
    return out;
  });
}
