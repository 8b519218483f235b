// A run with `data.validation` never reads the test split: trained through the run manager (one and two
// workers) and through `dlab train`, a folder whose test split is poisoned — every pixel 255, every
// label 0 — gives exactly the figures of the same folder with its real test split. Held to that, the
// run's stored testAcc is the accuracy of its final weights on the held-out samples, measured again here
// on a folder whose test split is those samples; and the same poison does change a run without validation.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataSplit } from '../../engine/data/dataset';
import { loadDataSource } from '../../engine/node/datasets';
import type { EpochMetric, RunEvent } from '../../main/api/contract';
import { createLabService, type LabService } from '../../main/api/service';
import { runCli } from '../../main/cli/dlab';
import { idxBytes, SET_FILE_NAMES } from '../engine/data/idxFixtures';
import { io } from './cliIo';

const TRAIN = 600;
const TEST = 200;
const VALIDATION = 100;
let root: string;

/** Writes an MNIST-like folder from the first `TRAIN` training digits and a given test split. */
function writeFolder(name: string, train: DataSplit, test: { x: Uint8Array; y: Uint8Array; count: number }): void {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, SET_FILE_NAMES.trainImages), idxBytes([train.count, 28, 28], train.x));
  writeFileSync(join(dir, SET_FILE_NAMES.trainLabels), idxBytes([train.count], train.y));
  writeFileSync(join(dir, SET_FILE_NAMES.testImages), idxBytes([test.count, 28, 28], test.x));
  writeFileSync(join(dir, SET_FILE_NAMES.testLabels), idxBytes([test.count], test.y));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dlab-validation-'));
  const mnist = await loadDataSource({ source: 'mnist' });
  const d = 28 * 28;
  const train = { x: mnist.train.x.subarray(0, TRAIN * d) as Uint8Array, y: mnist.train.y.subarray(0, TRAIN), count: TRAIN };
  const realTest = { x: mnist.test.x.subarray(0, TEST * d) as Uint8Array, y: mnist.test.y.subarray(0, TEST), count: TEST };
  const poisoned = { x: new Uint8Array(TEST * d).fill(255), y: new Uint8Array(TEST), count: TEST };
  writeFolder('real', train, realTest);
  writeFolder('poisoned', train, poisoned);
  // The held-out samples as a test split, to measure the run's final weights on them independently.
  const held = { x: train.x.subarray((TRAIN - VALIDATION) * d) as Uint8Array, y: train.y.subarray(TRAIN - VALIDATION), count: VALIDATION };
  writeFolder('held', train, held);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const experiment = (folder: string, data: Record<string, unknown> = { validation: VALIDATION, trainLimit: 300 }) => ({
  format: 'dlab-experiment',
  version: 1,
  name: `validation on ${folder}`,
  model: {
    input: [1, 28, 28],
    layers: [{ type: 'affine', units: 40, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 10, init: 'he' }, { type: 'softmax-with-loss' }],
  },
  data: { source: `idx:${join(root, folder)}`, ...data },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 50, epochs: 3, seed: 5 },
});

let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function train(raw: unknown, workers: number): Promise<{ epochs: EpochMetric[]; testAcc: number | null; weights: string }> {
  service ??= await createLabService({ dbPath: ':memory:', workers: 2 });
  const s = service;
  const ended = new Map<number, () => void>();
  const unsubscribe = s.onRunEvent((e: RunEvent) => {
    if (e.type === 'status' && ['done', 'failed', 'cancelled'].includes(e.status)) ended.get(e.runId)?.();
  });
  const { runId } = await s.api.startRun(raw, { workers });
  await new Promise<void>((resolve) => {
    ended.set(runId, resolve);
    void s.api.getRun(runId).then((r) => ['done', 'failed', 'cancelled'].includes(r.status) && resolve());
  });
  unsubscribe();
  const run = await s.api.getRun(runId);
  expect(run.failure).toBeNull();
  expect(run.status).toBe('done');
  return { epochs: run.epochs.map(({ seconds: _, ...m }) => m as EpochMetric), testAcc: run.testAcc, weights: await s.api.exportWeights(runId) };
}

/** The trained parameters of two weights files are the same numbers (their meta names different folders). */
const sameParams = (a: string, b: string) => JSON.stringify(JSON.parse(a).params) === JSON.stringify(JSON.parse(b).params);

describe('a run with data.validation, through the run manager', () => {
  it('gives the same figures whether the test split is real or poisoned, with one worker and with two', async () => {
    for (const workers of [1, 2]) {
      const real = await train(experiment('real'), workers);
      const poisoned = await train(experiment('poisoned'), workers);
      expect(real.epochs).toHaveLength(3);
      expect(poisoned.epochs).toEqual(real.epochs);
      expect(sameParams(poisoned.weights, real.weights)).toBe(true);
      // Each figure is a count of the 100 validation samples.
      for (const m of real.epochs) expect(m.testAcc * VALIDATION).toBeCloseTo(Math.round(m.testAcc * VALIDATION), 9);
    }
  }, 60_000);

  it('stores as testAcc the final weights’ accuracy on exactly the held-out samples', async () => {
    const run = await train(experiment('real'), 1);
    const measured = await service!.api.evaluateWeights(run.weights, { source: `idx:${join(root, 'held')}` });
    expect(measured.count).toBe(VALIDATION);
    expect(run.testAcc).toBe(measured.accuracy);
    expect(run.epochs.at(-1)!.testAcc).toBe(measured.accuracy);
  }, 60_000);

  it('without validation reads the test split, so the same poison changes its figures (the check above can fail)', async () => {
    const plain = { trainLimit: 300 };
    const real = await train(experiment('real', plain), 1);
    const poisoned = await train(experiment('poisoned', plain), 1);
    expect(sameParams(poisoned.weights, real.weights)).toBe(true);
    expect(poisoned.epochs.map((m) => m.testAcc)).not.toEqual(real.epochs.map((m) => m.testAcc));
  }, 60_000);

  it('refuses validation too large for the training split, and a trainLimit beyond what remains, with sentences', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 1 });
    await expect(service.api.startRun(experiment('real', { validation: TRAIN }))).rejects.toThrow(
      `validation ${TRAIN} would hold out every training sample of "idx:${join(root, 'real')}", which holds ${TRAIN}: keep at least one for training (at most ${TRAIN - 1}).`,
    );
    await expect(service.api.startRun(experiment('real', { validation: VALIDATION, trainLimit: 501 }))).rejects.toThrow(
      `trainLimit 501 is larger than what remains of the training split of "idx:${join(root, 'real')}" once validation holds out ${VALIDATION}: 500 samples.`,
    );
    await expect(service.api.startRun(experiment('real', { validation: 0 }))).rejects.toThrow(/"validation"/);
    expect((await service.api.listRuns({})).runs).toHaveLength(0);
  });
});

describe('dlab train with data.validation', () => {
  async function dlabTrain(folder: string): Promise<Record<string, unknown>[]> {
    // A relative idx: folder is read from beside the experiment file.
    const file = join(root, `${folder}.dlab.json`);
    const raw = experiment(folder);
    writeFileSync(file, JSON.stringify({ ...raw, data: { ...raw.data, source: `idx:${folder}` } }));
    expect(JSON.parse(readFileSync(file, 'utf8')).data).toEqual({ source: `idx:${folder}`, validation: VALIDATION, trainLimit: 300 });
    const capture = io();
    const status = await runCli(['train', file, '--json', '--workers', '1'], capture);
    expect(capture.err).toBe('');
    expect(status).toBe(0);
    return capture.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('trains on what remains and reports the validation figures, blind to a poisoned test split', async () => {
    const strip = (events: Record<string, unknown>[]) => events.map(({ seconds: _, ...e }) => e);
    const real = await dlabTrain('real');
    const poisoned = await dlabTrain('poisoned');
    expect(real.map((e) => e.event)).toEqual(['epoch', 'epoch', 'epoch', 'done']);
    // 300 samples in batches of 50: 6 iterations an epoch.
    expect(real.at(-1)).toMatchObject({ event: 'done', epochs: 3, iterations: 18, workers: 1 });
    expect(strip(poisoned)).toEqual(strip(real));
    const fromManager = await train(experiment('real'), 1);
    expect(real.at(-1)!.testAcc).toBe(fromManager.testAcc);
  }, 60_000);
});
