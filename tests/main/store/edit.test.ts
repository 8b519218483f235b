// Writing and editing runs: progress, status changes, names, notes and tags, deleting with
// everything that belongs to a run, and the one sentence for a run that is not there.

import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, countRows, epochMetric, experiment, hashDatabase, refusal, removeTempDirs, tempDir, weightsText } from './fixtures';

let store: RunStore;
afterEach(() => {
  store?.close();
  vi.useRealTimers();
});
afterAll(removeTempDirs);

describe('writing a run', () => {
  it('creates a run with a fresh uid and the experiment as validated', () => {
    store = RunStore.open(':memory:');
    const a = addRun(store, { name: '  spaced  ', epochs: 0, status: 'queued' });
    const b = addRun(store, { epochs: 0 });
    const run = store.getRun(a);
    expect(run).toMatchObject({ name: 'spaced', status: 'queued', epochsDone: 0, iterationsDone: 0, trainAcc: null, testAcc: null, notes: '', tags: [] });
    expect(run.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.getRun(b).uid).not.toBe(run.uid);
    expect(store.getRun(a).finishedAt).toBeNull();
    // A name longer than 200 characters (an experiment's long name) is cut, not refused.
    expect(store.getRun(addRun(store, { name: 'x'.repeat(300), epochs: 0 })).name).toHaveLength(200);
    const uid = '5f0e1c1e-0000-4000-8000-000000000001';
    addRun(store, { uid, epochs: 0 });
    expect(refusal(() => addRun(store, { uid, epochs: 0 })).message).toBe(`There is already a run with uid ${uid}.`);
    expect(refusal(() => addRun(store, { name: '   ' })).kind).toBe('usage');
    expect(refusal(() => addRun(store, { workers: 0 })).message).toBe('The number of workers must be a whole number from 1 to 1024, not 0.');
    const broken = experiment();
    broken.model.layers[0]!.units = 0;
    expect(refusal(() => addRun(store, { experiment: broken })).kind).toBe('spec');
  });

  it("writes progress in batches, replacing a re-sent epoch, with the newest epoch as the run's latest metrics", () => {
    store = RunStore.open(':memory:');
    const id = addRun(store, { epochs: 0 });
    store.writeProgress(id, {
      losses: [
        { iteration: 1, loss: 2 },
        { iteration: 2, loss: 1.5 },
      ],
      epochs: [],
      iterationsDone: 2,
    });
    store.writeProgress(id, { losses: [{ iteration: 3, loss: 1 }], epochs: [epochMetric(1, 3), epochMetric(2, 3)], iterationsDone: 6 });
    let run = store.getRun(id);
    expect(run.losses).toEqual([
      { iteration: 1, loss: 2 },
      { iteration: 2, loss: 1.5 },
      { iteration: 3, loss: 1 },
    ]);
    expect(run).toMatchObject({
      epochsDone: 2,
      iterationsDone: 6,
      trainAcc: epochMetric(2).trainAcc,
      testAcc: epochMetric(2).testAcc,
      testLoss: epochMetric(2).testLoss,
    });
    store.writeProgress(id, { losses: [], epochs: [{ ...epochMetric(2, 3), testAcc: 0.99 }], iterationsDone: 6 });
    run = store.getRun(id);
    expect(run.epochs).toHaveLength(2);
    expect(run.testAcc).toBe(0.99);
  });

  it('refuses a non-finite loss or a broken epoch, writing nothing of the batch', () => {
    const path = join(tempDir(), 'lab.db');
    store = RunStore.open(path);
    const id = addRun(store, { epochs: 1 });
    const before = hashDatabase(path);
    const bad = [
      {
        losses: [
          { iteration: 11, loss: 1 },
          { iteration: 12, loss: Number.NaN },
        ],
        epochs: [],
        iterationsDone: 12,
      },
      { losses: [{ iteration: 0, loss: 1 }], epochs: [], iterationsDone: 12 },
      { losses: [{ iteration: 11, loss: 1 }], epochs: [{ ...epochMetric(2), testLoss: Number.POSITIVE_INFINITY }], iterationsDone: 20 },
      { losses: [], epochs: [{ ...epochMetric(2), epoch: 0 }], iterationsDone: 20 },
      { losses: [], epochs: [], iterationsDone: -1 },
      { losses: [], epochs: [{ ...epochMetric(2), seconds: -1 }], iterationsDone: 20 },
    ];
    for (const progress of bad) expect(refusal(() => store.writeProgress(id, progress)).kind).toBe('usage');
    expect(refusal(() => store.writeProgress(id, bad[0]!)).message).toBe('The loss of iteration 12 must be a finite number, not NaN.');
    expect(hashDatabase(path)).toBe(before);
  });

  it('stamps the start when a queued run starts, and the finish and duration when it ends', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.parse('2025-05-05T10:00:00.000Z');
    vi.setSystemTime(t0);
    store = RunStore.open(':memory:');
    const id = addRun(store, { status: 'queued', epochs: 0 });
    vi.setSystemTime(t0 + 30_000);
    store.setStatus(id, 'running');
    expect(store.getRun(id)).toMatchObject({ status: 'running', startedAt: new Date(t0 + 30_000).toISOString(), finishedAt: null, durationMs: null });
    vi.setSystemTime(t0 + 40_000);
    store.setStatus(id, 'paused');
    store.setStatus(id, 'running'); // resuming keeps the start
    vi.setSystemTime(t0 + 95_500);
    store.setStatus(id, 'failed', 'The loss became NaN at iteration 7: lower the learning rate.');
    expect(store.getRun(id)).toMatchObject({
      status: 'failed',
      failure: 'The loss became NaN at iteration 7: lower the learning rate.',
      startedAt: new Date(t0 + 30_000).toISOString(),
      finishedAt: new Date(t0 + 95_500).toISOString(),
      durationMs: 65_500,
    });
    for (const status of ['done', 'cancelled', 'interrupted'] as const) {
      const other = addRun(store, { epochs: 0 });
      vi.setSystemTime(t0 + 100_000);
      store.setStatus(other, status);
      expect(store.getRun(other)).toMatchObject({ status, failure: null, finishedAt: new Date(t0 + 100_000).toISOString() });
    }
    expect(refusal(() => store.setStatus(id, 'lost' as never)).kind).toBe('usage');
  });
});

describe('editing a run', () => {
  it('renames, notes and tags a run, trimming, and returns the summary', () => {
    store = RunStore.open(':memory:');
    const id = addRun(store, { weights: true, finalStatus: 'done' });
    const summary = store.updateRun(id, {
      name: '  Adam, lr 0.001 ',
      notes: 'Converges in 3 epochs.\nTry 0.01 next.',
      tags: [' ch6 ', 'adam', 'ch6', '과제 1'],
    });
    expect(summary).toMatchObject({
      id,
      name: 'Adam, lr 0.001',
      notes: 'Converges in 3 epochs.\nTry 0.01 next.',
      tags: ['ch6', 'adam', '과제 1'],
      hasWeights: true,
      status: 'done',
    });
    expect(store.updateRun(id, { notes: '' })).toMatchObject({ name: 'Adam, lr 0.001', notes: '', tags: ['ch6', 'adam', '과제 1'] });
    expect(store.updateRun(id, { tags: [] }).tags).toEqual([]);
    expect(store.updateRun(id, {}).name).toBe('Adam, lr 0.001');
  });

  it('refuses a bad name, notes or tags, in a sentence, changing nothing', () => {
    const path = join(tempDir(), 'lab.db');
    store = RunStore.open(path);
    const id = addRun(store);
    const before = hashDatabase(path);
    const cases: [unknown, string][] = [
      [{ name: '   ' }, "A run's name must be 1 to 200 characters long (not counting spaces around it)."],
      [{ name: 'n'.repeat(201) }, "A run's name must be 1 to 200 characters long (not counting spaces around it)."],
      [{ name: 'ok', notes: 'x'.repeat(20_001) }, "A run's notes must be a text of at most 20,000 characters."],
      [{ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'A run can have at most 30 tags, not 31.'],
      [{ tags: ['fine', ' '] }, 'Tag 2 is empty.'],
      [{ tags: ['y'.repeat(41)] }, `Tag 1 ("${'y'.repeat(20)}…") is longer than 40 characters.`],
      [{ tags: [3] }, 'Tag 1 must be a text, not number.'],
      [{ tags: 'ch6' }, "A run's tags must be a list of texts."],
      [{ status: 'done' }, 'A run edit cannot change "status" (only name, notes and tags).'],
    ];
    for (const [patch, message] of cases) {
      const error = refusal(() => store.updateRun(id, patch as never));
      expect(error.kind).toBe('usage');
      expect(error.message).toBe(message);
    }
    expect(store.updateRun(id, { notes: 'x'.repeat(20_000), tags: Array.from({ length: 30 }, (_, i) => `t${i}`) }).tags).toHaveLength(30);
    store.updateRun(id, { notes: '', tags: [] });
    expect(hashDatabase(path)).not.toBe(before); // updated_at moved on, which is fine; the fields are back
    expect(store.getRun(id)).toMatchObject({ name: 'a run', notes: '', tags: [] });
  });

  it('deletes a run with its epochs, losses and weights, leaving other runs whole', () => {
    const path = join(tempDir(), 'lab.db');
    store = RunStore.open(path);
    const gone = addRun(store, { epochs: 3, weights: true, finalStatus: 'done' });
    const kept = addRun(store, { epochs: 2, weights: true, finalStatus: 'done' });
    expect([countRows(path, 'epochs'), countRows(path, 'losses'), countRows(path, 'weights')]).toEqual([5, 50, 2]);
    store.deleteRun(gone);
    expect([countRows(path, 'runs'), countRows(path, 'epochs'), countRows(path, 'losses'), countRows(path, 'weights')]).toEqual([1, 2, 20, 1]);
    expect(store.getRun(kept).epochs).toHaveLength(2);
    expect(refusal(() => store.getRun(gone)).message).toBe(`There is no run ${gone}.`);
    // A new run never takes a deleted run's id.
    expect(addRun(store)).toBeGreaterThan(kept);
  });

  it('answers every method about an unknown run with the same sentence', () => {
    store = RunStore.open(':memory:');
    addRun(store);
    const calls: (() => unknown)[] = [
      () => store.getRun(99),
      () => store.getWeights(99),
      () => store.metricsCsv(99),
      () => store.updateRun(99, { name: 'x' }),
      () => store.deleteRun(99),
      () => store.writeProgress(99, { losses: [], epochs: [], iterationsDone: 0 }),
      () => store.setStatus(99, 'done'),
      () => store.saveWeights(99, weightsText(experiment())),
      () => store.exportRun(99),
      () => store.compareRuns([1, 99]),
    ];
    for (const call of calls) {
      const error = refusal(call);
      expect(error.kind).toBe('missing');
      expect(error.message).toBe('There is no run 99.');
    }
    expect(refusal(() => store.getRun(0)).kind).toBe('usage');
    expect(refusal(() => store.getRun(1.5)).message).toBe('A run id is a whole number from 1 up, not 1.5.');
  });
});
