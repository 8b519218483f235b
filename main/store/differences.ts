// Which settings differ between experiments: every leaf of the JSON as a path in the notation a
// learner reads in the experiment file — "training.optimizer.lr", "model.layers[3].units".

import type { DataRecord } from '../../engine/data/dataset';
import { DATA_FILES_PATH } from '../api/constants';
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

/**
 * "data files" when runs read different contents (another file, or the same file edited), as one short
 * text per run ("iris.csv 4.4 KB sha256 1a2b3c4d"); null when they read the same, or none recorded any.
 */
export function dataDifference(runs: readonly { id: number; record: DataRecord | null }[]): Comparison['differences'][number] | null {
  // A record of no file and no folder (an IDX folder: its files are not hashed) says nothing of contents.
  const known = runs.map(({ record }) => (record && (record.files.length > 0 || record.folder) ? record : null));
  const texts = known.map((record) => {
    if (!record) return null;
    const files = record.files.map((f) => `${baseName(f.path)} ${formatBytes(f.bytes)} sha256 ${f.sha256.slice(0, 8)}`);
    const folder = record.folder
      ? [`${baseName(record.folder.path)}/ ${record.folder.images.toLocaleString('en-US')} images sha256 ${record.folder.sha256.slice(0, 8)}`]
      : [];
    return [...files, ...folder].join(' + ');
  });
  const hashes = known.map((record) => (record ? [...record.files.map((f) => f.sha256), record.folder?.sha256 ?? ''].join(' ') : null));
  if (hashes.every((h) => h === hashes[0])) return null;
  return { path: DATA_FILES_PATH, values: Object.fromEntries(runs.map(({ id }, i) => [id, texts[i]])) };
}

function baseName(path: string): string {
  return (
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? path
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
