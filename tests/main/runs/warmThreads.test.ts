// Threads started ahead of their run (main/runs/warmThreads.ts): they wait for a job as their first
// message and run it, the pool never holds more than it may, and a run's threads boot while its dataset
// loads.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { resolveWorkerScript } from '../../../main/runs/RunManager';
import { WarmThreads } from '../../../main/runs/warmThreads';
import { createLabService, type LabService } from '../../../main/api/service';

/** A few seconds' training at most: a small net on the spiral. */
const smallRun = (training: { batchSize: number; epochs: number }) => ({
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 120, noise: 0.1 },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, seed: 3, ...training },
});
const firstMessage = (thread: Worker) => new Promise<{ type: string; message?: string }>((resolve) => thread.once('message', resolve));

let pool: WarmThreads | null = null;
let service: LabService | null = null;
afterEach(async () => {
  await pool?.close();
  await service?.close();
  pool = null;
  service = null;
});

describe('WarmThreads', () => {
  it('starts threads that wait, then run the job posted to them', async () => {
    pool = new WarmThreads(resolveWorkerScript(), 2);
    pool.prepare(2);
    expect(pool.waiting).toBe(2);
    const thread = pool.take();
    expect(pool.waiting).toBe(1);
    // A job that fails at once shows the thread received and ran it: its sentence names the file.
    const reply = firstMessage(thread);
    thread.postMessage({ job: 'evaluate', weightsText: 'not a weights file', fileName: 'broken.json' });
    const message = await reply;
    expect(message.type).toBe('error');
    expect(message.message).toContain('broken.json');
    await thread.terminate();
  });

  it('keeps at most `max` waiting, makes a new thread when none waits, and ends the waiting ones on close', async () => {
    pool = new WarmThreads(resolveWorkerScript(), 2);
    pool.prepare(5);
    expect(pool.waiting).toBe(2);
    const [a, b, c] = [pool.take(), pool.take(), pool.take()];
    expect(pool.waiting).toBe(0);
    expect(new Set([a, b, c]).size).toBe(3);
    await Promise.all([a, b, c].map((t) => t.terminate()));

    pool.prepare(1);
    expect(pool.waiting).toBe(1);
    await pool.close();
    expect(pool.waiting).toBe(0);
  });
});

describe('a run', () => {
  it('has its threads booting while its dataset loads, and trains on them', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 2 });
    const manager = service.manager;
    const waitingAtLoad: number[] = [];
    const load = manager.datasets.load.bind(manager.datasets);
    vi.spyOn(manager.datasets, 'load').mockImplementation((data, baseDir) => {
      waitingAtLoad.push(manager.warm.waiting);
      return load(data, baseDir);
    });
    const events: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    service.onRunEvent((e) => {
      if (e.type === 'status') {
        events.push(e.status);
        if (['done', 'failed', 'cancelled'].includes(e.status)) done();
      }
    });
    await service.api.startRun(smallRun({ batchSize: 20, epochs: 2 }), { workers: 2 });
    await finished;
    expect(waitingAtLoad).toEqual([2]);
    expect(events).toEqual(['queued', 'running', 'done']);
    expect(manager.warm.waiting).toBe(0); // both went to the run
  });

  it('tells its workers whether each has a core of its own, so that their barriers may watch longer before sleeping', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 2 });
    const manager = service.manager;
    const jobs: { index: number; ownCores?: boolean }[] = [];
    const take = manager.warm.take.bind(manager.warm);
    vi.spyOn(manager.warm, 'take').mockImplementation(() => {
      const thread = take();
      const post = thread.postMessage.bind(thread);
      thread.postMessage = (job: { index: number; ownCores?: boolean }) => {
        jobs.push({ index: job.index, ownCores: job.ownCores });
        post(job);
      };
      return thread;
    });
    const ends: Promise<void>[] = [];
    for (const workers of [2, 3]) {
      const { runId } = await service.api.startRun(smallRun({ batchSize: 30, epochs: 1 }), { workers });
      ends.push(manager.whenEnded(runId));
    }
    await Promise.all(ends);
    // Two workers on two cores have them; three must share them.
    expect(jobs).toEqual([
      { index: 0, ownCores: true },
      { index: 1, ownCores: true },
      { index: 0, ownCores: false },
      { index: 1, ownCores: false },
      { index: 2, ownCores: false },
    ]);
  });
});
