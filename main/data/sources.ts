// Every data source the lab can load, in one place: the engine's own kinds (mnist, idx:, the toy sets, and
// images:, read at the engine's Node edge with sharp, the one package that edge may import) and those whose
// reading needs a library from npm the engine may not import (csv: with papaparse).
// The kinds themselves are named in engine/data/sourceKinds.ts; a new one adds its loader here, one line.

import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Dataset } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import { findSourceKind, sourcePath } from '../../engine/data/sourceKinds';
import { loadDataSource, type SourceLoaders } from '../../engine/node/datasets';
import { csvPaths, loadCsvSource } from './csv';

export const sourceLoaders: SourceLoaders = {
  csv: (data, baseDir) => loadCsvSource(data.source, data.csv ?? {}, { baseDir }),
};

/** The dataset `data` names, of any kind, with `validation` and `trainLimit` applied. */
export function loadSource(data: DataSettings, options: { baseDir?: string } = {}): Promise<Dataset> {
  return loadDataSource(data, { ...options, loaders: sourceLoaders });
}

/** The files a source reads, by kind, for sourceVersion(); kinds made from no file of the user's have none here. */
const sourceFiles: Partial<Record<string, (data: DataSettings, baseDir: string) => string[]>> = {
  csv: (data, baseDir) => {
    const paths = csvPaths(data.source, baseDir);
    return paths.test !== undefined ? [paths.train, paths.test] : [paths.train];
  },
};

/**
 * What tells one version of a source's files from the next (path, size and modification time of each),
 * so a table edited between two runs is read again instead of served from memory. Empty for other kinds.
 */
export function sourceVersion(data: DataSettings, baseDir: string): string {
  const files = sourceFiles[findSourceKind(data.source)?.name ?? ''];
  if (!files) return '';
  try {
    return files(data, baseDir)
      .map((p) => {
        const info = statSync(p);
        return `${p}:${info.size}:${info.mtimeMs}`;
      })
      .join('|');
  } catch {
    return ''; // loading it names the problem
  }
}

/** The paths a source reads, resolved from `baseDir`: the table(s) of a csv: source, the folder of an idx: or images: one. */
function sourcePaths(source: string, baseDir: string): string[] {
  const named = sourcePath(source);
  if (!named || named.path.trim() === '') return [];
  if (named.kind.name === 'csv') {
    const paths = csvPaths(source, baseDir);
    return paths.test !== undefined ? [paths.train, paths.test] : [paths.train];
  }
  return [isAbsolute(named.path) ? named.path : resolve(baseDir, named.path)];
}

/**
 * The first path a source reads that is not on this machine, or null: a run imported from another lab
 * whose data stayed there keeps its metrics, and is told apart from one whose data is merely damaged.
 */
export function missingDataPath(source: string, baseDir: string): string | null {
  try {
    return sourcePaths(source, baseDir).find((path) => !existsSync(path)) ?? null;
  } catch {
    return null; // a source refused by name (a network path…): loading it says why
  }
}
