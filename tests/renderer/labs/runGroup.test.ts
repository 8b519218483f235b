// A lab's run group against a fake house: starting, tagging, following until the end, refusing a bad
// member before anything starts, stopping, and finding the latest group again when the lab reopens.

import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../engine/experiment';
import type { Comparison, LabApi, RunQuery, RunSummary } from '../../../main/api/contract';
import { groupTag, labelOf, RunGroup } from '../../../renderer/labs/common/runGroup';

const experiment = (lr: number): Experiment => ({
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral' },
  training: { optimizer: { type: 'sgd', lr }, batchSize: 10, epochs: 2, weightDecay: 0, seed: 1 },
});

function summary(id: number, name: string): RunSummary {
  return {
    id,
    uid: `u${id}`,
    name,
    status: 'queued',
    failure: null,
    warning: null,
    dataset: 'spiral',
    seed: 1,
    workers: 1,
    startedAt: `2026-11-28T08:00:0${id}Z`,
    finishedAt: null,
    durationMs: null,
    epochsDone: 0,
    epochsTotal: 2,
    iterationsDone: 0,
    iterationsTotal: 10,
    trainAcc: null,
    testAcc: null,
    testLoss: null,
    notes: '',
    tags: [],
    hasWeights: false,
  };
}

/** A fake house: a run advances one status each time it has been listed (queued → running → done). */
function fakeApi() {
  const runs = new Map<number, RunSummary>();
  const calls: string[] = [];
  let next = 1;
  const api = {
    async startRun(_e: unknown, options?: { name?: string; workers?: number }) {
      const id = next++;
      runs.set(id, summary(id, options?.name ?? 'x'));
      calls.push(`start ${id} workers=${options?.workers}`);
      return { runId: id };
    },
    async updateRun(id: number, patch: { tags?: string[] }) {
      const run = { ...runs.get(id)!, tags: patch.tags ?? [] };
      runs.set(id, run);
      return run;
    },
    async cancelRun(id: number) {
      calls.push(`cancel ${id}`);
      runs.set(id, { ...runs.get(id)!, status: 'cancelled' });
    },
    async listRuns(query: RunQuery = {}) {
      const found = [...runs.values()].filter((r) => !query.tag || r.tags.includes(query.tag));
      for (const r of found) {
        if (r.status === 'queued') runs.set(r.id, { ...r, status: 'running' });
        else if (r.status === 'running') runs.set(r.id, { ...r, status: 'done', epochsDone: 2, testAcc: 0.5 + r.id / 100 });
      }
      const sorted = found.sort((a, b) => (query.order === 'desc' ? b.id - a.id : a.id - b.id));
      return { runs: sorted, total: sorted.length };
    },
    async getRun(id: number) {
      return { ...runs.get(id)!, experiment: experiment(0.1), epochs: [], losses: [] };
    },
    async compareRuns(ids: number[]): Promise<Comparison> {
      return { runs: ids.map((id) => runs.get(id)!), epochs: [], losses: [], differences: [] };
    },
  };
  return { api: api as unknown as LabApi, runs, calls };
}

function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    setTimeout: (fn: () => void) => pending.push(fn),
    clearTimeout: () => undefined,
    async flush() {
      while (pending.length) {
        pending.shift()!();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

describe('a lab’s run group', () => {
  it('starts every member with its label and tags, and follows them until all have ended', async () => {
    const { api, runs, calls } = fakeApi();
    const timers = manualTimers();
    const group = new RunGroup({ labId: 'optimizers', title: () => 'Optimizers', api, now: () => new Date(2026, 10, 28, 8, 10, 33), ...timers });
    await group.start([
      { label: 'SGD', experiment: experiment(0.01), workers: 1 },
      { label: 'Adam', experiment: experiment(0.001), workers: 1 },
    ]);
    expect(calls).toEqual(['start 1 workers=1', 'start 2 workers=1']);
    expect(runs.get(1)!.name).toBe('Optimizers — SGD');
    expect(runs.get(2)!.tags).toEqual(['lab:optimizers', 'optimizers@2026-11-28 08:10:33']);
    expect(group.get().labels).toEqual({ 1: 'SGD', 2: 'Adam' });
    expect(group.get().runs.map((r) => r.status)).toEqual(['queued', 'queued']);
    await timers.flush();
    expect(group.get().runs.map((r) => r.status)).toEqual(['done', 'done']);
    expect(group.get().runs.map((r) => r.testAcc)).toEqual([0.51, 0.52]);
    expect(group.get().comparison?.runs.map((r) => r.id)).toEqual([1, 2]);
  });

  it('refuses a bad member before starting any, with the engine’s sentence', async () => {
    const { api, calls } = fakeApi();
    const group = new RunGroup({ labId: 'x', title: () => 'X', api });
    await group.start([
      { label: 'ok', experiment: experiment(0.1) },
      { label: 'bad', experiment: experiment(-1) },
    ]);
    expect(calls).toEqual([]);
    expect(group.get().error).toMatch(/lr/);
  });

  it('stops the runs still going', async () => {
    const { api, calls } = fakeApi();
    const group = new RunGroup({ labId: 'x', title: () => 'X', api, ...manualTimers() });
    await group.start([{ label: 'a', experiment: experiment(0.1) }]);
    await group.stop();
    expect(calls).toContain('cancel 1');
    expect(group.get().runs[0]!.status).toBe('cancelled');
  });

  it('finds the lab’s latest group again when the lab reopens', async () => {
    const { api } = fakeApi();
    const first = new RunGroup({ labId: 'init', title: () => 'Init', api, now: () => new Date(2026, 10, 28, 8, 0, 0), ...manualTimers() });
    await first.start([{ label: 'He', experiment: experiment(0.1) }]);
    const second = new RunGroup({ labId: 'init', title: () => 'Init', api, now: () => new Date(2026, 10, 28, 9, 0, 0), ...manualTimers() });
    await second.start([
      { label: 'Xavier', experiment: experiment(0.1) },
      { label: 'std 0.01', experiment: experiment(0.1) },
    ]);
    const reopened = new RunGroup({ labId: 'init', title: () => 'Init', api, ...manualTimers() });
    await reopened.load();
    expect(reopened.get().group).toBe('init@2026-11-28 09:00:00');
    expect(Object.values(reopened.get().labels)).toEqual(['Xavier', 'std 0.01']);
  });

  it('names groups by time and reads labels back from run names', () => {
    expect(groupTag('bn', new Date(2026, 0, 2, 3, 4, 5))).toBe('bn@2026-01-02 03:04:05');
    expect(labelOf(summary(1, 'Batch Normalization — w = 0.01 · BN'))).toBe('w = 0.01 · BN');
    expect(labelOf(summary(1, 'my run'))).toBe('my run');
  });
});

describe('a lab’s group of one run', () => {
  it('reads its curves from the run itself (the house compares only 2 to 50 runs)', async () => {
    const { api } = fakeApi();
    let compared = 0;
    const one = {
      ...api,
      compareRuns: async () => {
        compared++;
        throw new Error('Compare 2 to 50 runs at a time, not 1.');
      },
      getRun: async (id: number) => ({
        ...summary(id, 'Filters — SimpleConvNet'),
        experiment: experiment(0.1),
        epochs: [{ epoch: 1, iteration: 5, trainLoss: 1, trainAcc: 0.6, testAcc: 0.55, testLoss: 1.1, seconds: 1 }],
        losses: [{ iteration: 1, loss: 2.3 }],
      }),
    } as unknown as LabApi;
    const group = new RunGroup({ labId: 'filters', title: () => 'Filters', api: one, ...manualTimers() });
    await group.start([{ label: 'SimpleConvNet', experiment: experiment(0.1) }]);
    expect(compared).toBe(0);
    expect(group.get().error).toBeNull();
    expect(group.get().runs.map((r) => r.id)).toEqual([1]);
    expect(group.get().comparison?.epochs).toEqual([
      { epoch: 1, values: { 1: { iteration: 5, trainLoss: 1, trainAcc: 0.6, testAcc: 0.55, testLoss: 1.1, seconds: 1 } } },
    ]);
    expect(group.get().comparison?.losses).toEqual([{ iteration: 1, values: { 1: 2.3 } }]);
  });
});
