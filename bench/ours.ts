// Our own training and inference speed on the book's two networks: ms per training step with W = 1 and
// W = 2 worker threads (the real data-parallel path), and inference images/s on one and both cores.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../engine/data/dataset';
import { validateExperiment } from '../engine/experiment';
import { Network } from '../engine/network';
import { allocateSharedRun, sharedNetwork, type WorkerReport } from '../engine/parallel/training';
import { exportWeights, weightsToJson } from '../engine/weights';
import { resolveWorkerScript } from '../main/runs/RunManager';
import { SharedDatasets } from '../main/runs/sharedData';
import type { Row } from './backend';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** ms per step: two epochs of `steps` mini-batches of 100 on W workers; the second epoch's step time. */
async function stepMs(experimentFile: string, workers: number, steps: number, datasets: SharedDatasets): Promise<number> {
  const raw = JSON.parse(readFileSync(experimentFile, 'utf8'));
  raw.data.trainLimit = steps * raw.training.batchSize;
  raw.training.epochs = 2;
  const { experiment, plan } = validateExperiment(raw);
  const dataset = await datasets.load(experiment.data);
  const run = allocateSharedRun(plan, workers);
  sharedNetwork(plan.spec, run, { seed: 1 });
  const epochs: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const threads = Array.from({ length: workers }, (_, index) => {
      const thread = new Worker(resolveWorkerScript(), { workerData: { job: 'train', index, run, model: plan.spec, training: experiment.training, dataset } });
      thread.on('message', (r: WorkerReport) => {
        if (r.type === 'epoch') epochs.push(r.stepSeconds);
        if (r.type === 'finished' || r.type === 'diverged') {
          threads.forEach((t) => void t.terminate());
          resolve();
        }
      });
      thread.on('error', reject);
      return thread;
    });
  });
  return (epochs[1] * 1000) / steps;
}

/** Inference images/s: the test split evaluated by `threads` evaluation workers at once (repeated copies). */
async function inferenceRate(experimentFile: string, threads: number, datasets: SharedDatasets): Promise<number> {
  const { experiment, plan } = validateExperiment(JSON.parse(readFileSync(experimentFile, 'utf8')));
  const loaded: Dataset = await datasets.load(experiment.data);
  const dataset: Dataset = { ...loaded, test: loaded.train }; // 8,004 images: start-up is small beside them
  const weightsText = weightsToJson(exportWeights(new Network(plan.spec, { seed: 1 })));
  const once = () =>
    Promise.all(
      Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
        const worker = new Worker(resolveWorkerScript(), { workerData: { job: 'evaluate', weightsText, fileName: 'bench', dataset } });
        worker.on('message', () => {
          void worker.terminate();
          resolve();
        });
        worker.on('error', reject);
      })),
    );
  await once(); // warm-up: thread start, compilation
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return (threads * dataset.test.count) / (median(times) / 1000);
}

export async function oursBench(root: string): Promise<Row[]> {
  const datasets = new SharedDatasets();
  const two = join(root, 'examples/two-layer-net.dlab.json');
  const conv = join(root, 'examples/simple-convnet.dlab.json');
  const rows: Row[] = [];
  for (const [name, file, steps] of [['TwoLayerNet', two, 80], ['SimpleConvNet', conv, 30]] as const) {
    for (const workers of [1, 2]) {
      rows.push({ figure: `${name} training step — ours, W = ${workers}`, value: await stepMs(file, workers, steps, datasets), unit: 'ms', note: `batch 100, mean of ${steps} steps` });
    }
  }
  for (const [name, file] of [['TwoLayerNet', two], ['SimpleConvNet', conv]] as const) {
    for (const threads of [1, 2]) {
      rows.push({ figure: `${name} inference — ours, ${threads} core${threads > 1 ? 's' : ''}`, value: await inferenceRate(file, threads, datasets), unit: 'images/s', note: 'includes worker start-up' });
    }
  }
  return rows;
}
