// The settings of a CSV source (an experiment's `data.csv`): which column is the label, how the file is
// cut into cells, how the features are scaled and how the test rows are chosen. Every one is optional:
// the loader detects the delimiter and the header form, picks the label column by its name, and says
// what it chose, so the form can show each choice and let the learner change it.
// Also the scaling itself (statistics of the training split only), pure arithmetic, so a weights file
// can carry it and new rows are scaled the same way wherever they are read.

import { labError } from '../errors';
import type { LabMessageCode, MessageValues } from '../messages';
import { describeValue, isPlainObject } from '../fields';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
/** row: the first line names the columns · none: every line is data · sklearn: scikit-learn's own first line. */
export const CSV_HEADERS = ['row', 'none', 'sklearn'] as const;
export type CsvHeader = (typeof CSV_HEADERS)[number];
export const CSV_SCALINGS = ['none', 'standardize', 'min-max'] as const;
export type CsvScalingMethod = (typeof CSV_SCALINGS)[number];
export const CSV_EMPTY_CELLS = ['refuse', 'drop'] as const;

export const DEFAULT_TEST_FRACTION = 0.2;
export const DEFAULT_SCALING: CsvScalingMethod = 'standardize';
/** Column names a label column is usually given, looked for in this order when no label is chosen. */
export const LABEL_NAMES = ['label', 'class', 'target', 'y', 'species'] as const;

/** Per-feature statistics: a feature v becomes (v − offset[i]) / scale[i]. */
export interface CsvScaling {
  method: CsvScalingMethod;
  offset: number[];
  scale: number[];
}

/**
 * What a trained network needs to read new rows as it read its training rows: the feature columns in
 * order (one-hot ones as "column=value"), the class names in the order of its outputs, and the scaling.
 * Carried by a weights file (meta.csv) and handed back to the loader when evaluating on another file.
 */
export interface CsvFitted {
  /** The label column's name. */
  label: string;
  features: string[];
  classNames: string[];
  scaling: CsvScaling;
}

export interface CsvSettings {
  /** The label column's name; default: one named as in LABEL_NAMES, else the last column. */
  label?: string;
  /** Default: detected (comma, semicolon or tab). */
  delimiter?: CsvDelimiter;
  /** Default: detected (scikit-learn's form when the first line is exactly that, else a header row). */
  header?: CsvHeader;
  /** Default standardize. */
  scaling?: CsvScalingMethod;
  /** With one file: the fraction of each class held out as test rows (seeded, stratified). Default 0.2. */
  testFraction?: number;
  /** Seeds the stratified split and the order of the training rows. Default 1. */
  splitSeed?: number;
  /** refuse (default): an empty cell is an error naming it · drop: rows with an empty cell are left out. */
  emptyCells?: (typeof CSV_EMPTY_CELLS)[number];
  /** Text columns turned into one 0/1 feature per value instead of being refused. */
  oneHot?: string[];
  /** Set only by the lab when evaluating a weights file: its columns, classes and scaling. */
  fitted?: CsvFitted;
}

/** What a CSV file holds before it is made into a dataset (main/data/csvSummary.ts): for the form's preview and `dlab datasets`. */
export interface CsvColumnSummary {
  name: string;
  /** number: every non-empty cell is a number · text: some cell is not · empty: no cell has a value. */
  type: 'number' | 'text' | 'empty';
  role: 'label' | 'feature' | 'one-hot';
  /** Different values (up to 1,000 counted) of the label and text columns; null for numeric features. */
  distinct: number | null;
  emptyCells: number;
}

export interface CsvSummary {
  source: string;
  file: string;
  bytes: number;
  sha256: string;
  testFile?: string;
  rows: number;
  delimiter: CsvDelimiter;
  delimiterDetected: boolean;
  header: CsvHeader;
  headerDetected: boolean;
  label: string;
  labelChosenBy: 'you' | 'name' | 'last';
  scaling: string;
  testFraction: number | null;
  columns: CsvColumnSummary[];
  /** The label column's classes with their row counts, in class order (scikit-learn's form: its names). */
  classes: { name: string; count: number }[];
  firstRows: string[][];
}

function fail(code: LabMessageCode, values: MessageValues, path: string): never {
  throw labError('spec', code, values, { path });
}

function oneOf<T extends string>(raw: unknown, options: readonly T[], name: string, path: string): T | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !(options as readonly string[]).includes(raw)) {
    fail('csv.settingChoice', { name, options: options.map((o) => JSON.stringify(o)).join(', '), value: describeValue(raw) }, `${path}.${name}`);
  }
  return raw as T;
}

/** Checks an experiment's `data.csv`; unknown fields are refused by name. */
export function readCsvSettings(raw: unknown, path = 'data.csv'): CsvSettings {
  if (!isPlainObject(raw)) fail('csv.settingsNotObject', { path, value: describeValue(raw) }, path);
  const known = ['label', 'delimiter', 'header', 'scaling', 'testFraction', 'splitSeed', 'emptyCells', 'oneHot'];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) fail('csv.settingUnknown', { key, path, known: known.map((k) => `"${k}"`).join(', ') }, `${path}.${key}`);
  }
  const settings: CsvSettings = {};
  if (raw.label !== undefined) {
    if (typeof raw.label !== 'string' || raw.label === '' || raw.label.length > 200)
      fail('csv.settingLabel', { path, value: describeValue(raw.label) }, `${path}.label`);
    settings.label = raw.label;
  }
  const delimiter = oneOf(raw.delimiter, CSV_DELIMITERS, 'delimiter', path);
  if (delimiter) settings.delimiter = delimiter;
  const header = oneOf(raw.header, CSV_HEADERS, 'header', path);
  if (header) settings.header = header;
  const scaling = oneOf(raw.scaling, CSV_SCALINGS, 'scaling', path);
  if (scaling) settings.scaling = scaling;
  const emptyCells = oneOf(raw.emptyCells, CSV_EMPTY_CELLS, 'emptyCells', path);
  if (emptyCells) settings.emptyCells = emptyCells;
  if (raw.testFraction !== undefined) {
    const f = raw.testFraction;
    if (typeof f !== 'number' || !(f > 0 && f < 1)) fail('csv.settingTestFraction', { path, value: describeValue(f) }, `${path}.testFraction`);
    settings.testFraction = f;
  }
  if (raw.splitSeed !== undefined) {
    const s = raw.splitSeed;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 4294967295)
      fail('csv.settingSplitSeed', { path, value: describeValue(s) }, `${path}.splitSeed`);
    settings.splitSeed = s;
  }
  if (raw.oneHot !== undefined) {
    const list = raw.oneHot;
    if (!Array.isArray(list) || list.length > 1000 || list.some((c) => typeof c !== 'string' || c === '')) {
      fail('csv.settingOneHot', { path, value: describeValue(list) }, `${path}.oneHot`);
    }
    settings.oneHot = [...(list as string[])];
  }
  return settings;
}

/**
 * Scaling statistics of `x` (count × features, row-major), from these rows only: standardize gives each
 * feature mean 0 and standard deviation 1, min-max maps its range onto 0…1. A constant feature keeps
 * scale 1, so it becomes 0 instead of a division by zero.
 */
export function fitScaling(x: Float32Array, count: number, features: number, method: CsvScalingMethod): CsvScaling {
  const offset = new Array<number>(features).fill(0);
  const scale = new Array<number>(features).fill(1);
  if (method === 'none' || count === 0) return { method, offset, scale };
  for (let j = 0; j < features; j++) {
    if (method === 'standardize') {
      let sum = 0;
      for (let i = 0; i < count; i++) sum += x[i * features + j]!;
      const mean = sum / count;
      let squares = 0;
      for (let i = 0; i < count; i++) squares += (x[i * features + j]! - mean) ** 2;
      const std = Math.sqrt(squares / count);
      offset[j] = mean;
      scale[j] = std > 0 ? std : 1;
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        const v = x[i * features + j]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      offset[j] = min;
      scale[j] = max > min ? max - min : 1;
    }
  }
  return { method, offset, scale };
}

/** Scales `x` in place with statistics fitted elsewhere (the training split's). */
export function applyScaling(x: Float32Array, count: number, scaling: CsvScaling): void {
  const features = scaling.offset.length;
  if (scaling.method === 'none') return;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < features; j++) x[i * features + j] = (x[i * features + j]! - scaling.offset[j]!) / scaling.scale[j]!;
  }
}

/** Checks the `csv` part of a weights file's meta before it is used to read new rows. */
export function readCsvFitted(raw: unknown, where: string): CsvFitted {
  const bad = (what: 'object' | 'label' | 'features' | 'classNames' | 'scaling' | 'scales'): never => {
    throw labError('file', 'csv.metaBad', { where, what });
  };
  if (!isPlainObject(raw)) return bad('object');
  const { label, features, classNames, scaling } = raw;
  if (typeof label !== 'string' || label === '') bad('label');
  const names = (list: unknown) => Array.isArray(list) && list.length > 0 && list.every((n) => typeof n === 'string');
  if (!names(features)) bad('features');
  if (!names(classNames)) bad('classNames');
  if (!isPlainObject(scaling) || !(CSV_SCALINGS as readonly unknown[]).includes(scaling.method)) return bad('scaling');
  const numbers = (list: unknown) =>
    Array.isArray(list) && list.length === (features as string[]).length && list.every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!numbers(scaling.offset) || !numbers(scaling.scale) || (scaling.scale as number[]).some((s) => s === 0)) {
    bad('scales');
  }
  return {
    label: label as string,
    features: [...(features as string[])],
    classNames: [...(classNames as string[])],
    scaling: { method: scaling.method as CsvScalingMethod, offset: [...(scaling.offset as number[])], scale: [...(scaling.scale as number[])] },
  };
}

/** True when two settings read a table the same way (a setting left out is its default). */
export function sameCsvReading(a: CsvSettings, b: CsvSettings): boolean {
  const full = (s: CsvSettings) =>
    JSON.stringify([
      s.label ?? null,
      s.delimiter ?? null,
      s.header ?? null,
      s.scaling ?? DEFAULT_SCALING,
      s.testFraction ?? DEFAULT_TEST_FRACTION,
      s.splitSeed ?? 1,
      s.emptyCells ?? 'refuse',
      [...(s.oneHot ?? [])].sort(),
    ]);
  return full(a) === full(b);
}
