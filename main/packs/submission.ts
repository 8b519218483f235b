// The submission (*.dlab-submission.json): what a student hands in for a pack — their name and number,
// the pack's id and revision, the chosen run(s) with experiment, metrics and final weights, the time it
// was handed in, and a content hash. Nothing else of the student's database goes in it.
//
//   { "format": "dlab-submission", "version": 1, "pack": { "id", "revision" },
//     "student": { "name", "number" }, "handedInAt": ISO time,
//     "runs": [ { "uid", "name", "startedAt", "finishedAt", "experiment", "weights": dlab-weights,
//                 "claimed": { "trainAcc", "testAcc", "testLoss", "epochs": [EpochMetric…] } } ],
//     "hash": "sha256:…" }
//
// The hash covers everything but itself and the runs' `claimed` metrics: a file damaged or edited in its
// weights, experiment, name or time is refused; an edited claim is let through on purpose, because the
// board never believes a claim — it measures the weights again and shows the difference. (Anyone can
// recompute a SHA-256: the hash tells damage and careless edits, the measurement tells the truth.)

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LabError, labError, withinFile } from '../../engine/errors';
import { validateExperiment, type Experiment } from '../../engine/experiment';
import { describeValue, isPlainObject } from '../../engine/fields';
import { readWeights, type WeightsFile } from '../../engine/weights';
import type { EpochMetric } from '../api/contract';
import { formatMegabytes } from '../store/runFileScan';
import { fieldProblem, type Pack } from './format';
import { canonicalJson } from './settings';

export const SUBMISSION_FORMAT = 'dlab-submission';
export const SUBMISSION_VERSION = 1;
/** One student's file: a few runs' weights (SimpleConvNet's are ~8 MB as JSON), far below a hostile size. */
export const SUBMISSION_BYTES_MAX = 64 * 1024 * 1024;
/** Runs one submission may hand in. */
export const SUBMISSION_RUNS_MAX = 5;
export const STUDENT_NAME_MAX = 100;
export const STUDENT_NUMBER_MAX = 40;

const finite = z.number({ error: 'must be a number' }).refine(Number.isFinite, { error: 'must be a finite number' });
const instant = z.iso.datetime({ offset: true, error: 'must be a time such as "2026-12-24T18:00:00Z"' });

const epochSchema = z.strictObject({
  epoch: z.number().int().min(1).max(10_000),
  iteration: z.number().int().min(0),
  trainLoss: finite,
  trainAcc: finite,
  testAcc: finite,
  testLoss: finite,
  seconds: finite,
});

const claimedSchema = z.strictObject({
  trainAcc: finite.nullable(),
  testAcc: finite.nullable(),
  testLoss: finite.nullable(),
  epochs: z.array(epochSchema).max(10_000),
});

const runSchema = z.strictObject({
  uid: z.string().min(1).max(100),
  name: z.string().max(200),
  startedAt: instant,
  finishedAt: instant.nullable(),
  experiment: z.unknown(),
  weights: z.unknown(),
  claimed: claimedSchema,
});

const submissionSchema = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  version: z.literal(SUBMISSION_VERSION),
  pack: z.strictObject({ id: z.string().max(80), revision: z.number().int().min(1).max(1_000_000) }),
  student: z.strictObject({
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(STUDENT_NAME_MAX, { error: `must be at most ${STUDENT_NAME_MAX} characters` }),
    number: z
      .string({ error: 'must be text' })
      .trim()
      .max(STUDENT_NUMBER_MAX, { error: `must be at most ${STUDENT_NUMBER_MAX} characters` }),
  }),
  handedInAt: instant,
  runs: z
    .array(runSchema, { error: 'must be a list of runs' })
    .min(1, { error: 'must hold at least one run' })
    .max(SUBMISSION_RUNS_MAX, { error: `must hold at most ${SUBMISSION_RUNS_MAX} runs` }),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be "sha256:" and 64 hexadecimal digits' }),
});

export interface SubmittedRun {
  uid: string;
  name: string;
  startedAt: string;
  finishedAt: string | null;
  experiment: Experiment;
  weights: WeightsFile;
  claimed: { trainAcc: number | null; testAcc: number | null; testLoss: number | null; epochs: EpochMetric[] };
}

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  version: typeof SUBMISSION_VERSION;
  pack: { id: string; revision: number };
  student: { name: string; number: string };
  handedInAt: string;
  runs: SubmittedRun[];
  hash: string;
}

/** The content hash: SHA-256 of the file without its hash and without the runs' claimed metrics. */
export function submissionHash(submission: Omit<Submission, 'hash'> | Record<string, unknown>): string {
  const { hash: _hash, runs, ...rest } = submission as Record<string, unknown> & { runs?: unknown };
  const evidence = Array.isArray(runs) ? (runs as unknown[]).map((run) => (isPlainObject(run) ? { ...run, claimed: undefined } : run)) : runs;
  return `sha256:${createHash('sha256')
    .update(canonicalJson({ ...rest, runs: evidence }))
    .digest('hex')}`;
}

/** A finished submission: its hash computed over what it holds. */
export function sealSubmission(unsealed: Omit<Submission, 'hash'>): Submission {
  return { ...unsealed, hash: submissionHash(unsealed) };
}

export function submissionText(submission: Submission): string {
  return JSON.stringify(submission);
}

/** "12-Kim_Minji.dlab-submission.json": the number and the name, in letters any file system keeps. */
export function submissionFileName(student: { name: string; number: string }): string {
  const safe = (text: string) =>
    text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '_')
      .replace(/^[._]+|_+$/g, '')
      .slice(0, 60);
  const parts = [safe(student.number), safe(student.name)].filter(Boolean);
  return `${parts.join('-') || 'submission'}.dlab-submission.json`;
}

/**
 * Reads one handed-in file for `pack`, everything checked before it counts: its size, its JSON, its
 * form, its pack, its hash, each run's experiment and weights (engine/weights.ts, the lab's one check).
 * Every refusal is a LabError of kind 'file' whose sentence begins with the file's name.
 */
export function readSubmission(text: string, fileName: string, pack: Pick<Pack, 'id'>): Submission {
  const refuse = (error: LabError) => withinFile(error, 'file', fileName);
  if (text.length > SUBMISSION_BYTES_MAX) {
    throw labError('file', 'pack.fileTooBig', { file: fileName, size: formatMegabytes(text.length), max: formatMegabytes(SUBMISSION_BYTES_MAX) });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw labError('file', 'file.notJson', { file: fileName, reason: (error as Error).message });
  }
  if (!isPlainObject(raw) || raw.format !== SUBMISSION_FORMAT) {
    throw refuse(labError('file', 'submission.notSubmission', { value: describeValue(isPlainObject(raw) ? raw.format : raw) }));
  }
  const parsed = submissionSchema.safeParse(raw);
  if (!parsed.success) throw refuse(fieldProblem(parsed.error.issues[0]!));
  const form = parsed.data;
  if (form.pack.id !== pack.id) throw refuse(labError('file', 'submission.wrongPack', { found: form.pack.id.slice(0, 80), id: pack.id }));
  // The hash is taken over the file as it came (raw), so that no field the schema trimmed hides an edit.
  if (submissionHash(raw) !== form.hash) throw refuse(labError('file', 'submission.hash', { student: form.student.name }));
  const runs = form.runs.map((run, index): SubmittedRun => {
    try {
      const { experiment } = validateExperiment(run.experiment);
      const { file } = readWeights(run.weights);
      return { ...run, experiment, weights: file };
    } catch (error) {
      if (error instanceof LabError) throw refuse(withinFile(error, 'file', `runs[${index}]`));
      throw error;
    }
  });
  return { ...form, format: SUBMISSION_FORMAT, version: SUBMISSION_VERSION, runs };
}
