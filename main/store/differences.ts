// Which settings differ between experiments: every leaf of the JSON as a path in the notation a
// learner reads in the experiment file — "training.optimizer.lr", "model.layers[3].units".

import type { Comparison } from '../api/contract';

/** Every leaf under `value` with its path, in document order. An empty object or list is a leaf itself. */
export function leafPaths(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, i) => leafPaths(item, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) leafPaths(item, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The paths whose values are not all equal, including paths only some experiments have; a run
 * without the path has null there. Paths come in the order they first appear.
 */
export function experimentDifferences(experiments: readonly { id: number; experiment: unknown }[]): Comparison['differences'] {
  const leaves = experiments.map(({ id, experiment }) => ({ id, paths: leafPaths(experiment) }));
  const paths = new Set<string>();
  for (const { paths: p } of leaves) for (const path of p.keys()) paths.add(path);
  const differences: Comparison['differences'] = [];
  for (const path of paths) {
    const present = leaves.map(({ paths: p }) => p.has(path));
    const values = leaves.map(({ paths: p }) => p.get(path));
    const differs = present.some((has) => !has) || values.some((v) => !same(v, values[0]));
    if (!differs) continue;
    differences.push({ path, values: Object.fromEntries(leaves.map(({ id }, i) => [id, present[i] ? values[i] : null])) });
  }
  return differences;
}
