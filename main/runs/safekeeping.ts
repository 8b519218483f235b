// How a run's results survive a database that will not take them: another program holding the write
// lock (a long import, a database browser left open), a full disk, a disk gone read-only. While the run
// lives its metrics wait in memory and the write is retried with backoff; when it ends and the store
// still refuses, the whole run goes to a recovery file — a dlab-run file beside the database that
// `dlab runs import` takes back — and the learner is told where, in one sentence.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { isLabError } from '../../engine/errors';
import type { Experiment } from '../../engine/experiment';
import type { EpochMetric, IterationLoss, RunStatus } from '../api/contract';
import { StoreFailure } from '../store/open';
import type { RunStore } from '../store/RunStore';
import { RUN_FILE_FORMAT, runFileVersion } from '../store/runFile';

/**
 * How long one background write waits for another program's lock before trying again later. SQLite
 * waits by blocking the thread that also serves the window and the web page, so the wait is short
 * and the patience lives in the retries instead.
 */
export const BACKGROUND_BUSY_WAIT_MS = 200;

/**
 * Retries of a refused write start after this and double up to a cap: 5 s while the run lives (its
 * metrics are safe in memory), 1 s once it has ended (a learner waits for it; each try blocks the
 * thread for at most BACKGROUND_BUSY_WAIT_MS, so a fifth of it at worst while the lock is held).
 */
const RETRY_MIN_MS = 250;
export const LIVE_RETRY_MAX_MS = 5000;
export const END_RETRY_MAX_MS = 1000;

/**
 * How long an ended run keeps trying a locked database before it goes to a recovery file. The lab's
 * own writers hold the lock for a fraction of a second (imports commit one run at a time), so a lock
 * held for two minutes is a program that will not let go (a database browser with an open
 * transaction); the learner waiting for `dlab train` to end should not wait longer than that.
 */
export const END_BUSY_BOUND_MS = 120_000;

/** Backoff for one run's refused writes: when the next try is due. */
export class Retry {
  private failures = 0;
  private nextAt = 0;

  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** Records a refusal; returns how long until the next try. */
  failed(now: number, maxMs = LIVE_RETRY_MAX_MS): number {
    const wait = Math.min(maxMs, RETRY_MIN_MS * 2 ** Math.min(this.failures, 10));
    this.failures++;
    this.nextAt = now + wait;
    return wait;
  }

  succeeded(): void {
    this.failures = 0;
    this.nextAt = 0;
  }

  get failing(): boolean {
    return this.failures > 0;
  }
}

/** Whether waiting may help: the store is locked by another connection (not full, not read-only). */
export function isBusy(error: unknown): boolean {
  return error instanceof StoreFailure && error.busy;
}

/** Whether the store refused (busy, full, read-only, damaged) rather than the lab having a bug. */
export function isStoreRefusal(error: unknown): boolean {
  return isLabError(error) && error.kind === 'store';
}

/** Why the store refused, as the words a sentence can take ("the disk is full"). */
export function refusalReason(error: unknown): string {
  if (error instanceof StoreFailure) return error.why;
  return (error as Partial<Error> | null | undefined)?.message?.replace(/\.$/, '') ?? String(error);
}

/** What the run manager knows of a run that the store would not take. */
export interface UnsavedRun {
  id: number;
  uid: string;
  name: string;
  experiment: Experiment;
  workers: number;
  iterationsTotal: number;
  iterationsDone: number;
  startedAtMs: number;
  /** The weights file's text it continued from, if any. */
  startWeights?: string;
  /** Every epoch so far, and what the store never took. */
  epochs: EpochMetric[];
  pendingLosses: IterationLoss[];
  pendingEpochs: EpochMetric[];
}

export interface RunEnd {
  status: RunStatus;
  failure?: string;
  /** The final weights file's text (a run that failed has none). */
  weights?: string;
}

/** The run as a dlab-run record from memory alone, for when the store cannot even be read (losses it took are not here). */
function remembered(run: UnsavedRun): Record<string, unknown> {
  const e = run.experiment;
  return {
    uid: run.uid,
    name: run.name,
    status: 'running',
    failure: null,
    experiment: e,
    dataset: e.data.source,
    seed: e.training.seed,
    workers: run.workers,
    startedAt: new Date(run.startedAtMs).toISOString(),
    finishedAt: null,
    durationMs: null,
    epochsTotal: e.training.epochs,
    iterationsTotal: run.iterationsTotal,
    iterationsDone: run.iterationsDone,
    notes: '',
    tags: [],
    epochs: run.epochs,
    losses: [],
    weights: null,
    ...(run.startWeights !== undefined ? { startWeights: JSON.parse(run.startWeights) } : {}),
  };
}

/**
 * The whole run as one record of a dlab-run file: the store's rows (`stored`, null when unreadable),
 * what never reached them, and its end.
 */
export function recoveryRecord(run: UnsavedRun, end: RunEnd, stored: Record<string, unknown> | null, now = Date.now()): Record<string, unknown> {
  const base = stored ?? remembered(run);
  const epochs = new Map<number, EpochMetric>();
  for (const e of (base.epochs as EpochMetric[] | undefined) ?? []) epochs.set(e.epoch, e);
  for (const e of run.pendingEpochs) epochs.set(e.epoch, e);
  const losses = new Map<number, number>();
  for (const [iteration, loss] of (base.losses as [number, number][] | undefined) ?? []) losses.set(iteration, loss);
  for (const l of run.pendingLosses) losses.set(l.iteration, l.loss);
  const startedAt = typeof base.startedAt === 'string' ? Date.parse(base.startedAt) : run.startedAtMs;
  return {
    ...base,
    status: end.status,
    failure: end.failure ?? null,
    finishedAt: new Date(now).toISOString(),
    durationMs: Math.max(0, now - startedAt),
    iterationsDone: Math.max(run.iterationsDone, Number(base.iterationsDone) || 0),
    epochs: [...epochs.values()].sort((a, b) => a.epoch - b.epoch),
    losses: [...losses.entries()].sort((a, b) => a[0] - b[0]),
    weights: end.weights !== undefined ? JSON.parse(end.weights) : (base.weights ?? null),
  };
}

/**
 * The store will not take the run's end: the whole run goes to a recovery file beside the database.
 * Returns the sentence that tells the learner where it went (or that it could not go anywhere).
 */
export function rescueRun(store: RunStore, run: UnsavedRun, end: RunEnd, refusal: unknown): string {
  let stored: Record<string, unknown> | null;
  try {
    const file = JSON.parse(store.withBusyWait(BACKGROUND_BUSY_WAIT_MS, () => store.exportRun(run.id))) as { runs: Record<string, unknown>[] };
    stored = file.runs[0]!;
  } catch {
    stored = null; // unreadable too: the record is made from what this process remembers
  }
  const record = recoveryRecord(run, end, stored);
  const sentence = { id: run.id, status: end.status, failure: end.failure, dbPath: store.path, why: refusalReason(refusal) };
  try {
    return unsavedSentence({ ...sentence, recoveryPath: writeRecoveryFile(store.path, run.uid, record) });
  } catch (recoveryError) {
    return unsavedSentence({ ...sentence, recoveryError });
  }
}

/** Where a run's recovery file goes: a folder beside the database, or the temp folder when that one cannot be written. */
export function recoveryFolders(dbPath: string): string[] {
  const beside = dbPath === ':memory:' || dbPath === '' ? [] : [`${resolve(dbPath)}.recovery`];
  return [...beside, join(tmpdir(), 'dlab-recovery')];
}

/**
 * Writes the run as `run-<uid>.dlab-run.json` (temp file, then rename: a reader never sees half a
 * file) in the first folder that takes it. Returns its path, or throws the last folder's error.
 */
export function writeRecoveryFile(dbPath: string, uid: string, record: Record<string, unknown>): string {
  const text = JSON.stringify({ format: RUN_FILE_FORMAT, version: runFileVersion([record]), runs: [record] });
  let lastError: unknown;
  for (const folder of recoveryFolders(dbPath)) {
    const path = join(folder, `run-${uid}.dlab-run.json`);
    const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temporary, text);
      renameSync(temporary, path);
      return path;
    } catch (error) {
      lastError = error;
      rmSync(temporary, { force: true });
    }
  }
  throw lastError;
}

const OUTCOME: Partial<Record<RunStatus, string>> = { done: 'finished', cancelled: 'was cancelled', failed: 'failed' };

/** The one sentence a learner reads when the database refused a run's end. */
export function unsavedSentence(options: {
  id: number;
  status: RunStatus;
  failure?: string;
  dbPath: string;
  why: string;
  recoveryPath?: string;
  recoveryError?: unknown;
}): string {
  const outcome = `Run ${options.id} ${OUTCOME[options.status] ?? options.status}${options.failure ? ` (${options.failure.replace(/\.$/, '')})` : ''}`;
  const refused = `the lab database ${options.dbPath} could not store it (${options.why})`;
  if (options.recoveryPath) {
    return (
      `${outcome}, but ${refused}, so its weights and metrics were saved to ${options.recoveryPath} instead — ` +
      `dlab runs import ${options.recoveryPath} --db ${options.dbPath} takes it back once the database can be written.`
    );
  }
  const reason = (options.recoveryError as Partial<Error> | null | undefined)?.message ?? String(options.recoveryError);
  return `${outcome}, but ${refused}, and no recovery file could be written either (${reason}): its weights and last metrics are lost.`;
}
