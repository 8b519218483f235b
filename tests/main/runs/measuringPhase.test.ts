// A real run on real worker threads says when it measures: before every epoch's metrics comes one
// 'measuring' event for that epoch, after the epoch's last progress — so the dashboard can say
// "Evaluating on the test data…" instead of a full bar and 0:00.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../main/api/contract';
import { createLabService, type LabService } from '../../../main/api/service';

const experiment = {
  format: 'dlab-experiment',
  version: 1,
  model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 20 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
  data: { source: 'mnist', trainLimit: 600 },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 100, epochs: 3, seed: 1 },
};

let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

describe('the measuring phase of a run', () => {
  it('announces each epoch’s measurement between its last step and its metrics', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 2 });
    const events: RunEvent[] = [];
    let ended: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (ended = resolve));
    service.onRunEvent((e) => {
      events.push(e);
      if (e.type === 'status' && e.status === 'done') ended();
    });
    const { runId } = await service.api.startRun(experiment, { workers: 2 });
    await done;
    const mine = events.filter((e) => e.runId === runId && (e.type === 'measuring' || e.type === 'epoch'));
    expect(mine.map((e) => (e.type === 'measuring' ? `measuring ${e.epoch}` : e.type === 'epoch' ? `epoch ${e.metric.epoch}` : ''))).toEqual([
      'measuring 1',
      'epoch 1',
      'measuring 2',
      'epoch 2',
      'measuring 3',
      'epoch 3',
    ]);
    // The last step's progress (100 %) comes before the last measurement: the phase covers the wait.
    const lastProgress = events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.type === 'progress' && e.iteration === e.iterationsTotal)
      .pop();
    const lastMeasuring = events.findIndex((e) => e.type === 'measuring' && e.epoch === 3);
    expect(lastProgress).toBeDefined();
    expect(lastProgress!.i).toBeLessThan(lastMeasuring);
  });
});
