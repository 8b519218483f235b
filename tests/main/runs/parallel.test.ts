// Data-parallel training on real worker threads, without the store: the maths of the reduction.

import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../engine/data/dataset';
import { validateExperiment } from '../../../engine/experiment';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { Evaluator, evaluateRange } from '../../../engine/evaluation';
import { sequentialAllocator, type FlatLayout } from '../../../engine/parallel/layout';
import { allocateSharedRun, sharedNetwork, type WorkerReport } from '../../../engine/parallel/training';
import { Trainer, type EpochEvent } from '../../../engine/trainer';
import { resolveWorkerScript } from '../../../main/runs/RunManager';
import { SharedDatasets } from '../../../main/runs/sharedData';

const datasets = new SharedDatasets();

const experiment = (overrides: Record<string, unknown> = {}) => ({
  format: 'dlab-experiment',
  version: 1,
  model: {
    input: [1, 28, 28],
    layers: [
      { type: 'conv', filters: 4, kernel: 4, stride: 2 },
      { type: 'relu' },
      { type: 'flatten' },
      // 21 units: b, gamma, beta and the running statistics of odd length, so later entries and the
      // workers' shares sit on layout.ts's aligned offsets rather than right after them.
      { type: 'affine', units: 21 },
      { type: 'batchnorm' },
      { type: 'relu' },
      { type: 'dropout', ratio: 0.2 },
      { type: 'affine', units: 10 },
      { type: 'softmax-with-loss' },
    ],
  },
  data: { source: 'mnist', trainLimit: 600 },
  training: { optimizer: { type: 'adam', lr: 0.003 }, batchSize: 50, epochs: 2, weightDecay: 0.001, seed: 3, ...overrides },
});

async function trainParallel(
  raw: unknown,
  workers: number,
): Promise<{ reports: WorkerReport[]; weights: Float32Array; buffers: Float32Array; layout: FlatLayout }> {
  const { experiment: e, plan } = validateExperiment(raw);
  const dataset: Dataset = await datasets.load(e.data);
  const run = allocateSharedRun(plan, workers, dataset);
  sharedNetwork(plan.spec, run, { seed: e.training.seed });
  const reports: WorkerReport[] = [];
  await new Promise<void>((resolve, reject) => {
    const threads = Array.from({ length: workers }, (_, index) => {
      const thread = new Worker(resolveWorkerScript(), { workerData: { job: 'train', index, run, model: plan.spec, training: e.training, dataset } });
      thread.on('message', (r: WorkerReport) => {
        reports.push(r);
        if (r.type === 'finished' || r.type === 'diverged') {
          threads.forEach((t) => void t.terminate());
          resolve();
        }
      });
      thread.on('error', reject);
      return thread;
    });
  });
  return { reports, weights: run.params.slice(), buffers: run.buffers.slice(), layout: run.layout };
}

const epochsOf = (reports: WorkerReport[]) =>
  reports
    .filter((r): r is Extract<WorkerReport, { type: 'epoch' }> => r.type === 'epoch')
    .map(({ seconds: _s, stepSeconds: _t, stepMedianSeconds: _m, ...rest }) => rest);
const lossesOf = (reports: WorkerReport[]) => reports.flatMap((r) => (r.type === 'losses' ? r.items : []));

describe('data-parallel training', () => {
  it('with one worker gives exactly the single-threaded Trainer’s run', async () => {
    const raw = experiment();
    const parallel = await trainParallel(raw, 1);
    const { experiment: e, plan } = validateExperiment(raw);
    const network = new Network(plan.spec, { seed: e.training.seed });
    const events = [...new Trainer(network, await datasets.load(e.data), e.training).run()];
    const expectedEpochs = events.filter((x): x is EpochEvent => x.type === 'epoch').map(({ type: _t, ...rest }) => rest);
    expect(epochsOf(parallel.reports).map(({ type: _t, ...rest }) => rest)).toEqual(expectedEpochs);
    const expectedLosses = events.flatMap((x) => (x.type === 'iteration' ? [x.iteration, x.loss] : []));
    expect(lossesOf(parallel.reports)).toEqual(expectedLosses);
    for (const entry of parallel.layout.params) {
      expect(Array.from(parallel.weights.subarray(entry.offset, entry.offset + entry.length)), entry.name).toEqual(
        Array.from(network.params[entry.name]!.data),
      );
    }
    expect(parallel.layout.params.map((entry) => entry.name)).toEqual(Object.keys(network.params));
  });

  it('the book’s way of taking data (§6.5.3: a shuffled validation share, mini-batches with replacement): one worker is the Trainer', async () => {
    const raw = { ...experiment({ batches: 'random' }), data: { source: 'mnist', trainLimit: 400, validation: 100, validationFrom: 'shuffled', splitSeed: 5 } };
    const parallel = await trainParallel(raw, 1);
    const { experiment: e, plan } = validateExperiment(raw);
    // the shared dataset the workers read is split by the experiment's splitSeed, as the engine's loader splits it
    const shared = await datasets.load(e.data);
    expect(Array.from(shared.test.y)).toEqual(Array.from((await loadDataSource(e.data)).test.y));
    expect(Array.from(shared.test.y)).not.toEqual(Array.from((await datasets.load({ ...e.data, splitSeed: 0 })).test.y));
    const network = new Network(plan.spec, { seed: e.training.seed });
    const events = [...new Trainer(network, await datasets.load(e.data), e.training).run()];
    expect(lossesOf(parallel.reports)).toEqual(events.flatMap((x) => (x.type === 'iteration' ? [x.iteration, x.loss] : [])));
    expect(lossesOf(parallel.reports)).toHaveLength(2 * 8 * 2);
    const twice = await trainParallel(raw, 2);
    expect(lossesOf(twice.reports)).toEqual(lossesOf((await trainParallel(raw, 2)).reports));
  });

  it('with two workers gives the same numbers bit for bit every time, and learns', async () => {
    const a = await trainParallel(experiment(), 2);
    const b = await trainParallel(experiment(), 2);
    expect(epochsOf(b.reports)).toEqual(epochsOf(a.reports));
    expect(lossesOf(b.reports)).toEqual(lossesOf(a.reports));
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    const last = epochsOf(a.reports).at(-1)!;
    expect(last.testAcc).toBeGreaterThan(0.6);
    expect(lossesOf(a.reports)).toHaveLength(2 * 12 * 2);
    // The bench's figures: the median step lies between the fastest possible and the whole of the steps.
    for (const r of a.reports) {
      if (r.type !== 'epoch') continue;
      expect(r.stepMedianSeconds).toBeGreaterThan(0);
      expect(r.stepMedianSeconds).toBeLessThanOrEqual(r.stepSeconds);
    }
  });

  it('measures each epoch with two workers as one thread measures the same weights, to the last bit', async () => {
    const raw = experiment({ epochs: 1 });
    const { reports, weights, buffers } = await trainParallel(raw, 2);
    const { experiment: e, plan } = validateExperiment(raw);
    const dataset = await datasets.load(e.data);
    // The trained network, read from the shared weights and running statistics as the workers hold them.
    const network = new Network(plan.spec, { skipInit: true, seed: 0, allocate: sequentialAllocator(weights), allocateBuffer: sequentialAllocator(buffers) });
    const evaluator = new Evaluator(network, dataset.inputShape);
    const train = evaluateRange(evaluator, dataset.train),
      test = evaluateRange(evaluator, dataset.test);
    expect(dataset.test.count).toBeGreaterThan(1000); // several batches of 500 for the two workers to share
    const [epoch] = epochsOf(reports) as { trainAcc: number; testAcc: number; testLoss: number }[] as [{ trainAcc: number; testAcc: number; testLoss: number }];
    expect({ trainAcc: epoch.trainAcc, testAcc: epoch.testAcc, testLoss: epoch.testLoss }).toEqual({
      trainAcc: train.accuracy,
      testAcc: test.accuracy,
      testLoss: test.loss,
    });
  });

  it('stops every worker when the loss diverges, with the sentence', async () => {
    const { reports } = await trainParallel(experiment({ optimizer: { type: 'sgd', lr: 1e6 } }), 2);
    const last = reports.at(-1)!;
    expect(last.type).toBe('diverged');
    expect((last as { message: string }).message).toMatch(/^the loss became (NaN|infinite) at iteration \d+ — try a smaller learning rate$/);
  });
});
