// The experiment file (*.dlab.json): a model, the data it learns from, and how it is trained.
// What the builder and the forms edit, what `dlab train` runs, what a teacher hands out.
// Every field is checked here; optional ones take the book's defaults; unknown ones are refused by name.

import { LabError, labError, withinFile } from './errors';
import { describeValue, isPlainObject, readFields, type FieldSpec, type FieldValues } from './fields';
import { checkTrainingMemory } from './memory';
import { planModel, type ModelPlan, type ModelSpec } from './model';
import { networkPathSaid } from './paths';
import type { LabMessageCode, MessageValues } from './messages';
import { toyNames } from './data/toy';
import { findOptimizerType, optimizerTypes } from './optimizers/registry';
import { readCsvSettings, type CsvSettings } from './data/csvSettings';
import { findSourceKind, settingsKeys, sourcePath } from './data/sourceKinds';

export const EXPERIMENT_FORMAT = 'dlab-experiment';
export const EXPERIMENT_VERSION = 1;

export interface DataSettings {
  /** "mnist", "idx:FOLDER", a toy set ("spiral", "circles", "xor", "blobs") or "csv:FILE" (engine/data/sourceKinds.ts). */
  source: string;
  /** Train on the first N training samples only (the book's overfitting lab uses 300). */
  trainLimit?: number;
  /**
   * Hold out the last N training samples as validation data (§6.5): the run trains on the rest (trainLimit
   * then takes the first samples of what remains) and is measured on these instead of the test split,
   * which it never reads; its testAcc/testLoss then hold validation figures.
   */
  validation?: number;
  /**
   * Where the validation samples come from: "end" (the default: the last N of the training split) or
   * "shuffled" (the book's §6.5.3: the first trainLimit + N training samples shuffled once, the first N of them held out).
   */
  validationFrom?: 'end' | 'shuffled';
  /**
   * The seed of that one shuffle (validationFrom "shuffled" only; 0 when absent, the split runs stored before
   * this field trained on). The book shuffles once per run of its script, before any trial: the search lab
   * gives every trial of a search its own seed here, so one search shares one split and another seed draws another.
   */
  splitSeed?: number;
  /** Toy sets only: how many points, and how much Gaussian noise. */
  samples?: number;
  noise?: number;
  /** CSV sources only: the label column, delimiter, header form, scaling and test split. */
  csv?: CsvSettings;
  /** Image folders only: 1 (grey) or 3 (RGB), and the size every image is resized to (default: the most common). */
  channels?: number;
  width?: number;
  height?: number;
}

export interface OptimizerSettings {
  type: string;
  [field: string]: number | string;
}

export interface TrainingSettings {
  optimizer: OptimizerSettings;
  batchSize: number;
  epochs: number;
  weightDecay: number;
  seed: number;
  /**
   * How mini-batches are drawn: "shuffled" (the default: each epoch a shuffled pass over every sample) or
   * "random" (the book's Trainer: each mini-batch drawn at random, with replacement).
   */
  batches?: 'shuffled' | 'random';
}

export interface Experiment {
  format: typeof EXPERIMENT_FORMAT;
  version: typeof EXPERIMENT_VERSION;
  name?: string;
  description?: string;
  model: ModelSpec;
  data: DataSettings;
  training: TrainingSettings;
}

export interface ValidExperiment {
  experiment: Experiment;
  plan: ModelPlan;
}

const trainingFields: readonly FieldSpec[] = [
  { name: 'batchSize', kind: 'int', summary: 'samples per mini-batch', min: 1, max: 10000, default: 100 },
  { name: 'epochs', kind: 'int', summary: 'passes over the training data', min: 1, max: 10000, default: 10 },
  { name: 'weightDecay', kind: 'number', summary: 'λ of the weight decay ½λ‖W‖²', min: 0, max: 100, default: 0 },
  { name: 'seed', kind: 'int', summary: 'seed of the random numbers (same seed ⇒ same run)', min: 0, max: 4294967295, default: 1 },
  {
    name: 'batches',
    kind: 'enum',
    options: ['shuffled', 'random'],
    summary: 'how mini-batches are drawn: "shuffled" (each epoch a shuffled pass, the default) or "random" (with replacement, as the book’s Trainer)',
    optional: true,
  },
];

const dataFields: readonly FieldSpec[] = [
  { name: 'trainLimit', kind: 'int', summary: 'train on the first N training samples only', min: 1, max: 10_000_000, optional: true },
  {
    name: 'validation',
    kind: 'int',
    summary: 'hold out the last N training samples as validation data, measured instead of the test split',
    min: 1,
    max: 10_000_000,
    optional: true,
  },
  {
    name: 'validationFrom',
    kind: 'enum',
    options: ['end', 'shuffled'],
    summary: 'where validation samples come from: "end" (the last N, the default) or "shuffled" (the book’s §6.5.3 split)',
    optional: true,
  },
  { name: 'splitSeed', kind: 'int', summary: 'seed of the one shuffle of validationFrom "shuffled" (default 0)', min: 0, max: 4294967295, optional: true },
  { name: 'samples', kind: 'int', summary: 'number of points of a toy set', min: 10, max: 100000, optional: true },
  { name: 'noise', kind: 'number', summary: 'Gaussian noise of a toy set', min: 0, max: 2, optional: true },
  { name: 'channels', kind: 'int', summary: 'channels of an image folder: 1 (grey) or 3 (RGB)', min: 1, max: 3, optional: true },
  { name: 'width', kind: 'int', summary: 'width every image of a folder is resized to', min: 1, max: 1024, optional: true },
  { name: 'height', kind: 'int', summary: 'height every image of a folder is resized to', min: 1, max: 1024, optional: true },
];

/** Parses the text of an experiment file; `fileName` appears in every message. */
export function parseExperiment(text: string, fileName = 'the experiment'): ValidExperiment {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw labError('file', 'file.notJson', { file: fileName, reason: (error as Error).message });
  }
  try {
    return validateExperiment(raw);
  } catch (error) {
    if (error instanceof LabError) throw withinFile(error, error.kind, fileName);
    throw error;
  }
}

function fail(code: LabMessageCode, values: MessageValues, path: string): never {
  throw labError('spec', code, values, { path });
}

export function validateExperiment(raw: unknown): ValidExperiment {
  if (!isPlainObject(raw)) fail('experiment.notObject', { value: describeValue(raw) }, '');
  if (raw.format !== EXPERIMENT_FORMAT) {
    fail('experiment.notExperiment', { format: EXPERIMENT_FORMAT, value: describeValue(raw.format) }, 'format');
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    fail('experiment.version', { value: describeValue(raw.version) }, 'version');
  }
  if (raw.version > EXPERIMENT_VERSION) {
    fail('experiment.newer', { version: raw.version, known: EXPERIMENT_VERSION }, 'version');
  }
  const allowed = ['format', 'version', 'name', 'description', 'model', 'data', 'training'];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) fail('experiment.unknownField', { field: key, allowed: allowed.map((k) => `"${k}"`).join(', ') }, key);
  }
  for (const key of ['name', 'description'] as const) {
    if (raw[key] !== undefined && (typeof raw[key] !== 'string' || raw[key].length > 2000)) {
      fail('experiment.shortText', { field: key }, key);
    }
  }
  const plan = planModel(raw.model, 'model');
  const data = readData(raw.data);
  const training = readTraining(raw.training);
  checkTrainingMemory(plan, training);
  const experiment: Experiment = {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    ...(raw.name !== undefined ? { name: raw.name as string } : {}),
    ...(raw.description !== undefined ? { description: raw.description as string } : {}),
    model: plan.spec,
    data,
    training,
  };
  return { experiment, plan };
}

function readData(raw: unknown): DataSettings {
  if (!isPlainObject(raw)) fail('experiment.dataNotObject', { value: describeValue(raw) }, 'data');
  if (typeof raw.source !== 'string' || raw.source.length === 0 || raw.source.length > 4096) {
    fail('experiment.dataSource', { toys: toyNames.join(', '), value: describeValue(raw.source) }, 'data.source');
  }
  // Said while the experiment is edited, not only when a run would open the file or folder.
  const named = sourcePath(raw.source);
  const networkPath = named ? networkPathSaid(named.path, named.kind.pathIs ?? 'The file') : null;
  if (networkPath !== null) fail(networkPath.code, networkPath.values, 'data.source');
  const values = readFields(raw, dataFields, { where: 'data', path: 'data' }, ['source', ...settingsKeys]);
  // A kind's own settings under another kind's source would be ignored without a word: refused instead.
  const kind = findSourceKind(raw.source);
  for (const key of settingsKeys) {
    if (raw[key] !== undefined && kind?.settingsKey !== key) {
      fail('experiment.settingsOfOtherSource', { key, source: raw.source }, `data.${key}`);
    }
  }
  const csv = raw.csv !== undefined ? { csv: readCsvSettings(raw.csv) } : {};
  return { source: raw.source, ...(values as Omit<DataSettings, 'source'>), ...csv };
}

function readTraining(raw: unknown): TrainingSettings {
  if (!isPlainObject(raw)) fail('experiment.trainingNotObject', { value: describeValue(raw) }, 'training');
  const values = readFields(raw, trainingFields, { where: 'training', path: 'training' }, ['optimizer']);
  return { optimizer: readOptimizer(raw.optimizer), ...(values as Omit<TrainingSettings, 'optimizer'>) };
}

export function readOptimizer(raw: unknown, path = 'training.optimizer'): OptimizerSettings {
  const names = optimizerTypes.map((o) => o.type).join(', ');
  if (!isPlainObject(raw) || typeof raw.type !== 'string') {
    fail('experiment.optimizerNotObject', { path, names }, path);
  }
  const type = findOptimizerType(raw.type);
  if (!type) fail('experiment.optimizerUnknown', { path, type: raw.type, names }, `${path}.type`);
  const values: FieldValues = readFields(raw, type.fields, { where: `${path} (${type.type})`, path });
  return { type: type.type, ...values };
}

/** A one-line description of the optimizer settings: "adam lr=0.001 beta1=0.9 beta2=0.999 eps=1e-7". */
export function describeOptimizer(settings: OptimizerSettings): string {
  const { type, ...rest } = settings;
  return [type, ...Object.entries(rest).map(([k, v]) => `${k}=${v}`)].join(' ');
}
