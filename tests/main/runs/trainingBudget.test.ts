import { afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { createLabService, type LabService } from '../../../main/api/service';

let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function refusal(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('run start refuses a training step the lab cannot hold', () => {
  it('a model that fits one thread but not eight is refused on eight, with the figure, before its buffers exist', async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 8 });
    // 49.3 million parameters: 197 MB each for the weights, Adam's two arrays and one gradient per thread.
    const wide = {
      format: 'dlab-experiment',
      version: 1,
      model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 62000 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
      data: { source: 'mnist', trainLimit: 200 },
      training: { optimizer: { type: 'adam', lr: 0.001 }, batchSize: 100, epochs: 1, seed: 1 },
    };
    await service.manager.datasets.load(wide.data); // the digits in memory first, so that what follows measures the model alone
    const before = process.memoryUsage().arrayBuffers;
    const e = await refusal(service.api.startRun(wide, { workers: 8 }));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    expect(e.kind).toBe('spec');
    expect(e.message).toBe('This model would need 2.3 GB for one training step of 100 images on 8 threads; the lab allows 2 GB: use fewer units or filters.');
    expect((await service.api.listRuns()).total).toBe(0);
  });
});

describe('parameter names a caller types are looked up as own names only', () => {
  const spiral = (epochs: number) => ({
    format: 'dlab-experiment',
    version: 1,
    model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
    data: { source: 'spiral', samples: 300, noise: 0.1 },
    training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 30, epochs, seed: 1 },
  });

  it.each(['constructor', '__proto__', 'toString'])('"%s" is a parameter the run does not have: a sentence, live, stored and at the start', async (name) => {
    service = await createLabService({ dbPath: ':memory:', workers: 1 });
    const live = await service.api.startRun(spiral(5000), { workers: 1 });
    expect((await refusal(service.api.readParams(live.runId, [name]))).message).toBe(`Run ${live.runId} has no parameter "${name}" (it has W1, b1, W2, b2).`);
    expect((await refusal(service.api.readParamHistograms(live.runId, [name]))).kind).toBe('usage');
    await service.api.cancelRun(live.runId);
    await service.manager.whenEnded(live.runId);

    const done = await service.api.startRun(spiral(1), { workers: 1 });
    await service.manager.whenEnded(done.runId);
    expect((await refusal(service.api.readParams(done.runId, [name]))).message).toBe(`Run ${done.runId} has no parameter "${name}".`);
    expect((await refusal(service.api.readParams(done.runId, [name], 'start'))).message).toBe(`Run ${done.runId} has no parameter "${name}".`);
    expect((await service.api.readParams(done.runId, ['W2']))[0]!.shape).toEqual([8, 3]);
  });
});
