import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabService, type LabService } from '../../../main/api/service';
import { SharedDatasets } from '../../../main/runs/sharedData';
import { SET_FILE_NAMES, smallSet } from '../../engine/data/idxFixtures';

const spiralOf = (samples: number) => ({ source: 'spiral', samples, noise: 0.1 });
const sources = (datasets: SharedDatasets) => datasets.cached().map((c) => [JSON.parse(c.key)[1], c.holders]);

describe('SharedDatasets, a bounded cache', () => {
  it('gives two users of the same data one copy in shared memory, loaded once', async () => {
    const datasets = new SharedDatasets();
    const [a, b] = await Promise.all([datasets.load(spiralOf(300)), datasets.load({ ...spiralOf(300), trainLimit: 50 })]);
    expect(a.train.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.train.x.buffer).toBe(a.train.x.buffer);
    expect(b.train.count).toBe(50);
    expect(datasets.cached()).toHaveLength(1);
  });

  it('shares the pixels of an IDX folder where the reader put them, on a SharedArrayBuffer already: no second copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-shared-idx-'));
    try {
      const set = smallSet(6, 3, 2, 3, 3);
      for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof typeof SET_FILE_NAMES>) writeFileSync(join(dir, SET_FILE_NAMES[role]), set[role]);
      const dataset = await new SharedDatasets().load({ source: `idx:${dir}` });
      // A copy would start at offset 0 of a buffer of its own; the file's bytes start after their 16-byte header.
      expect(dataset.train.x.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(dataset.train.x.byteOffset).toBe(16);
      expect(dataset.train.x.buffer.byteLength).toBe(set.trainImages.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps what runs hold, and of the rest only the most recently used', async () => {
    const datasets = new SharedDatasets(1);
    const held = await datasets.load(spiralOf(100));
    datasets.hold(held);
    for (const samples of [200, 300, 400]) await datasets.load(spiralOf(samples));
    // The held one stays; of the three no run holds, the last one used.
    expect(sources(datasets)).toEqual([
      [100, 1],
      [400, 0],
    ]);

    datasets.release(held);
    datasets.release(held); // a second release changes nothing
    expect(sources(datasets)).toEqual([[100, 0]]);

    // Kept means the same memory for the next user; dropped means a fresh copy.
    expect((await datasets.load(spiralOf(100))).train.x.buffer).toBe(held.train.x.buffer);
    await datasets.load(spiralOf(400));
    expect(sources(datasets)).toEqual([[400, 0]]);
    expect((await datasets.load(spiralOf(100))).train.x.buffer).not.toBe(held.train.x.buffer);
  });

  it('counts each holder once: two runs on the same data, released one after the other', async () => {
    const datasets = new SharedDatasets(0);
    const first = await datasets.load(spiralOf(300));
    datasets.hold(first);
    const second = await datasets.load(spiralOf(300));
    datasets.hold(second);
    expect(sources(datasets)).toEqual([[300, 2]]);
    datasets.release(first);
    expect(sources(datasets)).toEqual([[300, 1]]);
    datasets.release(second);
    expect(datasets.cached()).toEqual([]);
  });

  it('forgets a load that failed, so that the next try reads the folder again', async () => {
    const datasets = new SharedDatasets();
    await expect(datasets.load({ source: 'idx:/no/such/folder' })).rejects.toThrow('The data folder /no/such/folder does not exist.');
    expect(datasets.cached()).toEqual([]);
  });
});

describe('the run manager holds a dataset while a run uses it', () => {
  let service: LabService | null = null;
  afterEach(async () => {
    await service?.close();
    service = null;
  });

  const experiment = (samples: number, epochs = 2) => ({
    format: 'dlab-experiment',
    version: 1,
    model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
    data: spiralOf(samples),
    training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 20, epochs, seed: 1 },
  });

  it('shares one copy between two live runs of the same data, and lets go when they end', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 1 });
    const { manager } = service;
    // The second run waits in the queue while the first trains: both hold the same entry.
    const [one, two] = await Promise.all([
      service.api.startRun(experiment(300, 5000), { workers: 1 }),
      service.api.startRun(experiment(300, 5000), { workers: 1 }),
    ]);
    expect(sources(manager.datasets)).toEqual([[300, 2]]);
    void service.api.cancelRun(one.runId);
    void service.api.cancelRun(two.runId);
    await Promise.all([manager.whenEnded(one.runId), manager.whenEnded(two.runId)]);
    expect(sources(manager.datasets)).toEqual([[300, 0]]);
  });

  it('keeps only two unused datasets however many runs on other data have ended', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 1 });
    const { manager } = service;
    for (const samples of [100, 200, 300, 400, 500]) {
      const { runId } = await service.api.startRun(experiment(samples), { workers: 1 });
      await manager.whenEnded(runId);
    }
    expect(sources(manager.datasets)).toEqual([
      [400, 0],
      [500, 0],
    ]);
  });
});
