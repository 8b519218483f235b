// A lab's run group of the book's 100 trials against the real house (the service over a real store, runs
// trained on worker threads): the house compares at most 50 runs at once, and a group this size used to
// follow only the first 50 listed. The group starts all 100, follows them to the end, and its comparison
// holds every run — each one's own learning rate among the differences, every run's epochs — as one
// comparison of the same runs made 50 at a time would. Needs the build.

import { afterEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../engine/experiment';
import { COMPARE_RUNS_MAX } from '../../../main/api/constants';
import { createLabService, type LabService } from '../../../main/api/service';
import { compareInParts, GROUP_RUNS_MAX, RunGroup } from '../../../renderer/labs/common/runGroup';

const trial = (i: number): Experiment => ({
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 4 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 60, noise: 0.1 },
  // Every trial its own learning rate; the first ten share one, so some parts have runs alike in it.
  training: { optimizer: { type: 'sgd', lr: i < 10 ? 0.1 : 0.001 * (i + 1) }, batchSize: 30, epochs: 2, weightDecay: 0, seed: 1 },
});

let service: LabService | null = null;
let group: RunGroup | null = null;
afterEach(async () => {
  group?.close();
  await service?.close();
  service = null;
});

describe('a run group of 100 runs', () => {
  it('follows all of them and compares them all, 50 at a time', async () => {
    const lab = await createLabService({ dbPath: ':memory:', workers: 2 });
    service = lab;
    const api = lab.api;
    group = new RunGroup({ labId: 'hyperparams', title: () => 'Search', api: { ...api, onRunEvent: (listener) => lab.onRunEvent(listener) }, pollMs: 50 });
    const members = Array.from({ length: GROUP_RUNS_MAX }, (_, i) => ({ label: `trial ${i + 1}`, experiment: trial(i), workers: 1 }));
    await group.start(members);
    await expect
      .poll(() => group!.get().runs.length === 100 && group!.get().runs.every((r) => r.status === 'done'), { timeout: 600_000, interval: 200 })
      .toBe(true);
    await group.refresh();

    const { runs, comparison, labels, error } = group.get();
    expect(error).toBeNull();
    const ids = runs.map((r) => r.id);
    expect(Object.keys(labels)).toHaveLength(100);
    expect(comparison!.runs.map((r) => r.id)).toEqual(ids);
    const lr = comparison!.differences.find((d) => d.path === 'training.optimizer.lr')!;
    expect(ids.map((id) => lr.values[id])).toEqual(members.map((m) => m.experiment.training.optimizer.lr));
    expect(comparison!.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (const row of comparison!.epochs) expect(ids.every((id) => row.values[id]?.trainAcc !== undefined)).toBe(true);

    // The same as the house's own comparison where it can make one: the last 50 runs.
    const last = ids.slice(-COMPARE_RUNS_MAX);
    const direct = await api.compareRuns(last, 400);
    const parted = await compareInParts(last, (part) => api.compareRuns(part, 400));
    expect(parted).toEqual(direct);
    await expect(api.compareRuns(ids, 400)).rejects.toThrow();
  }, 900_000);
});
