// The dlab-run file: whole runs (experiment, metrics, losses, weights) for another lab to import —
// how a teacher collects a class's work. Everything in a file is checked before anything is stored;
// the first problem is refused with the JSON path where it is.
//
//   { "format": "dlab-run", "version": 1, "runs": [ { "uid", "name", "status", "failure",
//     "experiment", "dataset", "seed", "workers", "startedAt", "finishedAt", "durationMs",
//     "epochsTotal", "iterationsTotal", "iterationsDone", "notes", "tags",
//     "epochs": [EpochMetric…], "losses": [[iteration, loss]…], "weights": dlab-weights | null,
//     "startWeights": dlab-weights (only for a run that continued from a weights file) } ] }
//
// Version 2 added "startWeights", version 3 "dataRecord" (the files a run's data came from), version 4 a
// record of an image folder ("folder") or of an IDX folder (no files, its class names). A file is
// written as the lowest version that holds its runs, so that a lab of a version before still reads it;
// otherwise that lab says the file is newer.

import { z } from 'zod';
import { LabError, isLabError, labError } from '../../engine/errors';
import type { LabMessageCode, MessageValues } from '../../engine/messages';
import { validateExperiment, type Experiment } from '../../engine/experiment';
import { describeValue, isPlainObject } from '../../engine/fields';
import { readWeights, type WeightsFile } from '../../engine/weights';
import type { DataRecord } from '../../engine/data/dataset';
import type { EpochMetric, RunStatus } from '../api/contract';
import { scanRunText } from './runFileScan';
import { RUN_STATUSES, SEED_MAX, WORKERS_MAX, checkName, checkNotes, checkTags } from './validate';

export const RUN_FILE_FORMAT = 'dlab-run';
/** The newest version this lab reads (and writes, when a run needs it: see runFileVersion). */
export const RUN_FILE_VERSION = 4;

/** Whether a run's data record is one version 3 could not hold: an image folder, or no files (an IDX folder). */
function needsVersion4(run: Record<string, unknown>): boolean {
  const record = run.dataRecord as Partial<DataRecord> | undefined;
  return record !== undefined && (record.folder !== undefined || !record.files?.length);
}

/**
 * The version a file of these runs is written as: 4 when one records an image or IDX folder, 3 when one
 * carries a data record, 2 when one carries start weights, else 1.
 */
export function runFileVersion(runs: readonly Record<string, unknown>[]): 1 | 2 | 3 | 4 {
  if (runs.some(needsVersion4)) return 4;
  if (runs.some((run) => run.dataRecord !== undefined)) return 3;
  return runs.some((run) => run.startWeights !== undefined) ? 2 : 1;
}

/**
 * The text of a dlab-run file of these runs (plain objects, as readRunObject gives them). Refused past
 * the limits a lab reads (runFileScan.ts): the lab never writes a file it, or a classmate's, would refuse.
 */
export function runFileText(runs: readonly Record<string, unknown>[], label: string): string {
  const text = JSON.stringify({ format: RUN_FILE_FORMAT, version: runFileVersion(runs), runs });
  scanRunText(text, label);
  return text;
}

export interface RunRecord {
  uid: string;
  name: string;
  status: RunStatus;
  failure: string | null;
  experiment: Experiment;
  dataset: string;
  seed: number;
  workers: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  epochsTotal: number;
  iterationsTotal: number;
  iterationsDone: number;
  notes: string;
  tags: string[];
  epochs: EpochMetric[];
  losses: [iteration: number, loss: number][];
  weights: WeightsFile | null;
  /** The weights it started from, when it continued earlier training; null when it started from its seed. */
  startWeights: WeightsFile | null;
  /** The files its data came from (path, size, SHA-256) and their classes, for a table of the user's own. */
  dataRecord?: DataRecord;
}

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: 1 | 2 | 3 | 4;
  runs: RunRecord[];
}

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const instant = z.iso.datetime({ offset: true });

const epochSchema = z.strictObject({
  epoch: whole(1),
  iteration: whole(0),
  trainLoss: z.number(),
  trainAcc: z.number(),
  testAcc: z.number(),
  testLoss: z.number(),
  seconds: z.number().min(0),
});

/** Shapes and ranges; the experiment, weights, name, notes and tags are checked by their own rules after. */
const runSchema = z.strictObject({
  uid: z.string().min(1).max(100),
  name: z.string(),
  status: z.enum(RUN_STATUSES),
  failure: z.string().max(10000).nullable(),
  experiment: z.unknown(),
  dataset: z.string().min(1).max(4096),
  seed: whole(0, SEED_MAX),
  workers: whole(1, WORKERS_MAX),
  startedAt: instant,
  finishedAt: instant.nullable(),
  durationMs: whole(0).nullable(),
  epochsTotal: whole(0),
  iterationsTotal: whole(0),
  iterationsDone: whole(0),
  notes: z.string(),
  tags: z.array(z.unknown()),
  epochs: z.array(epochSchema),
  // Checked by checkLosses, in place: zod would build a copy of each of up to a million pairs.
  losses: z.array(z.unknown()),
  weights: z.unknown(),
  startWeights: z.unknown().optional(),
  dataRecord: z
    .strictObject({
      files: z.array(z.strictObject({ path: z.string().min(1).max(4096), bytes: whole(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).max(16),
      folder: z.strictObject({ path: z.string().min(1).max(4096), images: whole(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
      classes: whole(1, 256),
      classNames: z.array(z.string().max(1000)).max(256).optional(),
    })
    .optional(),
});

/** "runs[0].epochs[2].testAcc" from ["runs", 0, "epochs", 2, "testAcc"]. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of parts) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** A bound of zod's, as the table says it: of a number, or a count of characters or items. */
function bound(direction: 'atLeast' | 'atMost', limit: unknown, origin: unknown): Problem {
  const unit = origin === 'string' ? 'characters' : origin === 'array' ? 'items' : null;
  if (unit === null) return { code: direction === 'atLeast' ? 'runFile.atLeast' : 'runFile.atMost', values: { limit: String(limit) } };
  return { code: direction === 'atLeast' ? 'runFile.countAtLeast' : 'runFile.countAtMost', values: { limit: String(limit), unit } };
}

type Problem = { code: LabMessageCode; values: MessageValues };

/** What is wrong with the value at a path, as a code of the table and its values. */
function problem(issue: z.core.$ZodIssue, value: unknown): Problem {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { code: 'runFile.missing', values: {} };
      return { code: 'runFile.mustBe', values: { expected: issue.expected, value: describeValue(value) } };
    case 'too_small':
      return bound('atLeast', issue.minimum, issue.origin);
    case 'too_big':
      return bound('atMost', issue.maximum, issue.origin);
    case 'invalid_format':
      return { code: 'runFile.mustBe', values: { expected: 'dateTime', value: describeValue(value) } };
    case 'unrecognized_keys':
      return { code: 'runFile.unknownField', values: { field: issue.keys[0] ?? '' } };
    case 'invalid_value':
      return { code: 'runFile.oneOf', values: { choices: issue.values.map((v) => JSON.stringify(v)).join(', '), value: describeValue(value) } };
    default:
      return { code: 'runFile.invalid', values: { reason: issue.message } };
  }
}

function refuse(label: string, path: string, code: LabMessageCode, values: MessageValues = {}): never {
  throw labError('file', code, { label, path, ...values }, { path });
}

/** Re-raises a refusal of a nested check (experiment, weights, tags…) under the run's path. */
function nested<T>(label: string, path: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isLabError(error)) throw error;
    const inner = error.details.path ? `${path}.${error.details.path}` : path;
    const message = `${label}: ${path}: ${error.message.replace(/\.$/, '')}.`;
    // said within the run's path, so each door says the inner sentence in its language
    const said = error.said
      ? { ...error.said, within: error.said.within === undefined ? `${label}: ${path}` : `${label}: ${path}: ${error.said.within}` }
      : undefined;
    throw new LabError('file', message, { path: inner }, said);
  }
}

/** Checks one run of a dlab-run file (or read from another database); `where` is its path, e.g. "runs[3]". */
export function checkRunRecord(raw: unknown, label: string, where: string): RunRecord {
  const parsed = runSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const found = problem(issue, valueAt(raw, issue.path));
    refuse(label, `${where}${issue.path.length ? (typeof issue.path[0] === 'number' ? '' : '.') : ''}${jsonPath(issue.path)}`, found.code, found.values);
  }
  const run = parsed.data;
  const name = nested(label, `${where}.name`, () => checkName(run.name));
  const notes = nested(label, `${where}.notes`, () => checkNotes(run.notes));
  const tags = nested(label, `${where}.tags`, () => checkTags(run.tags));
  const { experiment } = nested(label, `${where}.experiment`, () => validateExperiment(run.experiment));
  const weights = run.weights === null ? null : nested(label, `${where}.weights`, () => readWeights(run.weights).file);
  if (weights && JSON.stringify(weights.model) !== JSON.stringify(experiment.model)) {
    refuse(label, `${where}.weights.model`, 'runFile.otherModel');
  }
  const startWeights = run.startWeights === undefined ? null : nested(label, `${where}.startWeights`, () => readWeights(run.startWeights).file);
  if (startWeights && JSON.stringify(startWeights.model) !== JSON.stringify(experiment.model)) {
    refuse(label, `${where}.startWeights.model`, 'runFile.otherModel');
  }
  const epochs = new Set<number>();
  run.epochs.forEach((e, i) => {
    if (epochs.has(e.epoch)) refuse(label, `${where}.epochs[${i}].epoch`, 'runFile.repeatsEpoch', { epoch: e.epoch });
    epochs.add(e.epoch);
  });
  const losses = checkLosses(label, where, run.losses);
  return { ...run, name, notes, tags, experiment, weights, startWeights, losses };
}

/** Each loss a pair [iteration, loss]: a whole number from 1 up, never repeated, and a number. */
function checkLosses(label: string, where: string, losses: unknown[]): [number, number][] {
  const iterations = new Set<number>();
  for (let i = 0; i < losses.length; i++) {
    const pair = losses[i];
    if (!Array.isArray(pair) || pair.length !== 2) refuse(label, `${where}.losses[${i}]`, 'runFile.mustBe', { expected: 'pair', value: describeValue(pair) });
    const [iteration, loss] = pair as unknown[];
    if (typeof iteration !== 'number' || !Number.isSafeInteger(iteration) || iteration < 1) {
      refuse(label, `${where}.losses[${i}][0]`, 'runFile.mustBe', { expected: 'iteration', value: describeValue(iteration) });
    }
    if (typeof loss !== 'number' || !Number.isFinite(loss))
      refuse(label, `${where}.losses[${i}][1]`, 'runFile.mustBe', { expected: 'number', value: describeValue(loss) });
    if (iterations.has(iteration)) refuse(label, `${where}.losses[${i}]`, 'runFile.repeatsIteration', { iteration: String(iteration) });
    iterations.add(iteration);
  }
  return losses as [number, number][];
}

/**
 * Parses and checks a whole dlab-run file; throws LabError('file') at the first problem. Its limits
 * (runFileScan.ts) are checked first, so a file past them is never parsed whole. It takes seconds for a
 * large file: the doors of the app call it on a worker thread (parseRunFileInWorker).
 */
export function parseRunFile(text: string, label = 'The run file'): RunFile {
  if (typeof text !== 'string') throw labError('file', 'runFile.notText', { label });
  scanRunText(text, label);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw labError('file', 'file.notJson', { file: label, reason: (error as Error).message });
  }
  if (!isPlainObject(raw)) throw labError('file', 'runFile.notObject', { label, value: describeValue(raw) });
  if (raw.format !== RUN_FILE_FORMAT) {
    throw labError('file', 'runFile.notRunFile', { label, format: RUN_FILE_FORMAT, value: describeValue(raw.format) }, { path: 'format' });
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    if (raw.version === undefined) refuse(label, 'version', 'runFile.missing');
    refuse(label, 'version', 'runFile.mustBe', { expected: 'int', value: describeValue(raw.version) });
  }
  if (raw.version > RUN_FILE_VERSION) {
    throw labError('file', 'runFile.newer', { label, version: raw.version, reads: RUN_FILE_VERSION }, { path: 'version' });
  }
  for (const key of Object.keys(raw)) {
    if (!['format', 'version', 'runs'].includes(key)) refuse(label, '', 'runFile.unknownField', { field: key });
  }
  if (!Array.isArray(raw.runs)) {
    if (raw.runs === undefined) refuse(label, 'runs', 'runFile.missing');
    refuse(label, 'runs', 'runFile.mustBe', { expected: 'runs', value: describeValue(raw.runs) });
  }
  if (raw.runs.length === 0) refuse(label, 'runs', 'runFile.empty');
  const runs = raw.runs.map((run, i) => checkRunRecord(run, label, `runs[${i}]`));
  return { format: RUN_FILE_FORMAT, version: raw.version as 1 | 2, runs };
}
