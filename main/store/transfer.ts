// Runs leaving and entering a database whole: read as the plain object of a dlab-run file, and
// inserted from checked RunRecords. Importing is the same whether the runs come from a file or from
// another lab's database, and a run whose uid is already here is never touched.

import type Database from 'better-sqlite3';
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
              epochs_total, iterations_total, iterations_done, notes, tags FROM runs WHERE id = ?`,
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
  };
}

export function runIds(db: Db): number[] {
  return db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as number[];
}

/**
 * Inserts checked runs; the caller wraps this in one transaction. A run still live in the file is
 * stored as interrupted: whoever was training it is not here.
 */
export function insertRecords(db: Db, records: readonly RunRecord[], now = Date.now()): ImportResult {
  const exists = db.prepare('SELECT 1 FROM runs WHERE uid = ?').pluck();
  const insertRun = db.prepare(
    `INSERT INTO runs (uid, name, experiment, dataset, seed, workers, status, failure, warning, started_at, finished_at, duration_ms,
                       epochs_total, iterations_total, iterations_done, train_acc, test_acc, test_loss, notes, tags,
                       owner_instance, created_at, updated_at)
     VALUES (@uid, @name, @experiment, @dataset, @seed, @workers, @status, @failure, @warning, @startedAt, @finishedAt, @durationMs,
             @epochsTotal, @iterationsTotal, @iterationsDone, @trainAcc, @testAcc, @testLoss, @notes, @tags,
             NULL, @now, @now)`,
  );
  const insertEpoch = db.prepare(`INSERT INTO epochs (run_id, ${EPOCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLoss = db.prepare('INSERT INTO losses (run_id, iteration, loss) VALUES (?, ?, ?)');
  const insertWeights = db.prepare('INSERT INTO weights (run_id, json) VALUES (?, ?)');
  const insertStartWeights = db.prepare('INSERT INTO start_weights (run_id, json) VALUES (?, ?)');

  let imported = 0;
  let duplicates = 0;
  for (const run of records) {
    if (exists.get(run.uid)) {
      duplicates++;
      continue;
    }
    const status = LIVE_STATUSES.includes(run.status) ? 'interrupted' : run.status;
    const newest = run.epochs.reduce<RunRecord['epochs'][number] | null>((a, e) => (a === null || e.epoch > a.epoch ? e : a), null);
    const { lastInsertRowid } = insertRun.run({
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

/** An imported run's warning is the engine's verdict on its own metrics, as the lab that trained it gave it. */
function importedWarning(run: RunRecord, status: RunStatus): DivergenceWarning | null {
  if (status !== 'done' && status !== 'cancelled') return null;
  const losses = run.losses.map(([, loss]) => loss);
  return divergenceOfRun(losses, run.epochs, planModel(run.experiment.model).classes, run.experiment.training.batchSize);
}
