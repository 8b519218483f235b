// The boundary of the house: every call that arrives through a door (Electron IPC, the web host) is
// checked here before the service sees it. A refused call is a LabError('usage') whose sentence names
// the method and the argument: "startRun: options.workers must be a whole number from 1 to 64."
// Experiments, data sources and weights are only checked for presence and shape here: the engine
// validates them fully and says what is wrong with them in its own words.

import { z } from 'zod';
import type { WeightsFile } from '../../engine/weights';
import { LabError, isLabError } from '../../engine/errors';
import { groupDigits } from '../../engine/data/idx';
import type { LabMessage } from '../../engine/messages';
import {
  COMPARE_RUNS_MAX,
  GRADIENT_CHECK_BATCH_MAX,
  GRADIENT_CHECK_SAMPLES_MAX,
  LAB_METHODS,
  NAME_MAX,
  NOTES_MAX,
  RUN_STATUSES,
  RUN_WORKERS_MAX,
  SEED_MAX,
  TAGS_MAX,
  TAG_MAX,
  type LabMethod,
} from './constants';
import type { FileDoors, LabApi } from './contract';

/** Weights files and run files arrive as text: up to 200 MB of it. */
export const MAX_TEXT_CHARS = 200 * 1024 * 1024;
const MAX_SAFE_ID = Number.MAX_SAFE_INTEGER;

// ---- leaves: each carries the predicate of its sentence ----

function wholeNumber(min: number, max: number, what = `a whole number from ${min} to ${max}`) {
  const error = `must be ${what}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const runId = wholeNumber(1, MAX_SAFE_ID, 'a run id (a whole number from 1 up)');

function text(maxChars: number, minChars = 0) {
  const size = minChars > 0 ? `${minChars} to ${groupDigits(maxChars)} characters` : `at most ${groupDigits(maxChars)} characters`;
  return z
    .string({ error: 'must be text' })
    .min(minChars, { error: `must be ${size}` })
    .max(maxChars, { error: `must be ${size}` });
}

const bigText = z.string({ error: 'must be text' }).max(MAX_TEXT_CHARS, { error: 'must be at most 200 MB of text' });

function list<T extends z.ZodType>(item: T, max: number, min = 0) {
  const size = min > 0 ? `${min} to ${max} items` : `at most ${max} items`;
  return z
    .array(item, { error: 'must be a list' })
    .min(min, { error: `must have ${size}` })
    .max(max, { error: `must have ${size}` });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(', ')}` });
}

/** Any JSON value that is there at all; the engine judges the rest. */
function jsonValue(what: string) {
  return z.unknown().refine((value) => value !== undefined && value !== null, { error: `must be ${what}` });
}

function strictObject<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.strictObject(shape, { error: `must be ${what}` });
}

// ---- the contract's argument types ----

const startRunOptions = strictObject(
  {
    name: text(NAME_MAX).optional(),
    workers: wholeNumber(1, RUN_WORKERS_MAX).optional(),
    initialWeights: z
      .custom<WeightsFile>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
        error: 'must be a dlab-weights object',
      })
      .optional(),
  },
  'an object of run options',
);

export const runQuerySchema = strictObject(
  {
    search: text(500).optional(),
    status: list(oneOf(RUN_STATUSES), RUN_STATUSES.length).optional(),
    tag: text(100).optional(),
    dataset: text(1000).optional(),
    sort: oneOf(['startedAt', 'name', 'testAcc', 'durationMs']).optional(),
    order: oneOf(['asc', 'desc']).optional(),
    offset: wholeNumber(0, MAX_SAFE_ID, 'a whole number from 0 up').optional(),
    limit: wholeNumber(1, 10_000).optional(),
  },
  'a run query object',
);

export const runPatchSchema = strictObject(
  {
    name: text(NAME_MAX, 1).optional(),
    notes: text(NOTES_MAX).optional(),
    tags: list(text(TAG_MAX, 1), TAGS_MAX).optional(),
  },
  'an object with name, notes or tags',
);

export const gradientCheckOptionsSchema = strictObject(
  {
    samples: wholeNumber(0, GRADIENT_CHECK_SAMPLES_MAX, 'a whole number of entries from 0 up (0 means every entry)').optional(),
    batch: wholeNumber(1, GRADIENT_CHECK_BATCH_MAX).optional(),
    seed: wholeNumber(0, SEED_MAX).optional(),
    checkId: text(64, 1).optional(),
  },
  'an object with samples, batch, seed or checkId',
);

export const evaluateOptionsSchema = strictObject(
  {
    split: oneOf(['test', 'train', 'all']).optional(),
    fileName: text(255, 1).optional(),
    mistakes: strictObject(
      {
        actual: wholeNumber(0, 65_535).optional(),
        predicted: wholeNumber(0, 65_535).optional(),
        offset: wholeNumber(0, MAX_SAFE_ID).optional(),
        limit: wholeNumber(1, 200).optional(),
      },
      'an object with actual, predicted, offset or limit',
    ).optional(),
  },
  'an object with split, fileName or mistakes',
);

const maxPoints = wholeNumber(2, 100_000);

// r4-packs: a student as a hand-in names them, and what the pack editor sends (the pack reader checks the rest).
const studentSchema = strictObject({ name: text(100, 1), number: text(40) }, 'an object with the student’s name and number');
const bothTexts = (max: number) => strictObject({ ko: text(max), en: text(max) }, 'an object with "ko" and "en" texts');
const packMakeOptionsSchema = strictObject(
  {
    id: text(80, 1),
    revision: wholeNumber(1, 1_000_000).optional(),
    title: bothTexts(200),
    instructions: bothTexts(100_000),
    experiments: list(jsonValue('an experiment object'), 10, 1),
    locked: list(text(200, 1), 200),
    goal: strictObject(
      {
        metric: oneOf(['accuracy', 'loss']),
        threshold: z.number({ error: 'must be a number' }).min(0, { error: 'must be from 0 to 1000' }).max(1000, { error: 'must be from 0 to 1000' }),
        withinEpochs: wholeNumber(1, 10_000).optional(),
      },
      'an object with metric, threshold and withinEpochs',
    ),
    deadline: text(40).nullable().optional(),
  },
  'an object of pack options',
);
const dataSource = jsonValue('a data source (such as "mnist" or { "source": "mnist" })');

// ---- one entry per method; a method missing here is a compile error ----

/** A parameter: its name in the contract (for sentences) and its schema, typed against the contract. */
type Param<T> = readonly [name: string, schema: z.ZodType<T>];
type ParamSpecs<P extends readonly unknown[]> = { [K in keyof P]-?: Param<P[K]> };
type ParamsOf<M extends LabMethod> = ParamSpecs<Parameters<LabApi[M]>>;
type ParamsOf2<Api, M extends keyof Api> = Api[M] extends (...args: infer P) => unknown ? ParamSpecs<P> : never;

export const METHOD_PARAMS: { readonly [M in LabMethod]: ParamsOf<M> } = {
  startRun: [
    ['experiment', jsonValue('an experiment object')],
    ['options', startRunOptions.optional()],
  ],
  pauseRun: [['runId', runId]],
  resumeRun: [['runId', runId]],
  cancelRun: [['runId', runId]],

  listRuns: [['query', runQuerySchema.optional()]],
  listTags: [],
  getRun: [
    ['runId', runId],
    ['maxPoints', maxPoints.optional()],
  ],
  compareRuns: [
    ['runIds', list(runId, COMPARE_RUNS_MAX, 1)],
    ['maxPoints', maxPoints.optional()],
  ],
  updateRun: [
    ['runId', runId],
    ['patch', runPatchSchema],
  ],
  deleteRun: [['runId', runId]],

  exportWeights: [['runId', runId]],
  exportMetricsCsv: [['runId', runId]],
  exportRun: [['runId', runId]],
  importRuns: [['text', bigText]],

  listDatasets: [],
  previewDataset: [
    ['data', dataSource],
    ['count', wholeNumber(1, 200)],
  ],
  evaluateWeights: [
    ['weightsText', bigText],
    ['data', dataSource],
    ['options', evaluateOptionsSchema.optional()],
  ],
  convertWeights: [
    ['weightsText', bigText],
    ['format', oneOf(['onnx', 'pytorch'])],
    ['baseName', text(200).optional()],
  ],
  importOnnx: [
    ['base64', bigText],
    ['fileName', text(255)],
  ],
  readParams: [
    ['runId', runId],
    ['names', list(text(64, 1), 200)],
    ['at', oneOf(['latest', 'start']).optional()],
  ],
  readParamHistograms: [
    ['runId', runId],
    ['names', list(text(64, 1), 200)],
    ['bins', wholeNumber(1, 200).optional()],
  ],
  gradientCheck: [
    ['model', jsonValue('a model spec or an experiment object')],
    ['options', gradientCheckOptionsSchema.optional()],
  ],
  cancelGradientCheck: [['checkId', text(64, 1)]],
  // r4-data: the caps and the names are the service's to refuse, in a sentence (main/data/yourData.ts)
  sourceOfPath: [['path', text(4096, 1)]],
  uploadData: [
    ['name', text(255, 1)],
    ['files', list(z.object({ path: text(1024, 1), base64: bigText }, { error: 'must be { path, base64 }' }).strict(), 100_000)],
  ],

  // ---- r4-packs ----
  openPack: [
    ['packText', bigText],
    ['fileName', text(255).optional()],
  ],
  packRuns: [['packText', bigText]],
  handIn: [
    ['packText', bigText],
    ['runIds', list(runId, 5, 1)],
    ['student', studentSchema],
  ],
  makePack: [['options', packMakeOptionsSchema]],
  packBoard: [
    ['packText', bigText],
    ['files', list(strictObject({ name: text(255, 1), text: bigText }, 'an object with a file name and its text'), 2000)],
    ['heldout', dataSource.optional()],
  ],
};

// ---- parsing a call ----

function isLabMethod(method: string): method is LabMethod {
  return (LAB_METHODS as readonly string[]).includes(method);
}

/** "options.workers", "runIds[2]", "patch.tags[0]". */
export function describePath(paramName: string, path: readonly PropertyKey[]): string {
  let out = paramName;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function issueSentence(method: string, paramName: string, issue: z.core.$ZodIssue): string {
  const where = describePath(paramName, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${method}: ${where} has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${keys}.`;
  }
  const predicate = issue.message.startsWith('must ') ? issue.message : `is not valid (${issue.message})`;
  return `${method}: ${where} ${predicate}.`;
}

function usage(message: string): LabError {
  return new LabError('usage', message);
}

/** Checks a call from a door; returns the method and its arguments, or throws a LabError('usage'). */
export function parseCall(method: string, args: unknown): { method: LabMethod; args: unknown[] } {
  if (typeof method !== 'string' || !isLabMethod(method)) {
    const shown = typeof method === 'string' ? `"${method.slice(0, 80)}"` : 'without a name';
    throw usage(`The lab has no method ${shown}; it has ${LAB_METHODS.join(', ')}.`);
  }
  return { method, args: parseParams(method, METHOD_PARAMS[method] as readonly Param<unknown>[], args) };
}

function parseParams(method: string, params: readonly Param<unknown>[], args: unknown): unknown[] {
  if (!Array.isArray(args)) throw usage(`${method}: the arguments must be a list.`);
  const names = params.map(([name]) => name);
  if (args.length > params.length) {
    const takes = params.length === 0 ? 'takes no arguments' : `takes at most ${params.length} (${names.join(', ')})`;
    throw usage(`${method} ${takes}, but it was given ${args.length}.`);
  }
  const parsed: unknown[] = [];
  params.forEach(([name, schema], index) => {
    const result = schema.safeParse(args[index]);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    if (args[index] === undefined) throw usage(`${method}: ${name} is missing.`);
    throw usage(issueSentence(method, name, result.error.issues[0]!));
  });
  // Optional arguments left out (or passed as undefined) at the end are dropped: the service applies its defaults.
  while (parsed.length > 0 && parsed[parsed.length - 1] === undefined) parsed.pop();
  return parsed;
}

// ---- the file doors (Electron's native dialogs) ----

const fileName = text(255, 1).refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', {
  error: 'must be a file name without a folder',
});

export const FILE_DOOR_PARAMS: { readonly [M in keyof FileDoors]: ParamsOf2<FileDoors, M> } = {
  openTextFile: [['kind', oneOf(['experiment', 'weights', 'run', 'onnx', 'pack', 'submission'])]],
  saveTextFile: [
    ['kind', oneOf(['experiment', 'weights', 'csv', 'run', 'onnx', 'python', 'png', 'pack', 'submission'])],
    ['suggestedName', fileName],
    ['text', bigText],
  ],
  chooseYourData: [],
};

/** Checks a file-door call from the window, like parseCall. */
export function parseFileCall<M extends keyof FileDoors>(method: M, args: unknown): Parameters<FileDoors[M]> {
  return parseParams(method, FILE_DOOR_PARAMS[method], args) as Parameters<FileDoors[M]>;
}

// ---- errors on the wire ----

export interface WireError {
  message: string;
  kind: string;
  /** The sentence as data, when it comes from the table of messages: each door says it in its user's language. */
  said?: LabMessage;
}

/** A LabError keeps its sentence (and its code and values); anything else is a bug in the lab, told without its stack. */
export function errorToWire(error: unknown): WireError {
  if (isLabError(error)) return error.said ? { message: error.message, kind: error.kind, said: error.said } : { message: error.message, kind: error.kind };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `Something went wrong in the lab: ${message}`, kind: 'internal' };
}
