// A run on a folder of images, then carried to "another machine": a run file imported into a second
// database after the folder has gone. The run keeps its class names and metrics, says where its data
// was, and refuses a new measurement with a sentence instead of a loader's "does not exist"; Compare
// still works. Before that, evaluating its weights reads the folder at the size and channels the
// network was trained at, not at the size most of the folder's images have, and an explicit other
// size is refused naming both shapes. Real SQLite files, real PNG files, real worker threads.

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import type { RunEvent } from '../../../main/api/contract';
import { createLabService, type LabService } from '../../../main/api/service';
import { runCli } from '../../../main/cli/dlab';
import { idxBytes, SET_FILE_NAMES } from '../../engine/data/idxFixtures';
import { io } from '../cliIo';

let root: string;
let images: string;
let digits: string;
const cacheBefore = process.env.DLAB_CACHE_DIR;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dlab-elsewhere-'));
  process.env.DLAB_CACHE_DIR = join(root, 'cache');
  // Bright and dark 6×6 squares, ten of each, each a little different: a network at 4×4 tells them apart.
  images = join(root, 'squares');
  for (const [name, base] of [
    ['bright', 190],
    ['dark', 30],
  ] as const) {
    mkdirSync(join(images, name), { recursive: true });
    for (let i = 0; i < 10; i++) {
      const pixels = Buffer.from(Array.from({ length: 36 }, (_, k) => base + ((k * 7 + i * 3) % 40)));
      const png = await sharp(pixels, { raw: { width: 6, height: 6, channels: 1 } })
        .toColourspace('b-w')
        .png()
        .toBuffer();
      writeFileSync(join(images, name, `${name}-${i}.png`), png);
    }
  }
  // An IDX folder with its classes named in classes.txt.
  digits = join(root, 'shapes-idx');
  mkdirSync(digits);
  const pixels = (n: number) => Array.from({ length: n * 4 }, (_, i) => (Math.floor(i / 4) % 2 ? 220 : 20) + (i % 4));
  const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 2);
  writeFileSync(join(digits, SET_FILE_NAMES.trainImages), idxBytes([40, 2, 2], pixels(40)));
  writeFileSync(join(digits, SET_FILE_NAMES.trainLabels), idxBytes([40], labels(40)));
  writeFileSync(join(digits, SET_FILE_NAMES.testImages), idxBytes([10, 2, 2], pixels(10)));
  writeFileSync(join(digits, SET_FILE_NAMES.testLabels), idxBytes([10], labels(10)));
  writeFileSync(join(digits, 'classes.txt'), 'round\nsquare\n');
});
afterAll(() => {
  if (cacheBefore === undefined) delete process.env.DLAB_CACHE_DIR;
  else process.env.DLAB_CACHE_DIR = cacheBefore;
  rmSync(root, { recursive: true, force: true });
});

const experiment = (data: Record<string, unknown>, input: number[], seed: number) => ({
  format: 'dlab-experiment',
  version: 1,
  name: `seed ${seed}`,
  model: { input, layers: [{ type: 'flatten' }, { type: 'affine', units: 2, init: 'xavier' }, { type: 'softmax-with-loss' }] },
  data,
  training: { optimizer: { type: 'adam', lr: 0.1 }, batchSize: 4, epochs: 4, seed },
});

async function train(service: LabService, raw: unknown): Promise<number> {
  const ended = new Map<number, () => void>();
  const unsubscribe = service.onRunEvent((e: RunEvent) => {
    if (e.type === 'status' && ['done', 'failed', 'cancelled'].includes(e.status)) ended.get(e.runId)?.();
  });
  const { runId } = await service.api.startRun(raw, { workers: 1 });
  await new Promise<void>((resolve) => {
    ended.set(runId, resolve);
    void service.api.getRun(runId).then((r) => ['done', 'failed', 'cancelled'].includes(r.status) && resolve());
  });
  unsubscribe();
  const run = await service.api.getRun(runId);
  expect(run.failure).toBeNull();
  return runId;
}

async function refusal(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('a run whose data stays behind', () => {
  it('keeps its class names and metrics on another machine, says its data is missing there, and still compares', async () => {
    const here = await createLabService({ dbPath: join(root, 'here.db'), workers: 1 });
    let exported: string;
    let weights: string;
    let idxWeights: string;
    let recorded: Awaited<ReturnType<LabService['api']['getRun']>>;
    try {
      const data = { source: `images:${images}`, width: 4, height: 4 };
      const first = await train(here, experiment(data, [1, 4, 4], 1));
      const second = await train(here, experiment(data, [1, 4, 4], 2));
      const idxRun = await train(here, experiment({ source: `idx:${digits}` }, [1, 2, 2], 1));
      recorded = await here.api.getRun(first);
      expect(recorded.dataMissing).toBeUndefined();
      expect(recorded.dataRecord).toEqual({
        files: [],
        folder: { path: images, images: 20, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        classes: 2,
        classNames: ['bright', 'dark'],
      });
      // An IDX folder's class names are kept with its run too.
      expect((await here.api.getRun(idxRun)).dataRecord).toEqual({ files: [], classes: 2, classNames: ['round', 'square'] });
      weights = await here.api.exportWeights(first);
      idxWeights = await here.api.exportWeights(idxRun);

      // Measured again without width and height, the folder is read at 4×4 as the network was trained
      // (its own images are 6×6): the run's own test split, the run's own accuracy.
      const measured = await here.api.evaluateWeights(weights, `images:${images}`, { fileName: 'run-1.weights.json' });
      expect(measured.inputShape).toEqual([1, 4, 4]);
      expect(measured.accuracy).toBe(recorded.testAcc);
      expect(measured.classNames).toEqual(['bright', 'dark']);
      const asked = await refusal(here.api.evaluateWeights(weights, { source: `images:${images}`, width: 6, height: 6 }, { fileName: 'run-1.weights.json' }));
      expect(asked.message).toBe(
        `run-1.weights.json was trained on images of 1×4×4 (channels×height×width), but the data asks for 1×6×6: leave out channels, width and height to read images:${images} as it was trained.`,
      );
      const run = (id: number) => here.api.exportRun(id).then((text) => JSON.parse(text) as { version: number; runs: unknown[] });
      const files = await Promise.all([first, second, idxRun].map(run));
      expect(files.map((f) => f.version)).toEqual([4, 4, 4]);
      exported = JSON.stringify({ format: 'dlab-run', version: 4, runs: files.flatMap((f) => f.runs) });
    } finally {
      await here.close();
    }

    // Data that names no classes (its classes.txt gone since) is shown with the names the weights carry
    // (a fresh service: the first keeps the folder it read in memory).
    rmSync(join(digits, 'classes.txt'));
    const fresh = await createLabService({ dbPath: ':memory:', workers: 1 });
    try {
      expect((await fresh.api.evaluateWeights(idxWeights, `idx:${digits}`)).classNames).toEqual(['round', 'square']);
    } finally {
      await fresh.close();
    }

    // "Another machine": the folders are gone, the run file arrives.
    renameSync(images, `${images}-moved`);
    renameSync(digits, `${digits}-moved`);
    const otherDb = join(root, 'other.db');
    const there = await createLabService({ dbPath: otherDb, workers: 1 });
    let ids: number[];
    try {
      expect(await there.api.importRuns(exported)).toEqual({ imported: 3, duplicates: 0 });
      ids = (await there.api.listRuns({ sort: 'startedAt', order: 'asc' })).runs.map((r) => r.id);
      const imported = await there.api.getRun(ids[0]!);
      expect(imported.dataMissing).toBe(images);
      expect(imported.dataRecord).toEqual(recorded.dataRecord);
      expect(imported.epochs.map(({ seconds: _, ...m }) => m)).toEqual(recorded.epochs.map(({ seconds: _, ...m }) => m));
      expect(imported.testAcc).toBe(recorded.testAcc);
      // Its weights file, exported here, names the classes too.
      expect((JSON.parse(await there.api.exportWeights(ids[0]!)) as { meta: { classNames?: string[] } }).meta.classNames).toEqual(['bright', 'dark']);
      const missing = await refusal(there.api.evaluateWeights(weights, imported.experiment.data, { fileName: 'run-1.weights.json' }));
      expect(missing.message).toBe(
        `The data run-1.weights.json was trained on, ${images}, is not on this machine: the run keeps its recorded metrics, but measuring the weights again needs that data (copy it to ${images}, or choose other data).`,
      );
      expect(missing.said?.code).toBe('data.trainedDataMissing');
      const compared = await there.api.compareRuns(ids);
      expect(compared.runs.map((r) => r.testAcc)).toEqual(await Promise.all(ids.map(async (id) => (await there.api.getRun(id)).testAcc)));
      // The two image runs read the same folder: no data difference between them.
      expect((await there.api.compareRuns(ids.slice(0, 2))).differences.map((d) => d.path)).not.toContain('data files');
    } finally {
      await there.close();
    }

    // dlab runs show says the same, with the classes by name.
    const shown = io();
    expect(await runCli(['runs', 'show', String(ids[0]), '--db', otherDb], shown)).toBe(0);
    expect(shown.out).toContain('classes: 0 bright, 1 dark\n');
    expect(shown.out).toContain(`data: ${images} is not on this machine; the metrics below are as the run recorded them\n`);
    const idxShown = io();
    expect(await runCli(['runs', 'show', String(ids[2]), '--db', otherDb], idxShown)).toBe(0);
    expect(idxShown.out).toContain('classes: 0 round, 1 square\n');
    expect(idxShown.out).toContain(`data: ${digits} is not on this machine`);
  }, 120_000);
});
