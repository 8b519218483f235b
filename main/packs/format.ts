// The assignment pack (*.dlab-pack): what a teacher hands a class on a USB stick or a shared folder —
// a title and instructions in Korean and English, the starting experiment(s), the settings students may
// not change, the data (a bundled set by name, or small files carried inside), the goal and the deadline.
// The teacher's held-out evaluation set is never in a pack: the class board holds it (board.ts).
//
//   { "format": "dlab-pack", "version": 1, "id": "mnist-optimizers", "revision": 1,
//     "title": { "ko": …, "en": … }, "instructions": { "ko": Markdown, "en": Markdown },
//     "experiments": [ dlab-experiment, … ], "locked": ["training.optimizer", …],
//     "data": { "bundled": "mnist" } | { "embedded": { "kind": "csv", "files": [{ "name", "base64" }] } },
//     "goal": { "metric": "accuracy", "threshold": 0.9, "withinEpochs": 5 }, "deadline": ISO time | null }
//
// `revision` is the pack's own version (the teacher bumps it after a fix); `version` is the format's.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LabError, labError, withinFile } from '../../engine/errors';
import { validateExperiment, type Experiment } from '../../engine/experiment';
import { describeValue, isPlainObject } from '../../engine/fields';
import { groupDigits } from '../../engine/data/idx';
import { findSourceKind } from '../../engine/data/sourceKinds';
import { toyNames } from '../../engine/data/toy';
import { formatMegabytes } from '../store/runFileScan';
import { valueAt } from './settings';

export const PACK_FORMAT = 'dlab-pack';
export const PACK_VERSION = 1;
/** A pack file, its embedded data included: small enough to copy to thirty PCs from one stick. */
export const PACK_BYTES_MAX = 64 * 1024 * 1024;
/** The data a pack may carry inside (decoded): a class's small IDX, CSV or image set. */
export const PACK_DATA_BYTES_MAX = 32 * 1024 * 1024;
/** Starting experiments one pack may offer. */
const EXPERIMENTS_MAX = 10;
const INSTRUCTIONS_MAX = 100_000;

/** The data sources a pack can name without carrying any file. */
export const BUNDLED_SOURCES = ['mnist', ...toyNames] as const;
/** Embedded data lands in this folder beside the extracted experiments; the experiments name it relatively. */
export const PACK_DATA_FOLDER = 'data';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

const bothLanguages = (max: number) =>
  z.strictObject(
    { ko: z.string().max(max, { error: `must be at most ${groupDigits(max)} characters` }), en: z.string().max(max) },
    {
      error: 'must be an object with "ko" and "en" texts',
    },
  );

const embeddedFile = z.strictObject(
  { name: z.string({ error: 'must be a file name' }), base64: z.string({ error: 'must be the file’s bytes in base64' }) },
  { error: 'must be an object with "name" and "base64"' },
);

const dataSchema = z.union(
  [
    z.strictObject({ bundled: z.enum(BUNDLED_SOURCES, { error: `must be one of ${BUNDLED_SOURCES.join(', ')}` }) }),
    z.strictObject({
      embedded: z.strictObject({
        kind: z.enum(['idx', 'csv', 'images'], { error: 'must be "idx", "csv" or "images"' }),
        files: z.array(embeddedFile, { error: 'must be a list of files' }).min(1, { error: 'must hold at least one file' }).max(200_000),
      }),
    }),
  ],
  { error: 'must be { "bundled": NAME } or { "embedded": { "kind", "files" } }' },
);

const goalSchema = z.strictObject(
  {
    metric: z.enum(['accuracy', 'loss'], { error: 'must be "accuracy" or "loss"' }),
    threshold: z.number({ error: 'must be a number' }).min(0).max(1000),
    withinEpochs: z.number({ error: 'must be a whole number' }).int().min(1).max(10_000).optional(),
  },
  { error: 'must be an object with "metric" and "threshold"' },
);

const packSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  id: z.string({ error: 'must be text' }).regex(ID_PATTERN, { error: 'must be 1 to 80 letters, digits, ".", "-" or "_"' }),
  revision: z.number({ error: 'must be a whole number' }).int().min(1).max(1_000_000),
  title: bothLanguages(200),
  instructions: bothLanguages(INSTRUCTIONS_MAX),
  experiments: z.array(z.unknown(), { error: 'must be a list of experiments' }).min(1, { error: 'must hold at least one experiment' }).max(EXPERIMENTS_MAX),
  locked: z.array(z.string().min(1).max(200), { error: 'must be a list of setting paths ([] leaves everything open)' }).max(200),
  data: dataSchema,
  goal: goalSchema,
  deadline: z.iso.datetime({ offset: true, error: 'must be a time such as "2026-12-24T18:00:00+09:00", or null' }).nullable(),
});

export type PackData = z.infer<typeof dataSchema>;

export interface Pack extends Omit<z.infer<typeof packSchema>, 'experiments'> {
  experiments: Experiment[];
}

/** The data source the pack's experiments name: the bundled set, or the embedded files' folder. */
export function packSource(data: PackData): string {
  if ('bundled' in data) return data.bundled;
  const { kind, files } = data.embedded;
  if (kind === 'csv') return `csv:${PACK_DATA_FOLDER}/${files[0]!.name}`;
  return `${kind}:${PACK_DATA_FOLDER}`;
}

/** Parses and checks a pack's text; every refusal is one sentence beginning with the file's name. */
export function parsePack(text: string, fileName = 'the pack'): Pack {
  if (text.length > PACK_BYTES_MAX) {
    throw labError('file', 'pack.fileTooBig', { file: fileName, size: formatMegabytes(text.length), max: formatMegabytes(PACK_BYTES_MAX) });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw labError('file', 'file.notJson', { file: fileName, reason: (error as Error).message });
  }
  try {
    return readPack(raw);
  } catch (error) {
    if (error instanceof LabError) throw withinFile(error, 'file', fileName);
    throw error;
  }
}

/** The sentence of the first problem zod found, as the lab says a field's problem. */
export function fieldProblem(issue: z.core.$ZodIssue): LabError {
  const path =
    issue.path
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
      .join('')
      .replace(/^\./, '') || '(the whole file)';
  const problem =
    issue.code === 'unrecognized_keys'
      ? `has an unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : issue.message.startsWith('must ')
        ? issue.message
        : `is not valid (${issue.message})`;
  return labError('file', 'pack.field', { path, problem }, { path });
}

export function readPack(raw: unknown): Pack {
  if (!isPlainObject(raw) || raw.format !== PACK_FORMAT) {
    throw labError('file', 'pack.notPack', { value: describeValue(isPlainObject(raw) ? raw.format : raw) }, { path: 'format' });
  }
  if (typeof raw.version === 'number' && raw.version > PACK_VERSION) {
    throw labError('file', 'pack.newer', { version: raw.version, reads: PACK_VERSION }, { path: 'version' });
  }
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) throw fieldProblem(parsed.error.issues[0]!);
  const pack = parsed.data;
  checkEmbeddedData(pack.data);
  const source = packSource(pack.data);
  const experiments = pack.experiments.map((raw, index) => {
    let experiment: Experiment;
    try {
      experiment = validateExperiment(raw).experiment;
    } catch (error) {
      if (error instanceof LabError) throw withinFile(error, 'file', `experiments[${index}]`);
      throw error;
    }
    if (experiment.data.source !== source) {
      throw labError('file', 'pack.sourceMismatch', { index: index + 1, found: experiment.data.source, source }, { path: `experiments[${index}].data.source` });
    }
    return experiment;
  });
  for (const path of pack.locked) {
    if (valueAt(experiments[0], path) === undefined) throw labError('file', 'pack.lockUnknown', { path }, { path: 'locked' });
  }
  return { ...pack, experiments };
}

function checkEmbeddedData(data: PackData): void {
  if (!('embedded' in data)) return;
  let bytes = 0;
  const seen = new Set<string>();
  for (const file of data.embedded.files) {
    // An image set names class/file as class__file: every part a plain name, so no part can be "..".
    const parts = data.embedded.kind === 'images' ? file.name.split('__') : [file.name];
    if (parts.some((part) => !FILE_NAME_PATTERN.test(part)) || seen.has(file.name.toLowerCase())) {
      throw labError('file', 'pack.dataFileName', { name: file.name.slice(0, 120) }, { path: 'data.embedded.files' });
    }
    seen.add(file.name.toLowerCase());
    bytes += base64Bytes(file.base64);
  }
  if (bytes > PACK_DATA_BYTES_MAX) {
    throw labError('file', 'pack.dataTooBig', { size: formatMegabytes(bytes), max: formatMegabytes(PACK_DATA_BYTES_MAX) }, { path: 'data.embedded' });
  }
}

/** The bytes a base64 text decodes to, known before anything is decoded: 3 for every 4 characters, less the padding. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/**
 * Writes the pack's embedded files under `folder/data/` (image folders keep their class folders as
 * `class__name.png` → `class/name.png`), so the experiments' relative sources read them; nothing for a
 * bundled set. Returns the folder experiments are relative to.
 */
export function materializePackData(pack: Pack, folder: string): string {
  if (!('embedded' in pack.data)) return folder;
  const dataFolder = join(folder, PACK_DATA_FOLDER);
  mkdirSync(dataFolder, { recursive: true });
  for (const file of pack.data.embedded.files) {
    const parts = pack.data.embedded.kind === 'images' ? file.name.split('__') : [file.name];
    const target = join(dataFolder, ...parts);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, Buffer.from(file.base64, 'base64'));
  }
  return folder;
}

/** Whether a source is the kind of the pack's data: runs read embedded data from wherever the student's copy lies. */
export function sameDataKind(source: string, packSourceName: string): boolean {
  if (source === packSourceName) return true;
  const kind = findSourceKind(packSourceName);
  return kind?.prefix !== undefined && findSourceKind(source)?.name === kind.name;
}
