// CSV tables as a data source, through the doors a learner uses: the file's form detected and said
// (BOM, CRLF, semicolons, a quoted header with the delimiter inside), classes with their names, the
// stratified seeded split, scaling from the training rows only, a weights file that reads new rows the
// way its network was trained, the run's record of its files, and Compare saying when two runs read
// different data. fruit.csv beside this file is of our own making (90 rows, 3 kinds of fruit).

import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import { LabError } from '../../../engine/errors';
import type { RunEvent } from '../../../main/api/contract';
import { createLabService, type LabService } from '../../../main/api/service';
import { loadSource } from '../../../main/data/sources';

const FRUIT = new URL('./fruit.csv', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fruit table's cells as the file holds them, read without the lab's parser. */
function fruitRows(): { weight: number; diameter: number; colour: string; kind: string }[] {
  const text = readFileSync(FRUIT, 'utf8').replace(/^\uFEFF/, '');
  return text
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => {
      const [weight, diameter, colour, kind] = line.split(';');
      return { weight: Number(weight), diameter: Number(diameter), colour: colour!.replace(/"/g, ''), kind: kind! };
    });
}

const fruit = { source: `csv:${FRUIT}`, csv: { oneHot: ['colour'] } };

describe('reading a CSV table', () => {
  it('detects the form, keeps the class names, and says what it chose', async () => {
    const dataset = await loadSource(fruit);
    expect(dataset.classNames).toEqual(['apple', 'lemon', 'plum']);
    expect(dataset.inputShape).toEqual([6]);
    // The BOM is not part of the first column's name; the quoted "diameter; cm" is one column.
    expect(dataset.fitted?.features).toEqual(['weight (g)', 'diameter; cm', 'colour=green', 'colour=purple', 'colour=red', 'colour=yellow']);
    expect(dataset.description).toBe(
      'fruit.csv: 90 rows, 6 features, 3 classes (apple 30, lemon 30, plum 30); label column "kind" (the last column); ' +
        'semicolon-separated (detected); standardized with statistics of the 72 training rows only; 18 test rows held out (0.2 of each class, seed 1).',
    );
    expect(dataset.files).toEqual([{ path: FRUIT, bytes: readFileSync(FRUIT).length, sha256: createHash('sha256').update(readFileSync(FRUIT)).digest('hex') }]);
  });

  it('holds out a seeded, stratified fraction: the same seed the same rows, each class in proportion', async () => {
    const a = await loadSource({ ...fruit, csv: { ...fruit.csv, testFraction: 0.3 } });
    const b = await loadSource({ ...fruit, csv: { ...fruit.csv, testFraction: 0.3 } });
    const c = await loadSource({ ...fruit, csv: { ...fruit.csv, testFraction: 0.3, splitSeed: 2 } });
    expect(Array.from(a.test.y).filter((y) => y === 0).length).toBe(9);
    expect(Array.from(a.test.y).filter((y) => y === 1).length).toBe(9);
    expect(Array.from(a.test.y).filter((y) => y === 2).length).toBe(9);
    expect(a.train.count).toBe(63);
    expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x));
    expect(Array.from(a.test.x)).not.toEqual(Array.from(c.test.x));
  });

  it('scales with statistics of the training rows only, and leaves one-hot features 0 or 1', async () => {
    const raw = await loadSource({ ...fruit, csv: { ...fruit.csv, scaling: 'none' } });
    const scaled = await loadSource(fruit);
    const minMax = await loadSource({ ...fruit, csv: { ...fruit.csv, scaling: 'min-max' } });
    const weights = Array.from({ length: raw.train.count }, (_, i) => raw.train.x[i * 6]!);
    const mean = weights.reduce((s, v) => s + v, 0) / weights.length;
    const std = Math.sqrt(weights.reduce((s, v) => s + (v - mean) ** 2, 0) / weights.length);
    expect(scaled.fitted?.scaling.offset[0]).toBeCloseTo(mean, 10);
    expect(scaled.fitted?.scaling.scale[0]).toBeCloseTo(std, 10);
    // A test row is scaled with the training statistics, not its own split's.
    expect(scaled.test.x[0]).toBeCloseTo((raw.test.x[0]! - mean) / std, 5);
    expect(scaled.fitted?.scaling.offset.slice(2)).toEqual([0, 0, 0, 0]);
    expect(scaled.fitted?.scaling.scale.slice(2)).toEqual([1, 1, 1, 1]);
    const trainMinMax = Array.from({ length: minMax.train.count }, (_, i) => minMax.train.x[i * 6]!);
    expect(Math.min(...trainMinMax)).toBe(0);
    expect(Math.max(...trainMinMax)).toBe(1);
    // The raw values are the file's: the first training row is one of its rows.
    expect(fruitRows().some((r) => Math.fround(r.weight) === raw.train.x[0] && Math.fround(r.diameter) === raw.train.x[1])).toBe(true);
  });

  it('takes the test rows from a second file, and the delimiter chosen over the one detected', async () => {
    const rows = fruitRows();
    const line = (r: (typeof rows)[number]) => [r.weight, r.diameter, r.colour, r.kind].join('\t');
    writeFileSync(join(dir, 'train.tsv'), ['weight\tdiameter\tcolour\tkind', ...rows.slice(0, 60).map(line)].join('\n'));
    writeFileSync(join(dir, 'test.tsv'), ['weight\tdiameter\tcolour\tkind', ...rows.slice(60).map(line)].join('\n'));
    const dataset = await loadSource({ source: 'csv:train.tsv,test.tsv', csv: { oneHot: ['colour'] } }, { baseDir: dir });
    expect([dataset.train.count, dataset.test.count]).toEqual([60, 30]);
    expect(dataset.description).toContain('tab-separated (detected)');
    expect(dataset.description).toContain('test rows from test.tsv');
    // Told to cut at commas, the tab file is one column: the label alone.
    const told = await loadSource({ source: 'csv:train.tsv', csv: { delimiter: ',' } }, { baseDir: dir }).catch((e: unknown) => e);
    expect((told as LabError).message).toBe(
      'train.tsv has only the label column "weight\tdiameter\tcolour\tkind": a network needs at least one feature column.',
    );
  });

  it('an experiment validates data.csv and refuses it under another kind of source', () => {
    const experiment = (data: unknown) => ({
      format: 'dlab-experiment',
      version: 1,
      model: { input: [4], layers: [{ type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
      data,
      training: { optimizer: { type: 'sgd', lr: 0.1 } },
    });
    expect(validateExperiment(experiment({ source: 'csv:a.csv', csv: { label: 'kind', scaling: 'min-max' } })).experiment.data.csv).toEqual({
      label: 'kind',
      scaling: 'min-max',
    });
    expect(() => validateExperiment(experiment({ source: 'mnist', csv: { label: 'kind' } }))).toThrow(
      '"data.csv" applies only to csv: sources, not to "mnist".',
    );
    expect(() => validateExperiment(experiment({ source: 'csv:a.csv', csv: { lable: 'kind' } }))).toThrow('unknown field "lable" in "data.csv"');
    expect(() => validateExperiment(experiment({ source: 'csv:a.csv', csv: { scaling: 'z-score' } }))).toThrow(
      '"data.csv.scaling" must be one of "none", "standardize", "min-max", not "z-score".',
    );
    expect(() => validateExperiment(experiment({ source: 'csv:a.csv', csv: { fitted: {} } }))).toThrow('unknown field "fitted"');
    expect(() => validateExperiment(experiment({ source: 'csv://server/share/a.csv' }))).toThrow('The CSV file');
  });
});

describe('training on a CSV table, through the run manager', () => {
  let service: LabService;
  beforeAll(async () => {
    service = await createLabService({ dbPath: join(dir, 'lab.db'), workers: 1, baseDir: dir });
  });
  afterAll(async () => service.close());

  const experiment = (source: string) => ({
    format: 'dlab-experiment',
    version: 1,
    name: 'fruit',
    model: {
      input: [6],
      layers: [{ type: 'affine', units: 8, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }],
    },
    data: { source, csv: { oneHot: ['colour'] } },
    training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 20, seed: 3 },
  });

  async function train(source: string): Promise<number> {
    const ended = new Promise<RunEvent>((resolve) => {
      const stop = service.onRunEvent((event) => {
        if (event.type === 'status' && ['done', 'failed', 'cancelled'].includes(event.status)) {
          stop();
          resolve(event);
        }
      });
    });
    const { runId } = await service.api.startRun(experiment(source), { workers: 1 });
    const event = await ended;
    expect(event).toMatchObject({ runId, status: 'done' });
    return runId;
  }

  it('records the files it read, says in Compare when two runs read different data, and its weights read new rows as it was trained', async () => {
    copyFileSync(FRUIT, join(dir, 'fruit.csv'));
    const first = await train('csv:fruit.csv');
    const second = await train('csv:fruit.csv');
    // The same file, one cell changed: the same path and size, another content.
    const text = readFileSync(FRUIT, 'utf8');
    writeFileSync(join(dir, 'fruit.csv'), text.replace(/\r\n(\d)/, '\r\n9'));
    const third = await train('csv:fruit.csv');

    const detail = await service.api.getRun(first);
    expect(detail.dataRecord).toEqual({
      files: [{ path: join(dir, 'fruit.csv'), bytes: readFileSync(FRUIT).length, sha256: createHash('sha256').update(readFileSync(FRUIT)).digest('hex') }],
      classes: 3,
      classNames: ['apple', 'lemon', 'plum'],
    });
    expect((await service.api.compareRuns([first, second])).differences.map((d) => d.path)).not.toContain('data files');
    const different = (await service.api.compareRuns([first, third])).differences.find((d) => d.path === 'data files');
    expect(different?.values[first]).toMatch(/^fruit\.csv \d+\.\d KB sha256 [0-9a-f]{8}$/);
    expect(different?.values[first]).not.toBe(different?.values[third]);

    // The table a run trained on, unchanged, is measured on the run's own test split; the same path
    // edited since is new rows to the first run's weights: every row measured, read as that run read.
    const settings = { source: 'csv:fruit.csv', csv: { oneHot: ['colour'] } };
    expect((await service.api.evaluateWeights(await service.api.exportWeights(third), settings)).count).toBe(18);
    expect((await service.api.evaluateWeights(await service.api.exportWeights(first), settings)).count).toBe(90);

    // The record travels with the run to another lab (a run file of version 3, the first to hold it).
    const exported = await service.api.exportRun(first);
    expect(JSON.parse(exported).version).toBe(3);
    const other = await createLabService({ dbPath: join(dir, 'other.db'), workers: 1, baseDir: dir });
    try {
      const forged = JSON.parse(exported);
      forged.runs[0].dataRecord.files[0].sha256 = 'not a hash';
      await expect(other.api.importRuns(JSON.stringify(forged))).rejects.toThrow(/runs\[0\]\.dataRecord\.files\[0\]\.sha256/);
      expect(await other.api.importRuns(exported)).toEqual({ imported: 1, duplicates: 0 });
      const [imported] = (await other.api.listRuns({})).runs;
      expect((await other.api.getRun(imported!.id)).dataRecord).toEqual(detail.dataRecord);
    } finally {
      await other.close();
    }

    // The weights carry the class names and the CSV reading.
    const weights = await service.api.exportWeights(first);
    const meta = (JSON.parse(weights) as { meta: Record<string, unknown> }).meta;
    expect(meta.classNames).toEqual(['apple', 'lemon', 'plum']);
    expect(meta.csv).toMatchObject({ label: 'kind', classNames: ['apple', 'lemon', 'plum'] });

    // New rows: other column order, commas, no plums, one colour the training rows never had. Read as
    // the network was trained — its scaling, its classes — every row is measured, with the class names.
    const rows = fruitRows()
      .filter((r) => r.kind !== 'plum')
      .slice(0, 20);
    const fresh = ['kind,colour,diameter; cm,weight (g)', ...rows.map((r, i) => `${r.kind},${i === 0 ? 'orange' : r.colour},"${r.diameter}",${r.weight}`)];
    writeFileSync(join(dir, 'fresh.csv'), fresh.join('\n'));
    const evaluated = await service.api.evaluateWeights(weights, 'csv:fresh.csv', { fileName: 'fruit.weights.json' });
    expect(evaluated.count).toBe(20);
    expect(evaluated.classNames).toEqual(['apple', 'lemon', 'plum']);
    expect(evaluated.confusion.length).toBe(3);
    expect(evaluated.confusion[2]).toEqual([0, 0, 0]);

    // The same rows scaled with the weights file's statistics, checked by hand.
    const fitted = (meta.csv as { scaling: { offset: number[]; scale: number[] } }).scaling;
    const read = await loadSource({ source: 'csv:fresh.csv', csv: { fitted: meta.csv as never } }, { baseDir: dir });
    expect(read.test.x[0]).toBeCloseTo((rows[0]!.weight - fitted.offset[0]!) / fitted.scale[0]!, 4);
    expect(Array.from(read.test.x.subarray(2, 6))).toEqual([0, 0, 0, 0]); // "orange" was never seen: no colour
    await expect(service.api.evaluateWeights(weights, 'csv:fresh.csv', { split: 'train', fileName: 'fruit.weights.json' })).rejects.toThrow(
      'csv:fresh.csv is read as fruit.weights.json was trained, and then every row is a test row: measure the test split.',
    );
  });

  it('the preview shows the table even when it cannot be trained on as set, with the sentence why', async () => {
    const preview = await service.api.previewDataset({ source: `csv:${FRUIT}` }, 12);
    expect(preview.problem).toBe(
      'fruit.csv row 2, column "colour": "red" is not a number; a feature column must hold numbers (or choose one-hot for a text column).',
    );
    expect(preview.table?.columns.map((c) => `${c.name}:${c.type}:${c.role}`)).toEqual([
      'weight (g):number:feature',
      'diameter; cm:number:feature',
      'colour:text:feature',
      'kind:text:label',
    ]);
    expect(preview.table?.classes).toEqual([
      { name: 'apple', count: 30 },
      { name: 'lemon', count: 30 },
      { name: 'plum', count: 30 },
    ]);
    const fixed = await service.api.previewDataset(fruit, 12);
    expect(fixed.problem).toBeUndefined();
    expect(fixed.classNames).toEqual(['apple', 'lemon', 'plum']);
    expect(fixed.samples.length).toBe(12);
  });
});
