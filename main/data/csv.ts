// A CSV source ("csv:FILE" or "csv:TRAIN,TEST") made into a dataset: one label column whose values
// become classes (their names kept), numeric feature columns (or text ones one-hot encoded when the
// learner chose so), the test rows held out (a second file, or a seeded stratified fraction), and the
// features scaled with statistics of the training rows only. Every cell that cannot be used is refused
// with its row and column; nothing is guessed without being said in the dataset's description.

import { isAbsolute, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { labError } from '../../engine/errors';
import type { LabMessageCode, MessageValues } from '../../engine/messages';
import type { Dataset } from '../../engine/data/dataset';
import { DEFAULT_SCALING, DEFAULT_TEST_FRACTION, LABEL_NAMES, applyScaling, fitScaling, type CsvFitted, type CsvSettings } from '../../engine/data/csvSettings';
import { refuseNetworkPath } from '../../engine/paths';
import { Rng } from '../../engine/rng';
import { DELIMITER_NAMES, cellNumber, readCsvFile, readCsvTable, type CsvTable } from './csvTable';

/** Class indices are stored as bytes (as MNIST's labels are). */
export const MAX_CSV_CLASSES = 256;

function refuse(code: LabMessageCode, values: MessageValues): never {
  throw labError('data', code, values);
}

/** The one or two files a csv: source names, resolved from `baseDir`. A path that exists whole is one file, commas and all. */
export function csvPaths(source: string, baseDir: string): { train: string; test?: string } {
  const rest = source.slice('csv:'.length);
  if (rest.trim() === '') refuse('csv.noFile', {});
  const full = (p: string) => {
    refuseNetworkPath(p, 'The CSV file'); // before resolve(): on Linux a \\host\share would pass as a relative name
    return isAbsolute(p) ? p : resolve(baseDir, p);
  };
  const whole = full(rest);
  const comma = rest.lastIndexOf(',');
  if (existsSync(whole) || comma < 0) return { train: whole };
  return { train: full(rest.slice(0, comma).trim()), test: full(rest.slice(comma + 1).trim()) };
}

/** True when the files a csv: source names now are exactly `files` (same paths, same contents). */
export async function sameCsvFiles(source: string, baseDir: string, files: readonly { path: string; sha256: string }[]): Promise<boolean> {
  try {
    const paths = csvPaths(source, baseDir);
    const now = [paths.train, ...(paths.test !== undefined ? [paths.test] : [])];
    if (now.length !== files.length) return false;
    for (const [i, path] of now.entries()) {
      if (path !== files[i]!.path || (await readCsvFile(path)).file.sha256 !== files[i]!.sha256) return false;
    }
    return true;
  } catch {
    return false; // loading it names the problem
  }
}

/** The label column: the chosen one, else one named label/class/target/y/species, else the last. */
export function chooseLabel(table: CsvTable, settings: CsvSettings): { label: string; chosenBy: 'you' | 'name' | 'last' } {
  if (settings.label !== undefined) {
    if (!table.columns.includes(settings.label)) {
      refuse('csv.noLabelColumn', { name: table.name, column: settings.label, columns: listColumns(table.columns) });
    }
    return { label: settings.label, chosenBy: 'you' };
  }
  for (const wanted of LABEL_NAMES) {
    const found = table.columns.find((c) => c.toLowerCase() === wanted);
    if (found !== undefined) return { label: found, chosenBy: 'name' };
  }
  return { label: table.columns[table.columns.length - 1]!, chosenBy: 'last' };
}

function listColumns(columns: readonly string[]): string {
  const shown = columns
    .slice(0, 12)
    .map((c) => `"${c}"`)
    .join(', ');
  return columns.length > 12 ? `${shown} and ${columns.length - 12} more` : shown;
}

interface Prepared {
  /** Rows kept (indices into table.rows), after rows with empty cells were dropped when so chosen. */
  kept: number[];
  dropped: number;
  /** The class index of each kept row. */
  labels: number[];
  classNames: string[];
}

/** Checks every used cell of a table and reads its labels; `classNames` fixed (a test file, a weights file) or found here. */
function prepare(
  table: CsvTable,
  label: string,
  used: readonly string[],
  oneHot: ReadonlySet<string>,
  settings: CsvSettings,
  fixedClasses: readonly string[] | null,
): Prepared {
  const labelIndex = table.columns.indexOf(label);
  const usedIndices = used.map((c) => table.columns.indexOf(c));
  const kept: number[] = [];
  let dropped = 0;
  rows: for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r]!;
    for (const c of [...usedIndices, labelIndex]) {
      if (cells[c]!.trim() !== '') continue;
      if (settings.emptyCells === 'drop') {
        dropped++;
        continue rows;
      }
      refuse('csv.emptyCell', { name: table.name, row: table.rowNumbers[r]!, column: table.columns[c]! });
    }
    kept.push(r);
  }
  if (kept.length === 0) refuse('csv.noRowLeft', { name: table.name });
  // Every number is checked before any row is split off, so the first bad cell is named whatever the split.
  const numeric = usedIndices.filter((c) => !oneHot.has(table.columns[c]!));
  for (const r of kept) {
    for (const c of numeric) {
      const text = table.rows[r]![c]!.trim();
      if (cellNumber(text) !== null) continue;
      const shown = text.length > 40 ? text.slice(0, 40) + '…' : text;
      refuse('csv.notNumber', { name: table.name, row: table.rowNumbers[r]!, column: table.columns[c]!, cell: shown });
    }
  }

  const texts = kept.map((r) => table.rows[r]![labelIndex]!.trim());
  let classNames: string[];
  let indexOf: (text: string, row: number) => number;
  if (table.sklearnClassNames && label === 'target') {
    // scikit-learn's form: the label cells are 0, 1, … and the first line names them.
    const names = table.sklearnClassNames;
    classNames = fixedClasses ? [...fixedClasses] : [...names];
    indexOf = (text, row) => {
      const v = cellNumber(text);
      if (v === null || !Number.isInteger(v) || v < 0 || v >= names.length) {
        refuse('csv.notClassNumber', { name: table.name, row: table.rowNumbers[row]!, cell: text, last: names.length - 1 });
      }
      return fixedClasses ? known(names[v]!, row) : v;
    };
  } else {
    const distinct = [...new Set(texts)];
    const numeric = distinct.every((t) => cellNumber(t) !== null);
    // Numbers in numeric order (2 before 10), words in a fixed order that does not depend on the machine's language.
    distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    classNames = fixedClasses ? [...fixedClasses] : distinct;
    const index = new Map(classNames.map((n, i) => [n, i]));
    indexOf = (text, row) => (fixedClasses ? known(text, row) : index.get(text)!);
  }
  function known(name: string, row: number): number {
    const i = fixedClasses!.indexOf(name);
    if (i < 0) {
      refuse('csv.unknownClass', {
        name: table.name,
        row: table.rowNumbers[row]!,
        column: label,
        className: name,
        classes: fixedClasses!.map((n) => `"${n}"`).join(', '),
      });
    }
    return i;
  }
  if (!fixedClasses) {
    if (classNames.length < 2) {
      refuse('csv.oneClass', { name: table.name, column: label, className: classNames[0] ?? '', rows: texts.length });
    }
    if (classNames.length > MAX_CSV_CLASSES) {
      refuse('csv.tooManyClasses', { name: table.name, column: label, count: classNames.length, max: MAX_CSV_CLASSES });
    }
  }
  const labels = kept.map((r, k) => indexOf(texts[k]!, r));
  return { kept, dropped, labels, classNames };
}

/** The feature columns' encoding: numeric ones as they are, one-hot ones as one 0/1 feature per category. */
interface Encoding {
  /** Feature names in order: a numeric column's name, or "column=value" for each category of a one-hot column. */
  features: string[];
  /** Per used column: its index in the table and, for one-hot, its categories. */
  columns: { index: number; name: string; categories: string[] | null }[];
}

function encodingFrom(
  table: CsvTable,
  used: readonly string[],
  oneHot: ReadonlySet<string>,
  prepared: Prepared,
  trainRows: readonly number[],
  fitted: CsvFitted | undefined,
): Encoding {
  const columns = used.map((name) => {
    const index = table.columns.indexOf(name);
    if (!oneHot.has(name)) return { index, name, categories: null };
    let categories: string[];
    if (fitted) categories = fitted.features.filter((f) => f.startsWith(`${name}=`)).map((f) => f.slice(name.length + 1));
    else categories = [...new Set(trainRows.map((k) => table.rows[prepared.kept[k]!]![index]!.trim()))].sort();
    return { index, name, categories };
  });
  const features = columns.flatMap((c) => (c.categories ? c.categories.map((v) => `${c.name}=${v}`) : [c.name]));
  return { features, columns };
}

/** Rows `which` (indices into prepared.kept) as features, unscaled (their cells were checked by prepare()). */
function encodeRows(table: CsvTable, prepared: Prepared, which: readonly number[], encoding: Encoding): { x: Float32Array; y: Uint8Array } {
  const d = encoding.features.length;
  const x = new Float32Array(which.length * d);
  const y = new Uint8Array(which.length);
  which.forEach((k, n) => {
    const r = prepared.kept[k]!;
    const cells = table.rows[r]!;
    let o = n * d;
    for (const column of encoding.columns) {
      const text = cells[column.index]!.trim();
      if (column.categories) {
        const at = column.categories.indexOf(text);
        if (at >= 0) x[o + at] = 1; // a category the training rows never had is all zeros
        o += column.categories.length;
        continue;
      }
      x[o++] = cellNumber(text)!; // checked by prepare()
    }
    y[n] = prepared.labels[k]!;
  });
  return { x, y };
}

/** Each class's rows split by `fraction` into test and training rows, seeded; the training rows shuffled. */
function stratifiedSplit(labels: readonly number[], classes: number, fraction: number, seed: number, name: string): { train: number[]; test: number[] } {
  const rng = new Rng(seed, 'csv-split');
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < classes; c++) {
    const rows = labels.flatMap((label, k) => (label === c ? [k] : []));
    const order = rng.permutation(rows.length);
    // At least one training row per class that has any, so every class is learnt.
    const held = Math.min(Math.round(rows.length * fraction), Math.max(0, rows.length - 1));
    order.forEach((o, i) => (i < held ? test : train).push(rows[o]!));
  }
  if (test.length === 0) refuse('csv.noTestRow', { name, fraction, rows: labels.length });
  test.sort((a, b) => a - b); // test rows in file order, so a mistake's index points at its row
  const shuffle = rng.permutation(train.length);
  return { train: Array.from(shuffle, (i) => train[i]!), test };
}

export interface CsvLoadOptions {
  baseDir: string;
}

function describeChoices(table: CsvTable, label: string, chosenBy: string, dropped: number): string[] {
  const notes = [`label column "${label}" (${chosenBy === 'you' ? 'chosen' : chosenBy === 'name' ? 'found by its name' : 'the last column'})`];
  notes.push(`${DELIMITER_NAMES[table.delimiter]}-separated${table.delimiterDetected ? ' (detected)' : ''}`);
  if (table.header === 'sklearn') {
    notes.push(
      `its first line is scikit-learn's own (${table.rows.length} samples, ${table.columns.length - 1} features, class names ${table.sklearnClassNames!.join(', ')})${table.headerDetected ? ', recognised and read as such' : ''}`,
    );
  } else if (table.header === 'none') notes.push(`no header row${table.headerDetected ? ' (the first line holds only numbers)' : ''}`);
  if (dropped > 0) notes.push(`${dropped} rows with empty cells dropped`);
  return notes;
}

/** The dataset a csv: source names. With `settings.fitted` (a weights file's), every row is a test row, read as the network was trained. */
export async function loadCsvSource(source: string, settings: CsvSettings, options: CsvLoadOptions): Promise<Dataset> {
  const paths = csvPaths(source, options.baseDir);
  const fitted = settings.fitted;
  // A weights file's own choices win: the same columns and classes, whatever this file's form would suggest.
  const effective: CsvSettings = fitted ? { ...settings, label: fitted.label } : settings;
  const table = await readCsvTable(paths.train, effective);
  const { label, chosenBy } = chooseLabel(table, effective);
  // A weights file's one-hot columns are those its features name as "column=value".
  const oneHot = new Set(fitted ? fitted.features.filter((f) => f.includes('=')).map((f) => f.slice(0, f.indexOf('='))) : (effective.oneHot ?? []));
  for (const column of oneHot) {
    if (!table.columns.includes(column)) refuse('csv.noOneHotColumn', { name: table.name, column, columns: listColumns(table.columns) });
    if (column === label) refuse('csv.oneHotLabel', { name: table.name, column });
  }
  const used = fitted ? fitted.features.map((f) => f.split('=')[0]!).filter((c, i, all) => all.indexOf(c) === i) : table.columns.filter((c) => c !== label);
  for (const column of used) {
    if (!table.columns.includes(column)) refuse('csv.trainedColumnMissing', { name: table.name, column });
  }
  if (used.length === 0) refuse('csv.onlyLabel', { name: table.name, column: label });

  const prepared = prepare(table, label, used, oneHot, effective, fitted ? fitted.classNames : null);
  const classes = prepared.classNames.length;
  let testTable: CsvTable | null = null;
  let testPrepared: Prepared | null = null;
  let trainRows: number[];
  let testRows: number[];
  if (paths.test !== undefined) {
    // The test file is read in the training file's form: its delimiter and header form, its columns.
    testTable = await readCsvTable(paths.test, { ...effective, delimiter: effective.delimiter ?? table.delimiter, header: table.header });
    const missing = [...used, label].find((c) => !testTable!.columns.includes(c));
    if (missing !== undefined) refuse('csv.testColumnMissing', { test: testTable.name, column: missing, train: table.name });
    testPrepared = prepare(testTable, label, used, oneHot, effective, prepared.classNames);
    const order = new Rng(effective.splitSeed ?? 1, 'csv-order').permutation(prepared.kept.length);
    trainRows = Array.from(order);
    testRows = testPrepared.kept.map((_, k) => k);
  } else if (fitted) {
    trainRows = [];
    testRows = prepared.kept.map((_, k) => k);
  } else {
    ({ train: trainRows, test: testRows } = stratifiedSplit(
      prepared.labels,
      classes,
      effective.testFraction ?? DEFAULT_TEST_FRACTION,
      effective.splitSeed ?? 1,
      table.name,
    ));
  }

  const encoding = encodingFrom(table, used, oneHot, prepared, trainRows, fitted);
  const train = encodeRows(table, prepared, trainRows, encoding);
  const test = testTable && testPrepared ? encodeRows(testTable, testPrepared, testRows, encoding) : encodeRows(table, prepared, testRows, encoding);
  const features = encoding.features.length;
  const scaling = fitted ? fitted.scaling : fitScaling(train.x, trainRows.length, features, effective.scaling ?? DEFAULT_SCALING);
  if (!fitted) {
    // A one-hot feature stays 0 or 1: "is it red" is already on a common scale.
    encoding.features.forEach((name, j) => {
      if (oneHot.has(name.slice(0, Math.max(0, name.indexOf('='))))) {
        scaling.offset[j] = 0;
        scaling.scale[j] = 1;
      }
    });
  }
  applyScaling(train.x, trainRows.length, scaling);
  applyScaling(test.x, testRows.length, scaling);

  const counts = prepared.classNames.map((_, c) => prepared.labels.filter((l) => l === c).length);
  const notes = describeChoices(table, label, chosenBy, prepared.dropped);
  const method = scaling.method === 'standardize' ? 'standardized' : 'min-max scaled';
  const scaled =
    scaling.method === 'none'
      ? 'not scaled'
      : fitted
        ? `${method} with the weights file's statistics`
        : `${method} with statistics of the ${trainRows.length} training rows only`;
  const split = testTable
    ? `test rows from ${testTable.name}`
    : fitted
      ? 'every row measured'
      : `${testRows.length} test rows held out (${effective.testFraction ?? DEFAULT_TEST_FRACTION} of each class, seed ${effective.splitSeed ?? 1})`;
  const balance = prepared.classNames.map((n, c) => `${n} ${counts[c]}`).join(', ');
  return {
    source,
    description: `${table.name}: ${prepared.kept.length} rows, ${features} features, ${classes} classes (${balance}); ${notes.join('; ')}; ${scaled}; ${split}.`,
    inputShape: [features],
    classes,
    classNames: prepared.classNames,
    train: { x: train.x, y: train.y, count: trainRows.length },
    test: { x: test.x, y: test.y, count: testRows.length },
    files: [table.file, ...(testTable ? [testTable.file] : [])],
    fitted: { label, features: encoding.features, classNames: prepared.classNames, scaling },
  };
}
