// The table of bad CSV files: each is written to disk as a learner would have it, loaded as a csv: source,
// and must get exactly its sentence — naming the file, the row (a spreadsheet's numbering: the first
// line is row 1) and the column. Beside each refusal, the explicit choice that lets the same file through
// (drop rows with empty cells, one-hot a text column, another header form), where there is one.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvSettings } from '../../../engine/data/csvSettings';
import { LabError } from '../../../engine/errors';
import { MAX_CSV_COLUMNS } from '../../../main/data/csvTable';
import { loadSource } from '../../../main/data/sources';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-bad-csv-'));
  mkdirSync(join(dir, 'a-folder.csv'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wide = ['label', ...Array.from({ length: MAX_CSV_COLUMNS }, (_, i) => `f${i}`)];
const manyClasses = ['x,label', ...Array.from({ length: 300 }, (_, i) => `${i},c${i}`)].join('\n');

interface Case {
  file: string;
  text: string | Buffer;
  settings?: CsvSettings;
  /** A second file, for csv:TRAIN,TEST. */
  test?: { file: string; text: string };
  sentence: string;
}

const cases: Case[] = [
  {
    file: 'text-feature.csv',
    text: 'size,colour,label\n1,2,a\n3,red,b\n',
    sentence: 'text-feature.csv row 3, column "colour": "red" is not a number; a feature column must hold numbers (or choose one-hot for a text column).',
  },
  {
    file: 'empty-cell.csv',
    text: 'a,b,label\n1,2,x\n3,,y\n',
    sentence: 'empty-cell.csv row 3, column "b" is empty: fill it in, or choose to drop rows with empty cells.',
  },
  {
    file: 'ragged.csv',
    text: 'a,b,label\r\n1,2,x\r\n3,4,5,y\r\n',
    sentence: 'ragged.csv row 3 has 4 cells, but the header row names 3 columns: every row needs one cell per column.',
  },
  {
    file: 'one-class.csv',
    text: 'a;b;species\n1;2;setosa\n3;4;setosa\n',
    sentence:
      'one-class.csv: the label column "species" holds one class only ("setosa") in its 2 rows; a classifier needs at least two (is another column the label?).',
  },
  {
    file: 'too-wide.csv',
    text: `${wide.join(',')}\n${wide.map((_, i) => (i === 0 ? 'a' : '1')).join(',')}\n`,
    sentence: `too-wide.csv has ${MAX_CSV_COLUMNS + 1} columns: the lab's form shows at most ${MAX_CSV_COLUMNS}. Keep the columns the network should learn from in a smaller file.`,
  },
  {
    file: 'open-quote.csv',
    text: 'a,b,label\n1,2,x\n3,"4,y\n5,6,z\n',
    sentence: 'open-quote.csv row 3: a quoted field is not closed (Quoted field unterminated); every opening " needs its closing ".',
  },
  { file: 'empty.csv', text: '\n\n', sentence: 'empty.csv is empty: a CSV file needs a header row and at least one row of data.' },
  { file: 'header-only.csv', text: 'a,b,label\n', sentence: 'header-only.csv has a header row but no rows of data.' },
  {
    file: 'twice.csv',
    text: 'a,a,label\n1,2,x\n',
    sentence: 'twice.csv row 1: the header row names the column "a" twice; each column needs its own name.',
  },
  {
    file: 'unnamed.csv',
    text: 'a,,label\n1,2,x\n',
    sentence: 'unnamed.csv row 1: column 2 of the header row has no name; name every column (or choose "no header row").',
  },
  {
    file: 'no-such-label.csv',
    text: 'a,b,label\n1,2,x\n3,4,y\n',
    settings: { label: 'kind' },
    sentence: 'no-such-label.csv has no column named "kind" to use as the label: its columns are "a", "b", "label".',
  },
  {
    file: 'only-label.csv',
    text: 'label\nx\ny\n',
    sentence: 'only-label.csv has only the label column "label": a network needs at least one feature column.',
  },
  {
    file: 'one-hot-label.csv',
    text: 'a,label\n1,x\n2,y\n',
    settings: { oneHot: ['label'] },
    sentence: 'one-hot-label.csv: "label" is the label column; only a feature column can be one-hot encoded.',
  },
  {
    file: 'many-classes.csv',
    text: manyClasses,
    sentence:
      'many-classes.csv: the label column "label" holds 300 different values; the lab tells at most 256 classes apart (is it a measurement rather than a class?).',
  },
  {
    file: 'not-sklearn.csv',
    text: '3,2,cat,dog\n1,2,0\n3,4,1\n',
    settings: { header: 'sklearn' },
    sentence:
      "not-sklearn.csv is not in scikit-learn's form: its first line announces 3 samples but 2 rows follow. Choose another header form (a header row, or none).",
  },
  {
    file: 'sklearn-regression.csv',
    text: '3,2,,\n"A","B","PRICE"\n1,2,24.0\n3,4,21.6\n5,6,34.7\n',
    sentence:
      "sklearn-regression.csv row 1 is scikit-learn's first line of a set without classes (3 samples, 2 features, no class names): its target is a measurement, and the lab learns classes.",
  },
  {
    file: 'binary.csv',
    text: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]),
    sentence: 'binary.csv is not a text file (it holds zero bytes): a CSV file is text.',
  },
  {
    file: 'train.csv',
    text: 'a,b,label\n1,2,x\n3,4,y\n',
    test: { file: 'test-missing.csv', text: 'a,label\n1,x\n' },
    sentence: 'The test file test-missing.csv has no column "b", which the training file train.csv has.',
  },
  {
    file: 'train2.csv',
    text: 'a,b,label\n1,2,x\n3,4,y\n',
    test: { file: 'test-new-class.csv', text: 'a,b,label\n1,2,x\n5,6,z\n' },
    sentence: 'test-new-class.csv row 3, column "label": the class "z" is not one of "x", "y", which the network was trained on.',
  },
  {
    file: 'tiny.csv',
    text: 'a,label\n1,x\n2,y\n',
    sentence: 'tiny.csv: a test fraction of 0.2 holds out no row of its 2; choose a larger fraction or give a test file.',
  },
];

async function refusal(source: string, settings: CsvSettings = {}): Promise<LabError> {
  try {
    await loadSource({ source, csv: settings }, { baseDir: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error(`${source} was loaded; it should have been refused`);
}

describe('bad CSV files, each refused with its row and column', () => {
  it.each(cases)('$file', async ({ file, text, settings, test, sentence }) => {
    writeFileSync(join(dir, file), text);
    if (test) writeFileSync(join(dir, test.file), test.text);
    const source = test ? `csv:${file},${test.file}` : `csv:${file}`;
    const error = await refusal(source, settings);
    expect(error.kind).toBe('data');
    expect(error.message).toBe(sentence);
  });

  it('a missing file and a folder are named as such', async () => {
    expect((await refusal('csv:nowhere.csv')).message).toBe(`The CSV file ${join(dir, 'nowhere.csv')} cannot be read: there is no such file.`);
    expect((await refusal('csv:a-folder.csv')).message).toBe(`${join(dir, 'a-folder.csv')} is a folder, not a CSV file.`);
    expect((await refusal('csv:')).message).toBe('The data source "csv:" names no file: write "csv:" followed by a file path (or two, "csv:TRAIN,TEST").');
  });

  it('a file not named as a table is not read: a preview would show its first lines', async () => {
    writeFileSync(join(dir, 'id_rsa'), 'secret,key\n1,2\n');
    expect((await refusal('csv:id_rsa')).message).toBe('id_rsa is not named as a table: the lab reads CSV files ending in .csv, .tsv or .txt.');
    expect((await refusal('csv:/etc/passwd')).message).toBe('passwd is not named as a table: the lab reads CSV files ending in .csv, .tsv or .txt.');
  });

  it('a network share is refused before anything is opened', async () => {
    expect((await refusal('csv:\\\\server\\share\\iris.csv')).message).toContain('The CSV file');
  });
});

describe('the explicit choices that let such a file through', () => {
  it('drop rows with empty cells: the row is left out and the description says how many', async () => {
    writeFileSync(join(dir, 'holes.csv'), 'a,b,label\n1,2,x\n3,,y\n5,6,y\n7,8,x\n9,10,y\n11,12,x\n13,14,y\n15,16,x\n17,18,y\n19,20,x\n');
    expect((await refusal('csv:holes.csv')).message).toBe('holes.csv row 3, column "b" is empty: fill it in, or choose to drop rows with empty cells.');
    const dataset = await loadSource({ source: 'csv:holes.csv', csv: { emptyCells: 'drop' } }, { baseDir: dir });
    expect(dataset.train.count + dataset.test.count).toBe(9);
    expect(dataset.description).toContain('1 rows with empty cells dropped');
  });

  it('one-hot a text column: one 0/1 feature per value seen in the training rows', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${['red', 'green'][i % 2]},${i < 10 ? 'a' : 'b'}`);
    writeFileSync(join(dir, 'colours.csv'), ['size,colour,label', ...rows].join('\n'));
    expect((await refusal('csv:colours.csv')).message).toMatch(/^colours\.csv row \d+, column "colour": "(red|green)" is not a number/);
    const dataset = await loadSource({ source: 'csv:colours.csv', csv: { oneHot: ['colour'], scaling: 'none' } }, { baseDir: dir });
    expect(dataset.inputShape).toEqual([3]);
    expect(dataset.fitted?.features).toEqual(['size', 'colour=green', 'colour=red']);
    const first = Array.from(dataset.train.x.subarray(0, 3));
    expect(first[1]! + first[2]!).toBe(1);
  });

  it('a file without a header row: detected when its first line is all numbers, and said so', async () => {
    writeFileSync(join(dir, 'bare.csv'), Array.from({ length: 10 }, (_, i) => `${i},${i * 2},${i % 2}`).join('\n'));
    const dataset = await loadSource({ source: 'csv:bare.csv' }, { baseDir: dir });
    expect(dataset.train.count + dataset.test.count).toBe(10);
    expect(dataset.description).toContain('no header row (the first line holds only numbers)');
    expect(dataset.description).toContain('label column "column 3" (the last column)');
  });
});
