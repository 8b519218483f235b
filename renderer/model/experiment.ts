// Experiment assembly: the builder's stack and the forms' fields (kept as typed, so a half-typed number
// is a state the form can explain) become an experiment the engine accepts — or the reasons it cannot.
// validateExperiment has the last word, so nothing the engine would refuse ever reaches startRun.

import { isLabError } from '../../engine/errors';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, validateExperiment, type DataSettings, type Experiment, type OptimizerSettings } from '../../engine/experiment';
import type { FieldSpec } from '../../engine/fields';
import { DEFAULT_SCALING, type CsvDelimiter, type CsvHeader, type CsvScalingMethod, type CsvSettings } from '../../engine/data/csvSettings';
import { analyzeModel, type ModelSpec } from '../../engine/model';
import { findOptimizerType, optimizerTypes } from '../../engine/optimizers/registry';
import { isFolderKind, isToy, kindOf, sourceOf, toyDefault, type SourceKind } from './datasets';
import { parseFieldText, formatValue, type FieldProblem } from './fieldCheck';
import { dataFieldSpecs, trainingFieldSpecs, workersFieldSpec } from './formFields';
import { presetLayers } from './presets';

export interface DataDraft {
  kind: SourceKind;
  idxFolder: string;
  samples: string;
  noise: string;
  trainLimit: string;
  /** The last N training samples held out as validation data; optional so drafts saved before it still load. */
  validation?: string;
  /** A CSV table's path (or "TRAIN,TEST"); optional so drafts saved before it still load. */
  csvFile?: string;
  /** A CSV table's settings as the form holds them. */
  csv?: CsvDraft;
  /** An image folder's channels ('' = as found), width and height ('' = the most common size); optional so older drafts load. */
  imageChannels?: '' | '1' | '3';
  imageWidth?: string;
  imageHeight?: string;
}

/** The CSV settings as chosen in the form; '' means "the lab's choice" (detected, or found by name). */
export interface CsvDraft {
  label: string;
  delimiter: '' | CsvDelimiter;
  header: '' | CsvHeader;
  scaling: CsvScalingMethod;
  testFraction: string;
  dropEmpty: boolean;
  oneHot: string[];
}

export const defaultCsvDraft = (): CsvDraft => ({
  label: '',
  delimiter: '',
  header: '',
  scaling: DEFAULT_SCALING,
  testFraction: '',
  dropEmpty: false,
  oneHot: [],
});

/** The experiment's data.csv for a draft: only what differs from the lab's own choices. */
export function csvSettingsOf(draft: CsvDraft | undefined): CsvSettings | undefined {
  if (!draft) return undefined;
  const settings: Record<string, unknown> = {};
  if (draft.label) settings.label = draft.label;
  if (draft.delimiter) settings.delimiter = draft.delimiter;
  if (draft.header) settings.header = draft.header;
  if (draft.scaling !== DEFAULT_SCALING) settings.scaling = draft.scaling;
  const fraction = draft.testFraction.trim();
  // Not a number: passed on as typed, so the engine's sentence names it at the field.
  if (fraction) settings.testFraction = /^\d*\.?\d+$/.test(fraction) ? Number(fraction) : fraction;
  if (draft.dropEmpty) settings.emptyCells = 'drop';
  if (draft.oneHot.length) settings.oneHot = [...draft.oneHot];
  return Object.keys(settings).length ? settings : undefined;
}

function csvDraftOf(settings: CsvSettings | undefined): CsvDraft {
  const draft = defaultCsvDraft();
  if (!settings) return draft;
  return {
    label: settings.label ?? '',
    delimiter: settings.delimiter ?? '',
    header: settings.header ?? '',
    scaling: settings.scaling ?? draft.scaling,
    testFraction: settings.testFraction === undefined ? '' : String(settings.testFraction),
    dropEmpty: settings.emptyCells === 'drop',
    oneHot: [...(settings.oneHot ?? [])],
  };
}

/** An image folder's channels, width and height as the experiment's data holds them: only those chosen. */
function imageOptionsOf(draft: DataDraft, read: (spec: FieldSpec, text: string) => number | undefined): Pick<DataSettings, 'channels' | 'width' | 'height'> {
  const options: Pick<DataSettings, 'channels' | 'width' | 'height'> = {};
  if (draft.imageChannels) options.channels = Number(draft.imageChannels);
  const width = read(dataFieldSpecs.width, draft.imageWidth ?? '');
  if (width !== undefined) options.width = width;
  const height = read(dataFieldSpecs.height, draft.imageHeight ?? '');
  if (height !== undefined) options.height = height;
  return options;
}

export interface TrainingDraft {
  optimizer: string;
  /** The optimizer's own fields, as typed. */
  values: Record<string, string>;
  batchSize: string;
  epochs: string;
  weightDecay: string;
  seed: string;
}

export interface ExperimentDraft {
  name: string;
  description: string;
  model: ModelSpec;
  data: DataDraft;
  training: TrainingDraft;
  workers: string;
}

export type Blocker =
  | { kind: 'field'; field: string; problem: FieldProblem }
  | { kind: 'model'; message: string; layerIndex?: number }
  | { kind: 'classes'; scores: number; classes: number }
  | { kind: 'experiment'; message: string };

export interface Assembly {
  experiment: Experiment | null;
  workers: number | null;
  /** Problems by form field name (batchSize, lr, samples, idxFolder, workers…). */
  fields: Record<string, FieldProblem>;
  /** Why training cannot start (the first reason), or null when it can. */
  blocker: Blocker | null;
}

export const DEFAULT_OPTIMIZER = 'adam';

/** The optimizer's fields with the book's defaults, as text for the form. */
export function optimizerDefaults(type: string): Record<string, string> {
  const optimizer = findOptimizerType(type);
  if (!optimizer) return {};
  return Object.fromEntries(optimizer.fields.map((f) => [f.name, formatValue(f.default)]));
}

export function defaultDraft(workers: number): ExperimentDraft {
  return {
    name: '',
    description: '',
    model: { input: [1, 28, 28], layers: presetLayers('twoLayerNet') },
    data: { kind: 'mnist', idxFolder: '', samples: '300', noise: '0.1', trainLimit: '', validation: '' },
    training: {
      optimizer: DEFAULT_OPTIMIZER,
      values: optimizerDefaults(DEFAULT_OPTIMIZER),
      batchSize: '100',
      epochs: '5',
      weightDecay: '0',
      seed: '1',
    },
    workers: String(workers),
  };
}

/** The draft of an experiment opened from a file (already validated by the engine). */
export function draftFromExperiment(experiment: Experiment, workers: string): ExperimentDraft {
  const { kind, idxFolder, csvFile } = kindOf(experiment.data.source);
  const toy = isToy(kind) ? toyDefault(kind) : { samples: 300, noise: 0.1 };
  const { type, ...optimizerValues } = experiment.training.optimizer;
  const values = optimizerDefaults(type);
  for (const [name, value] of Object.entries(optimizerValues)) values[name] = formatValue(value);
  return {
    name: experiment.name ?? '',
    description: experiment.description ?? '',
    model: { input: [...experiment.model.input], layers: experiment.model.layers.map((l) => ({ ...l })) },
    data: {
      kind,
      idxFolder,
      samples: formatValue(experiment.data.samples ?? toy.samples),
      noise: formatValue(experiment.data.noise ?? toy.noise),
      trainLimit: formatValue(experiment.data.trainLimit),
      validation: formatValue(experiment.data.validation),
      csvFile,
      csv: csvDraftOf(experiment.data.csv),
      imageChannels: experiment.data.channels === 1 ? '1' : experiment.data.channels === 3 ? '3' : '',
      imageWidth: formatValue(experiment.data.width),
      imageHeight: formatValue(experiment.data.height),
    },
    training: {
      optimizer: type,
      values,
      batchSize: formatValue(experiment.training.batchSize),
      epochs: formatValue(experiment.training.epochs),
      weightDecay: formatValue(experiment.training.weightDecay),
      seed: formatValue(experiment.training.seed),
    },
    workers,
  };
}

/** Where a path of the experiment file is edited in the form ("training.optimizer.lr" → "lr"). */
export function formFieldOfPath(path: string | undefined): string | null {
  if (!path) return null;
  const match = /^(?:training\.optimizer|training|data\.csv|data)\.(\w+)$/.exec(path);
  return match ? match[1]! : null;
}

export interface AssemblyContext {
  /** Classes of the chosen data source, when known. */
  classes: number | null;
}

export function assembleExperiment(draft: ExperimentDraft, context: AssemblyContext): Assembly {
  const fields: Record<string, FieldProblem> = {};
  const read = (spec: FieldSpec, text: string): number | undefined => {
    const parsed = parseFieldText(spec, text);
    if (parsed.problem) fields[spec.name] = parsed.problem;
    return typeof parsed.value === 'number' ? parsed.value : undefined;
  };

  const data: DataSettings = { source: sourceOf(draft.data.kind, draft.data.idxFolder, draft.data.csvFile) };
  if (isFolderKind(draft.data.kind) && draft.data.idxFolder.trim() === '') fields.idxFolder = { code: 'required' };
  if (draft.data.kind === 'csv') {
    if ((draft.data.csvFile ?? '').trim() === '') fields.csvFile = { code: 'required' };
    const csv = csvSettingsOf(draft.data.csv);
    if (csv) data.csv = csv;
  }
  if (draft.data.kind === 'images') Object.assign(data, imageOptionsOf(draft.data, read));
  if (isToy(draft.data.kind)) {
    data.samples = read(dataFieldSpecs.samples, draft.data.samples);
    data.noise = read(dataFieldSpecs.noise, draft.data.noise);
  }
  const trainLimit = read(dataFieldSpecs.trainLimit, draft.data.trainLimit);
  if (trainLimit !== undefined) data.trainLimit = trainLimit;
  const validation = read(dataFieldSpecs.validation, draft.data.validation ?? '');
  if (validation !== undefined) data.validation = validation;

  const optimizerType = findOptimizerType(draft.training.optimizer) ?? optimizerTypes[0];
  const optimizer: OptimizerSettings = { type: optimizerType.type };
  for (const field of optimizerType.fields) {
    const value = read(field, draft.training.values[field.name] ?? formatValue(field.default));
    if (value !== undefined) optimizer[field.name] = value;
  }
  const training = {
    optimizer,
    batchSize: read(trainingFieldSpecs.batchSize, draft.training.batchSize),
    epochs: read(trainingFieldSpecs.epochs, draft.training.epochs),
    weightDecay: read(trainingFieldSpecs.weightDecay, draft.training.weightDecay),
    seed: read(trainingFieldSpecs.seed, draft.training.seed),
  };
  const workers = read(workersFieldSpec, draft.workers) ?? null;

  const result = (blocker: Blocker | null, experiment: Experiment | null = null): Assembly => ({
    experiment,
    workers: experiment ? workers : null,
    fields,
    blocker,
  });

  const model = analyzeModel(draft.model);
  if (model.error) return result({ kind: 'model', message: model.error.message, layerIndex: model.error.details.layerIndex });
  const scores = model.layers[model.layers.length - 1]!.outputShape[0]!;
  if (context.classes !== null && scores !== context.classes) return result({ kind: 'classes', scores, classes: context.classes });
  const firstField = Object.keys(fields)[0];
  if (firstField) return result({ kind: 'field', field: firstField, problem: fields[firstField]! });

  const raw = {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    model: draft.model,
    data,
    training,
  };
  try {
    return result(null, validateExperiment(raw).experiment);
  } catch (error) {
    if (!isLabError(error)) throw error;
    const field = formFieldOfPath(error.details.path);
    if (field) {
      fields[field] = { code: 'engine', text: error.message };
      return result({ kind: 'field', field, problem: fields[field] });
    }
    return result({ kind: 'experiment', message: error.message });
  }
}

/** A file name for saving the experiment: "my-run.dlab.json". */
export function experimentFileName(name: string): string {
  const base = name
    .trim()
    .replace(/[\\/:*?"<>|]+/g, '')
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'experiment'}.dlab.json`;
}

/** The experiment file's text, as written by the lab. */
export function experimentText(experiment: Experiment): string {
  return `${JSON.stringify(experiment, null, 2)}\n`;
}
