// How rows of the runs and epochs tables become the API's types. `toSummary` is shared with anyone who
// selects runs with SUMMARY_COLUMNS.

import { describeDivergence, readDivergenceWarning, type DivergenceWarning } from '../../engine/divergence';
import type { EpochMetric, RunStatus, RunSummary, RunWarning } from '../api/contract';

/** A runs row as selected with SUMMARY_COLUMNS. */
export interface RunRow {
  id: number;
  uid: string;
  name: string;
  status: RunStatus;
  failure: string | null;
  warning: string | null;
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
  runs.id, runs.uid, runs.name, runs.status, runs.failure, runs.warning, runs.dataset, runs.seed, runs.workers,
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

/** A warning as the runs.warning column keeps it: code and numbers, with the English sentence for readers of the file. */
export function warningText(warning: DivergenceWarning | null | undefined): string | null {
  return warning ? JSON.stringify({ ...warning, message: describeDivergence(warning) }) : null;
}

/** The column read back; text that is not a warning this lab knows (another lab's, a damaged file) is none. */
export function readWarning(text: string | null): RunWarning | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const warning = readDivergenceWarning(parsed);
  return warning && { ...warning, message: describeDivergence(warning) };
}

export function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    uid: row.uid,
    name: row.name,
    status: row.status,
    failure: row.failure,
    warning: readWarning(row.warning),
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
