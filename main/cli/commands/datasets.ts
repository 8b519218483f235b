// dlab datasets — what can be trained on without a network connection; with a csv: source, what that
// table holds (its form, columns and their types, classes and rows) and whether it can be trained on;
// with an images: folder, its classes and their counts.

import { LabError, labError } from '../../../engine/errors';
import { CSV_HEADERS, readCsvSettings, type CsvSettings } from '../../../engine/data/csvSettings';
import { listDatasets, listImageSource } from '../../../engine/node/datasets';
import { formatShape } from '../../../engine/tensor';
import { summarizeCsv, type CsvSummary } from '../../data/csvSummary';
import { DELIMITER_NAMES } from '../../data/csvTable';
import { loadSource } from '../../data/sources';
import { readArgs } from '../args';
import type { Command } from '../command';
import type { CliIo } from '../io';
import { cliLanguage, sayRefusal } from '../language';

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'generated';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

const DELIMITER_OPTIONS: Record<string, CsvSettings['delimiter']> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t' };

/** The CSV settings given as options, checked as an experiment's data.csv is. */
function csvSettingsFrom(values: Record<string, string | boolean | undefined>): CsvSettings {
  const raw: Record<string, unknown> = {};
  if (typeof values.label === 'string') raw.label = values.label;
  if (typeof values.delimiter === 'string') {
    const delimiter = DELIMITER_OPTIONS[values.delimiter];
    if (!delimiter) throw labError('usage', 'cli.delimiter', { value: values.delimiter });
    raw.delimiter = delimiter;
  }
  if (typeof values.header === 'string') raw.header = values.header;
  if (typeof values['one-hot'] === 'string')
    raw.oneHot = values['one-hot']
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  if (values['drop-empty'] === true) raw.emptyCells = 'drop';
  try {
    return readCsvSettings(raw, 'the options');
  } catch (error) {
    if (error instanceof LabError) throw new LabError('usage', error.message.replace(/"the options\.(\w+)"/, '--$1'));
    throw error;
  }
}

function printTable(summary: CsvSummary, io: CliIo): void {
  const delimiter = `${DELIMITER_NAMES[summary.delimiter]}${summary.delimiterDetected ? ' (detected)' : ''}`;
  const header = { row: 'a header row', none: 'no header row', sklearn: "scikit-learn's own first line (samples, features, class names)" }[summary.header];
  io.stdout(
    `${summary.file}: ${summary.rows.toLocaleString('en-US')} rows, ${summary.columns.length} columns, ${formatBytes(summary.bytes)}, sha256 ${summary.sha256}\n`,
  );
  if (summary.testFile) io.stdout(`test rows from ${summary.testFile}\n`);
  io.stdout(`delimiter ${delimiter}; ${header}${summary.headerDetected ? ' (detected)' : ''}\n\n`);
  const rows = summary.columns.map((c) => [c.name, c.type, c.role, c.distinct === null ? '—' : String(c.distinct), String(c.emptyCells)]);
  const head = ['column', 'type', 'role', 'values', 'empty'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
  io.stdout(line(head));
  for (const r of rows) io.stdout(line(r));
  const chosen = { you: 'chosen', name: 'found by its name', last: 'the last column' }[summary.labelChosenBy];
  io.stdout(
    `\nlabel column "${summary.label}" (${chosen}): ${summary.classes.length} classes — ${summary.classes.map((c) => `${c.name} ${c.count}`).join(', ')}\n`,
  );
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list the datasets available offline, or what a CSV file or an image folder holds',
  usage: `Usage: dlab datasets [--json]
       dlab datasets images:FOLDER [--json]
       dlab datasets csv:FILE [--label COLUMN] [--delimiter comma|semicolon|tab] [--header ${CSV_HEADERS.join('|')}]
                              [--one-hot COLUMN,…] [--drop-empty] [--json]

Lists every data source this machine can train on offline: the bundled MNIST digits, the toy 2-D
sets, and Debian's Fashion-MNIST when it is installed. Any other folder of IDX files works too, as
idx:FOLDER, any folder of class folders of images as images:FOLDER, and any CSV table as csv:FILE
(or csv:TRAIN,TEST).

With images:FOLDER: that folder's classes and how many images each split holds (without decoding an
image).

With csv:FILE: the table's form (delimiter and header, detected unless given), each column's type
and role, the label column's classes with their counts, and the dataset it makes — or the sentence
that says which row and column keep it from being trained on (exit status 1).

Options:
  --label COLUMN      the label column (default: one named label, class, target, y or species, else the last)
  --delimiter D       comma, semicolon or tab (default: detected)
  --header H          row (the first line names the columns), none, or sklearn (default: detected)
  --one-hot COLUMNS   text columns to encode as one 0/1 feature per value
  --drop-empty        leave out rows with an empty cell instead of refusing them
  --json   print the list (or the table's or the folder's summary) as JSON
  --help   show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(
      argv,
      {
        json: { type: 'boolean' },
        label: { type: 'string' },
        delimiter: { type: 'string' },
        header: { type: 'string' },
        'one-hot': { type: 'string' },
        'drop-empty': { type: 'boolean' },
      },
      'datasets',
    );
    if (positionals.length > 1)
      throw labError('usage', 'cli.takesOne', { command: 'datasets', what: 'source', count: positionals.length, given: positionals.join(' ') });
    const source = positionals[0];
    const csvOptionGiven = ['label', 'delimiter', 'header', 'one-hot', 'drop-empty'].some((k) => values[k] !== undefined);
    if (source?.startsWith('images:')) {
      if (csvOptionGiven) throw labError('usage', 'cli.csvOptionsForImages', { source });
      return listImages(source, values.json === true, io);
    }
    if (source !== undefined) {
      if (!source.startsWith('csv:')) {
        throw labError('usage', 'cli.datasetsSource', { source });
      }
      const csv = csvSettingsFrom(values);
      const summary = await summarizeCsv(source, csv, process.cwd());
      let dataset: { description: string; train: number; test: number; inputShape: number[]; classes: number } | null = null;
      let problem: string | null = null;
      let problemSaid = '';
      try {
        const d = await loadSource({ source, csv }, { baseDir: process.cwd() });
        dataset = { description: d.description, train: d.train.count, test: d.test.count, inputShape: [...d.inputShape], classes: d.classes };
      } catch (error) {
        if (!(error instanceof LabError)) throw error;
        // said as dlab says any refusal: in Korean under a Korean locale (the JSON keeps the English sentence)
        problem = error.message;
        problemSaid = sayRefusal(cliLanguage(io.env ?? process.env), error.message, error.said);
      }
      if (values.json) {
        io.stdout(JSON.stringify({ ...summary, dataset, problem }) + '\n');
      } else {
        printTable(summary, io);
        if (dataset)
          io.stdout(`\n${dataset.description}\ninput ${formatShape(dataset.inputShape)}, ${dataset.train} training rows, ${dataset.test} test rows\n`);
      }
      if (problem) {
        io.stderr(`${problemSaid}\n`);
        return 1;
      }
      return 0;
    }
    if (csvOptionGiven) {
      throw labError('usage', 'cli.csvOptionsNeedSource', {});
    }
    const list = await listDatasets();
    if (values.json) {
      io.stdout(JSON.stringify(list) + '\n');
      return 0;
    }
    const rows = list.map((d) => [
      d.source,
      d.train.toLocaleString('en-US'),
      d.test.toLocaleString('en-US'),
      formatShape(d.inputShape),
      String(d.classes),
      formatBytes(d.bytes),
    ]);
    const header = ['source', 'train', 'test', 'sample', 'classes', 'size'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
    io.stdout(line(header));
    for (const r of rows) io.stdout(line(r));
    io.stdout('\n' + list.map((d) => `${d.source}: ${d.description}`).join('\n') + '\n');
    return 0;
  },
};

/** `dlab datasets images:FOLDER`: one row per class, with its training and test images. */
async function listImages(source: string, json: boolean, io: CliIo): Promise<number> {
  const listing = await listImageSource(source);
  if (json) {
    io.stdout(JSON.stringify(listing) + '\n');
    return 0;
  }
  const rows = listing.classes.map((c) => [c.name, c.train.toLocaleString('en-US'), c.test.toLocaleString('en-US')]);
  const header = ['class', 'train', 'test'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
  io.stdout(line(header));
  for (const r of rows) io.stdout(line(r));
  const total = (key: 'train' | 'test') => listing.classes.reduce((sum, c) => sum + c[key], 0).toLocaleString('en-US');
  const split = listing.split === 'folders' ? 'train/ and test/ folders' : 'a seeded fifth of each class held out for test';
  io.stdout(`\n${listing.dir}: ${listing.classes.length} classes, ${total('train')} training and ${total('test')} test images (${split}).\n`);
  return 0;
}
