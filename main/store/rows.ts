// How rows of the runs and epochs tables become the API's types. `toSummary` is shared with anyone who
// selects runs with SUMMARY_COLUMNS.

import type { EpochMetric, RunStatus, RunSummary } from '../api/contract';

/** A runs row as selected with SUMMARY_COLUMNS. */
export interface RunRow {
  id: number;
  uid: string;
  name: string;
  status: RunStatus;
  failure: string | null;
  dataset: string;
  seed: number;
  workers: number;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  epochs_total: number;
  iterations_total: number;
  iterations_done: number;
  train_acc: number | null;
  test_acc: number | null;
  test_loss: number | null;
  notes: string;
  tags: string;
  epochs_done: number;
  has_weights: number;
}

/** The columns of a RunRow, for `SELECT ${SUMMARY_COLUMNS} FROM runs …`. */
export const SUMMARY_COLUMNS = `
  runs.id, runs.uid, runs.name, runs.status, runs.failure, runs.dataset, runs.seed, runs.workers,
  runs.started_at, runs.finished_at, runs.duration_ms, runs.epochs_total, runs.iterations_total,
  runs.iterations_done, runs.train_acc, runs.test_acc, runs.test_loss, runs.notes, runs.tags,
  (SELECT count(*) FROM epochs WHERE epochs.run_id = runs.id) AS epochs_done,
  EXISTS (SELECT 1 FROM weights WHERE weights.run_id = runs.id) AS has_weights`;

function parseTags(text: string): string[] {
  try {
    const tags: unknown = JSON.parse(text);
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    uid: row.uid,
    name: row.name,
    status: row.status,
    failure: row.failure,
    dataset: row.dataset,
    seed: row.seed,
    workers: row.workers,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    epochsDone: row.epochs_done,
    epochsTotal: row.epochs_total,
    iterationsDone: row.iterations_done,
    iterationsTotal: row.iterations_total,
    trainAcc: row.train_acc,
    testAcc: row.test_acc,
    testLoss: row.test_loss,
    notes: row.notes,
    tags: parseTags(row.tags),
    hasWeights: Boolean(row.has_weights),
  };
}

/** The columns of an epochs row in EpochMetric order, for `SELECT ${EPOCH_COLUMNS} FROM epochs …`. */
export const EPOCH_COLUMNS = 'epoch, iteration, train_loss, train_acc, test_acc, test_loss, seconds';

export type EpochRow = [epoch: number, iteration: number, trainLoss: number, trainAcc: number, testAcc: number, testLoss: number, seconds: number];

export function toEpochMetric(row: EpochRow): EpochMetric {
  const [epoch, iteration, trainLoss, trainAcc, testAcc, testLoss, seconds] = row;
  return { epoch, iteration, trainLoss, trainAcc, testAcc, testLoss, seconds };
}

export const CSV_HEADER = 'epoch,iteration,train_loss,train_acc,test_acc,test_loss,seconds';

/** One line per epoch, every number as JavaScript prints it; lines end with "\n". */
export function epochsCsv(epochs: readonly EpochMetric[]): string {
  const lines = [CSV_HEADER];
  for (const e of epochs) lines.push([e.epoch, e.iteration, e.trainLoss, e.trainAcc, e.testAcc, e.testLoss, e.seconds].map(String).join(','));
  return `${lines.join('\n')}\n`;
}
