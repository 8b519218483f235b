// Runs leaving and entering a database whole: read as the plain object of a dlab-run file, and
// inserted from checked RunRecords. Importing is the same whether the runs come from a file or from
// another lab's database, and a run whose uid is already here is never touched.

import type Database from 'better-sqlite3';
import { LabError, isLabError } from '../../engine/errors';
import { englishMessage, type LabMessage } from '../../engine/messages';
import { divergenceOfRun, type DivergenceWarning } from '../../engine/divergence';
import { planModel } from '../../engine/model';
import type { ImportResult, RunStatus } from '../api/contract';
import { LIVE_STATUSES } from '../api/contract';
import { EPOCH_COLUMNS, toEpochMetric, warningText, type EpochRow } from './rows';
import type { RunRecord } from './runFile';

type Db = Database.Database;

interface RecordRow {
  uid: string;
  name: string;
  status: string;
  failure: string | null;
  experiment: string;
  dataset: string;
  seed: number;
  workers: number;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  epochs_total: number;
  iterations_total: number;
  iterations_done: number;
  notes: string;
  tags: string;
  data_record: string | null;
}

/** JSON text as a value; text that does not parse is handed on as the text, for the checks to refuse. */
function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A run as the plain object of a dlab-run file (unchecked), or undefined when there is no such run. */
export function readRunObject(db: Db, id: number): Record<string, unknown> | undefined {
  const row = db
    .prepare(
      `SELECT uid, name, status, failure, experiment, dataset, seed, workers, started_at, finished_at, duration_ms,
              epochs_total, iterations_total, iterations_done, notes, tags, data_record FROM runs WHERE id = ?`,
    )
    .get(id) as RecordRow | undefined;
  if (!row) return undefined;
  const epochs = (db.prepare(`SELECT ${EPOCH_COLUMNS} FROM epochs WHERE run_id = ? ORDER BY epoch`).raw().all(id) as EpochRow[]).map(toEpochMetric);
  const losses = db.prepare('SELECT iteration, loss FROM losses WHERE run_id = ? ORDER BY iteration').raw().all(id) as [number, number][];
  const weights = db.prepare('SELECT json FROM weights WHERE run_id = ?').pluck().get(id) as string | undefined;
  const startWeights = db.prepare('SELECT json FROM start_weights WHERE run_id = ?').pluck().get(id) as string | undefined;
  return {
    uid: row.uid,
    name: row.name,
    status: row.status,
    failure: row.failure,
    experiment: parseOr(row.experiment),
    dataset: row.dataset,
    seed: row.seed,
    workers: row.workers,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    epochsTotal: row.epochs_total,
    iterationsTotal: row.iterations_total,
    iterationsDone: row.iterations_done,
    notes: row.notes,
    tags: parseOr(row.tags),
    epochs,
    losses,
    weights: weights === undefined ? null : parseOr(weights),
    ...(startWeights === undefined ? {} : { startWeights: parseOr(startWeights) }),
    ...(row.data_record === null ? {} : { dataRecord: parseOr(row.data_record) }),
  };
}

export function runIds(db: Db): number[] {
  return db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as number[];
}

/**
 * Whether a file's run completes the run of the same uid stored here: this lab saw it start but never
 * stored its end (the database refused the last writes, and the run went to a recovery file instead).
 */
function completes(stored: string, incoming: string): boolean {
  const unfinished = LIVE_STATUSES.includes(stored as RunStatus) || stored === 'interrupted';
  return unfinished && (incoming === 'done' || incoming === 'cancelled' || incoming === 'failed');
}

/**
 * Inserts checked runs; the caller wraps this in one transaction. A run still live in the file is
 * stored as interrupted: whoever was training it is not here. A run already here is left as it is,
 * except one that never ended here and did end in the file: the file's whole run replaces it, under
 * the same id (how a recovery file is taken back).
 */
export function insertRecords(db: Db, records: readonly RunRecord[], now = Date.now()): ImportResult {
  const stored = db.prepare('SELECT id, status FROM runs WHERE uid = ?');
  const remove = db.prepare('DELETE FROM runs WHERE id = ?');
  const insertRun = db.prepare(
    `INSERT INTO runs (id, uid, name, experiment, dataset, seed, workers, status, failure, warning, started_at, finished_at, duration_ms,
                       epochs_total, iterations_total, iterations_done, train_acc, test_acc, test_loss, notes, tags,
                       owner_instance, data_record, created_at, updated_at)
     VALUES (@id, @uid, @name, @experiment, @dataset, @seed, @workers, @status, @failure, @warning, @startedAt, @finishedAt, @durationMs,
             @epochsTotal, @iterationsTotal, @iterationsDone, @trainAcc, @testAcc, @testLoss, @notes, @tags,
             NULL, @dataRecord, @now, @now)`,
  );
  const insertEpoch = db.prepare(`INSERT INTO epochs (run_id, ${EPOCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLoss = db.prepare('INSERT INTO losses (run_id, iteration, loss) VALUES (?, ?, ?)');
  const insertWeights = db.prepare('INSERT INTO weights (run_id, json) VALUES (?, ?)');
  const insertStartWeights = db.prepare('INSERT INTO start_weights (run_id, json) VALUES (?, ?)');

  let imported = 0;
  let duplicates = 0;
  for (const run of records) {
    const here = stored.get(run.uid) as { id: number; status: string } | undefined;
    if (here && !completes(here.status, run.status)) {
      duplicates++;
      continue;
    }
    if (here) remove.run(here.id); // its epochs, losses and weights go with it (ON DELETE CASCADE)
    const status = LIVE_STATUSES.includes(run.status) ? 'interrupted' : run.status;
    const newest = run.epochs.reduce<RunRecord['epochs'][number] | null>((a, e) => (a === null || e.epoch > a.epoch ? e : a), null);
    const { lastInsertRowid } = insertRun.run({
      id: here?.id ?? null,
      uid: run.uid,
      name: run.name,
      experiment: JSON.stringify(run.experiment),
      dataset: run.dataset,
      seed: run.seed,
      workers: run.workers,
      status,
      failure: run.failure,
      warning: warningText(importedWarning(run, status)),
      startedAt: new Date(run.startedAt).toISOString(),
      finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt).toISOString(),
      durationMs: run.durationMs,
      epochsTotal: run.epochsTotal,
      iterationsTotal: run.iterationsTotal,
      iterationsDone: run.iterationsDone,
      trainAcc: newest?.trainAcc ?? null,
      testAcc: newest?.testAcc ?? null,
      testLoss: newest?.testLoss ?? null,
      notes: run.notes,
      tags: JSON.stringify(run.tags),
      dataRecord: run.dataRecord ? JSON.stringify(run.dataRecord) : null,
      now,
    });
    const id = Number(lastInsertRowid);
    for (const e of run.epochs) insertEpoch.run(id, e.epoch, e.iteration, e.trainLoss, e.trainAcc, e.testAcc, e.testLoss, e.seconds);
    for (const [iteration, loss] of run.losses) insertLoss.run(id, iteration, loss);
    if (run.weights !== null) insertWeights.run(id, JSON.stringify(run.weights));
    if (run.startWeights !== null) insertStartWeights.run(id, JSON.stringify(run.startWeights));
    imported++;
  }
  return { imported, duplicates };
}

/** An import holds the write lock for about this long, run after whole run, before it lets others in… */
const IMPORT_HOLD_MS = 250;
/**
 * …for this long. SQLite has no queue of waiting writers: each one sleeps and tries again, at most
 * 100 ms apart, so back-to-back transactions would starve them however short each one is; a pause
 * longer than that sleep lets every waiter in (a training run saving its metrics, a heartbeat).
 */
const IMPORT_YIELD_MS = 120;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Stores checked runs one transaction each (`store` inserts one), pausing now and then, so an import
 * of a whole class never keeps the write lock from a training run for more than a fraction of a
 * second. A run is the unit an import skips by uid, so it is always stored whole: when an import
 * stops half-way (the disk fills), the runs stored so far stay, the sentence says how many, and
 * importing the same file again adds the rest.
 */
export function importRunByRun(records: readonly RunRecord[], store: (run: RunRecord) => ImportResult): ImportResult {
  const total: ImportResult = { imported: 0, duplicates: 0 };
  let holdingSince = performance.now();
  for (const [index, record] of records.entries()) {
    let result: ImportResult;
    try {
      result = store(record);
    } catch (error) {
      if (total.imported === 0 || !isLabError(error)) throw error;
      const after: LabMessage = { code: 'import.stoppedPartway', values: { imported: total.imported, total: records.length } };
      const message = `${error.message.replace(/(; nothing was changed)?\.$/, '')} — ${englishMessage(after)}.`;
      throw new LabError(error.kind, message, error.details, error.said ? { ...error.said, after } : undefined);
    }
    total.imported += result.imported;
    total.duplicates += result.duplicates;
    if (index < records.length - 1 && performance.now() - holdingSince > IMPORT_HOLD_MS) {
      pause(IMPORT_YIELD_MS);
      holdingSince = performance.now();
    }
  }
  return total;
}

/** An imported run's warning is the engine's verdict on its own metrics, as the lab that trained it gave it. */
function importedWarning(run: RunRecord, status: RunStatus): DivergenceWarning | null {
  if (status !== 'done' && status !== 'cancelled') return null;
  const losses = run.losses.map(([, loss]) => loss);
  return divergenceOfRun(losses, run.epochs, planModel(run.experiment.model).classes, run.experiment.training.batchSize);
}
