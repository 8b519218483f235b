// Shared by the store tests: small valid experiments, runs with metrics, a content hash of a
// database, and a bundled copy of the store that child processes (other users, other processes) run.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import type { IterationLoss, RunStatus } from '../../../main/api/contract';
import type { NewRun, RunStore } from '../../../main/store/RunStore';
import { expect } from 'vitest';
import { LabError } from '../../../engine/errors';
import { epochMetric, experiment, weightsText } from './sample';

export { epochMetric, experiment, weightsText } from './sample';

const made: string[] = [];

/** A fresh folder under the system's temp folder, removed by `removeTempDirs`. */
export function tempDir(prefix = 'dlab-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunOptions extends Partial<NewRun> {
  epochs?: number;
  iterationsPerEpoch?: number;
  finalStatus?: RunStatus;
  failure?: string;
  weights?: boolean;
  /** The weights text the run continued from (default: it started from its seed). */
  startWeights?: string;
  lossOf?: (iteration: number) => number;
}

/** Creates a run and writes `epochs` epochs of progress (10 iterations each unless told). */
export function addRun(store: RunStore, options: RunOptions = {}): number {
  const exp = options.experiment ?? experiment();
  const epochs = options.epochs ?? 2;
  const perEpoch = options.iterationsPerEpoch ?? 10;
  const id = store.createRun({
    name: options.name ?? 'a run',
    experiment: exp,
    dataset: options.dataset ?? exp.data.source,
    seed: options.seed ?? exp.training.seed,
    workers: options.workers ?? 2,
    epochsTotal: options.epochsTotal ?? epochs,
    iterationsTotal: options.iterationsTotal ?? epochs * perEpoch,
    status: options.status ?? 'running',
    ownerInstance: options.ownerInstance === undefined ? 'test-instance' : options.ownerInstance,
    ...(options.uid ? { uid: options.uid } : {}),
    ...(options.startWeights ? { startWeights: options.startWeights } : {}),
  });
  const lossOf = options.lossOf ?? ((i: number) => 2 / Math.sqrt(i));
  for (let e = 1; e <= epochs; e++) {
    const losses: IterationLoss[] = [];
    for (let i = (e - 1) * perEpoch + 1; i <= e * perEpoch; i++) losses.push({ iteration: i, loss: lossOf(i) });
    store.writeProgress(id, { losses, epochs: [epochMetric(e, perEpoch)], iterationsDone: e * perEpoch });
  }
  if (options.weights) store.saveWeights(id, weightsText(exp));
  if (options.finalStatus) store.setStatus(id, options.finalStatus, options.failure);
  return id;
}

const TABLES: Record<string, string> = {
  runs: 'id',
  epochs: 'run_id, epoch',
  losses: 'run_id, iteration',
  weights: 'run_id',
  start_weights: 'run_id',
  owners: 'instance',
};

/** A hash of everything stored (every row of every table, and the schema version), read on its own connection. */
export function hashDatabase(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    hash.update(String(db.pragma('user_version', { simple: true })));
    for (const [table, order] of Object.entries(TABLES)) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().iterate()) hash.update(JSON.stringify(row));
      hash.update('|');
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

export function countRows(path: string, table: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

const require = createRequire(import.meta.url);

/**
 * Bundles tests/main/store/child.ts (and the store with it) into one CommonJS file that plain Node
 * runs — in another process, as another user. better-sqlite3 stays outside, by its absolute path.
 * The folder is world-readable so an unprivileged user can run it.
 */
export async function bundleChild(): Promise<string> {
  const dir = tempDir('dlab-child-');
  chmodSync(dir, 0o755);
  const outfile = join(dir, 'child.cjs');
  const sqlite = require.resolve('better-sqlite3');
  await build({
    entryPoints: [new URL('./child.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    plugins: [{ name: 'sqlite-outside', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) }],
  });
  chmodSync(outfile, 0o644);
  return outfile;
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled child with `args`, optionally as another user (needs root). */
export function runChild(bundle: string, args: string[], uid?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid !== undefined ? { uid, gid: uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The LabError `fn` throws; fails the test when it throws nothing or something else. */
export function refusal(fn: () => unknown): LabError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a refusal');
}
