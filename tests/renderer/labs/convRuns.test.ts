// The filters lab lists every stored run whose first layer is a convolution, however many runs came
// after it: here a real store (through the real service, runs trained on worker threads) holds a
// SimpleConvNet run followed by 44 runs of another kind — more than the 40 newest the lab used to read,
// so that list showed no convolution at all. Needs the build (worker threads).

import { afterEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../engine/experiment';
import { createLabService, type LabService } from '../../../main/api/service';
import { listConvRuns, type ConvCache } from '../../../renderer/labs/filters/convRuns';
import { convNetExperiment } from '../../../renderer/labs/filters/filtersData';

const AFTER = 44;
const dense: Experiment = {
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 4 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 60, noise: 0.1 },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 30, epochs: 1, weightDecay: 0, seed: 1 },
};

let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

describe('the stored runs the filters lab offers', () => {
  it('include a SimpleConvNet run older than the 40 newest runs, and nothing without a convolution first', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 2 });
    const api = service.api;
    const ended = new Set<number>();
    service.onRunEvent((e) => {
      if (e.type === 'status' && (e.status === 'done' || e.status === 'failed')) ended.add(e.runId);
    });
    const ids: number[] = [];
    const { runId: convId } = await api.startRun(convNetExperiment(1, 300, 0.01), { name: 'SimpleConvNet', workers: 1 });
    ids.push(convId);
    for (let i = 0; i < AFTER; i++) ids.push((await api.startRun({ ...dense, training: { ...dense.training, seed: i + 1 } }, { workers: 1 })).runId);
    await expect.poll(() => ids.every((id) => ended.has(id)), { timeout: 300_000, interval: 100 }).toBe(true);

    // The accident: the newest 40 runs hold no convolution.
    const newest = await api.listRuns({ sort: 'startedAt', order: 'desc', limit: 40 });
    expect(newest.runs.some((r) => r.id === convId)).toBe(false);

    let fetched = 0;
    const counting = { listRuns: api.listRuns, getRun: (id: number, maxPoints?: number) => (fetched++, api.getRun(id, maxPoints)) };
    const cache: ConvCache = new Map();
    const found = await listConvRuns(counting, cache);
    expect(found.map((r) => r.summary.id)).toEqual([convId]);
    expect(found[0]!.conv).toMatchObject({ weightName: 'W1', filters: 30, kernel: 5 });
    expect(fetched).toBe(AFTER + 1);
    // Read again (as after each run the lab starts): no run's experiment is fetched twice.
    expect((await listConvRuns(counting, cache)).map((r) => r.summary.id)).toEqual([convId]);
    expect(fetched).toBe(AFTER + 1);
  }, 600_000);
});
