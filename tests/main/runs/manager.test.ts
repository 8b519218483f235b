import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../main/api/contract';
import { Network } from '../../../engine/network';
import { createLabService, type LabService } from '../../../main/api/service';

const spiral = (training: Record<string, unknown> = {}) => ({
  format: 'dlab-experiment',
  version: 1,
  name: 'spiral',
  model: { input: [2], layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1 },
  training: { optimizer: { type: 'adam', lr: 0.05 }, batchSize: 30, epochs: 15, seed: 42, ...training },
});
const mnistLong = (epochs = 30) => ({
  format: 'dlab-experiment',
  version: 1,
  model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 50 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
  data: { source: 'mnist' },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 100, epochs, seed: 1 },
});

let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function open(workers = 2): Promise<{ service: LabService; events: RunEvent[]; until: (test: (e: RunEvent) => boolean) => Promise<RunEvent> }> {
  service = await createLabService({ dbPath: ':memory:', workers });
  const events: RunEvent[] = [];
  const waiters: { test: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }[] = [];
  service.onRunEvent((e) => {
    events.push(e);
    for (const w of [...waiters])
      if (w.test(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
  });
  const until = (test: (e: RunEvent) => boolean) =>
    new Promise<RunEvent>((resolve) => {
      const found = events.find(test);
      if (found) resolve(found);
      else waiters.push({ test, resolve });
    });
  return { service, events, until };
}
const ended = (runId: number) => (e: RunEvent) => e.runId === runId && e.type === 'status' && ['done', 'cancelled', 'failed'].includes(e.status);

describe('run manager', () => {
  it('trains a run, streams its events, and stores metrics, losses and weights (W = 1 equals the plain loop)', async () => {
    const { service, events, until } = await open();
    const { runId } = await service.api.startRun(spiral(), { workers: 1 });
    await until(ended(runId));
    const statuses = events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status);
    expect(statuses).toEqual(['queued', 'running', 'done']);
    const epochs = events.filter((e) => e.type === 'epoch').map((e) => (e as { metric: { epoch: number } }).metric);
    expect(epochs).toHaveLength(15);
    const run = await service.api.getRun(runId);
    expect(run.epochs).toEqual(epochs);
    expect(run.status).toBe('done');
    expect(run.testAcc).toBe(58 / 60); // the same as the single-threaded Trainer gives for this seed
    expect(run.trainAcc).toBe(218 / 240);
    expect(run.losses).toHaveLength(120);
    expect(run.hasWeights).toBe(true);
    const [w1] = await service.api.readParams(runId, ['W1']);
    expect(w1!.shape).toEqual([2, 32]);
    const evaluation = await service.api.evaluateWeights(await service.api.exportWeights(runId), { source: 'spiral', samples: 300, noise: 0.1 });
    expect(evaluation.accuracy).toBe(58 / 60);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('gives identical runs for the same seed and W = 2', async () => {
    const { service, until } = await open();
    const a = (await service.api.startRun(spiral({ epochs: 5 }), { workers: 2 })).runId;
    await until(ended(a));
    const b = (await service.api.startRun(spiral({ epochs: 5 }), { workers: 2 })).runId;
    await until(ended(b));
    const [ra, rb] = [await service.api.getRun(a), await service.api.getRun(b)];
    expect(rb.losses).toEqual(ra.losses);
    expect(rb.epochs.map(({ seconds: _s, ...m }) => m)).toEqual(ra.epochs.map(({ seconds: _s, ...m }) => m));
    expect(JSON.parse(await service.api.exportWeights(b)).params).toEqual(JSON.parse(await service.api.exportWeights(a)).params);
  });

  it('keeps the weights a continued run started from, and tells them from the ones a seed draws', async () => {
    const { service, until } = await open();
    const first = (await service.api.startRun(spiral({ epochs: 3 }), { workers: 2 })).runId;
    await until(ended(first));
    const trained = JSON.parse(await service.api.exportWeights(first));
    const f32 = (data: number[]) => Array.from(Float32Array.from(data)); // the file spells each float32 in its shortest digits
    const second = (await service.api.startRun(spiral({ epochs: 2, seed: 7 }), { workers: 2, initialWeights: trained })).runId;
    await until(ended(second));

    expect((await service.api.getRun(first)).startedFrom).toBe('seed');
    expect((await service.api.getRun(second)).startedFrom).toBe('weights');
    // The continued run started from the first run's final weights, not from what its own seed (7) draws.
    const [startW1, startB1] = await service.api.readParams(second, ['W1', 'b1'], 'start');
    expect(startW1!.data).toEqual(f32(trained.params.W1.data));
    expect(startB1!.data).toEqual(f32(trained.params.b1.data));
    const drawnBy7 = new Network(spiral().model, { seed: 7 }).params.W1!.data;
    expect(startW1!.data).not.toEqual(Array.from(drawnBy7));
    // A run from its seed started from the engine's draw for that seed; and both runs then moved on.
    const [firstStart] = await service.api.readParams(first, ['W1'], 'start');
    expect(firstStart!.data).toEqual(Array.from(new Network(spiral().model, { seed: 42 }).params.W1!.data));
    expect((await service.api.readParams(second, ['W1']))[0]!.data).not.toEqual(startW1!.data);
    expect((await service.api.readParams(first, ['W1']))[0]!.data).toEqual(f32(trained.params.W1.data));
  });

  it('pauses, resumes and cancels; reads live weights from the shared buffers meanwhile', async () => {
    const { service, events, until } = await open();
    const { runId } = await service.api.startRun(mnistLong(), { workers: 2 });
    await until((e) => e.runId === runId && e.type === 'progress');
    // The weights it started from, as the seed makes them (a pixel near the centre: the corners are always blank).
    const first = Array.from(new Network(mnistLong().model, { seed: 1 }).params.W1!.data.slice(20000, 20050));
    // Histograms are computed in main from the shared buffers: every weight counted, only bins cross.
    const [h] = await service.api.readParamHistograms(runId, ['W1'], 20);
    expect(h!.shape).toEqual([784, 50]);
    expect(h!.histogram.count).toBe(39200);
    expect(h!.histogram.bins).toHaveLength(20);
    await service.api.pauseRun(runId);
    await until((e) => e.runId === runId && e.type === 'status' && e.status === 'paused');
    const iterationAtPause = (await service.api.getRun(runId, 2)).iterationsDone;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stillPaused = (await service.api.readParams(runId, ['W1']))[0]!.data.slice(20000, 20050); // a pixel near the centre: the corners are always blank
    expect((await service.api.getRun(runId, 2)).iterationsDone).toBe(iterationAtPause);
    expect(stillPaused).not.toEqual(first); // it did train before the pause, and we read it live
    await service.api.resumeRun(runId);
    await until((e) => e.runId === runId && e.type === 'status' && e.status === 'running' && events.some((p) => p.type === 'status' && p.status === 'paused'));
    await until((e) => e.runId === runId && e.type === 'epoch');
    await service.api.cancelRun(runId);
    await until(ended(runId));
    const run = await service.api.getRun(runId, 2);
    expect(run.status).toBe('cancelled');
    expect(run.hasWeights).toBe(true);
    expect(run.epochsDone).toBeGreaterThanOrEqual(1);
  });

  it('queues runs so they share the cores, and keeps progress events at most 20 per second', async () => {
    const { service, events, until } = await open(2);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await service.api.startRun(mnistLong(2), { workers: 2 })).runId);
    await until(ended(ids[0]!));
    // While the first ran, the others waited their turn.
    const firstDone = events.findIndex(ended(ids[0]!));
    const secondRunning = events.findIndex((e) => e.runId === ids[1] && e.type === 'status' && e.status === 'running');
    expect(secondRunning).toBeGreaterThan(firstDone);
    await until(ended(ids[1]!));
    await until(ended(ids[2]!));
    for (const id of ids) {
      const run = await service.api.getRun(id, 2);
      expect(run.status).toBe('done');
      const progress = events.filter((e) => e.runId === id && e.type === 'progress');
      expect(progress.length).toBeLessThanOrEqual(Math.ceil((run.durationMs! / 1000) * 20) + 2);
    }
  });

  it('fails a run whose thread dies, with a sentence, and keeps working', async () => {
    const { service, until } = await open();
    const { runId } = await service.api.startRun(mnistLong(), { workers: 2 });
    await until((e) => e.runId === runId && e.type === 'progress');
    const internals = service.manager as unknown as { runs: Map<number, { threads: { terminate(): Promise<number> }[] }> };
    await internals.runs.get(runId)!.threads[1]!.terminate();
    const end = (await until(ended(runId))) as { status: string; failure?: string };
    expect(end.status).toBe('failed');
    expect(end.failure).toMatch(/^a training thread stopped unexpectedly \(exit code \d+\)$/);
    expect((await service.api.getRun(runId, 2)).failure).toBe(end.failure);
    const next = (await service.api.startRun(spiral({ epochs: 1 }), { workers: 1 })).runId;
    expect(((await until(ended(next))) as { status: string }).status).toBe('done');
  });

  it('a diverging run fails with the reason in words', async () => {
    const { service, until } = await open();
    const { runId } = await service.api.startRun(spiral({ optimizer: { type: 'sgd', lr: 1e6 } }), { workers: 2 });
    const end = (await until(ended(runId))) as { status: string; failure?: string };
    expect(end.status).toBe('failed');
    expect(end.failure).toMatch(/^the loss became (NaN|infinite) at iteration \d+ — try a smaller learning rate$/);
  });

  it('refuses bad experiments with the engine’s sentence and stores nothing', async () => {
    const { service } = await open();
    const bad = spiral();
    (bad.model.layers[0] as { units: number }).units = 0;
    await expect(service.api.startRun(bad)).rejects.toThrow('Layer 1 (affine): "units" must be at least 1, not 0');
    expect((await service.api.listRuns()).total).toBe(0);
  });
});
