// Backend figures: data-parallel speed-up, the main thread's responsiveness while training, and the
// store's write and compare speed. Measured, printed, never asserted (see `npm run bench`).

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLabService } from '../main/api/service';
import { RunStore } from '../main/store/RunStore';
import { loadDataSource } from '../engine/node/datasets';
import type { EpochMetric } from '../main/api/contract';

export interface Row {
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

async function trainOnce(root: string, workers: number, epochs: number): Promise<{ epochSeconds: number[]; maxDelayMs: number; p99DelayMs: number }> {
  const experiment = JSON.parse(readFileSync(join(root, 'examples/simple-convnet.dlab.json'), 'utf8'));
  experiment.training.epochs = epochs;
  const service = await createLabService({ dbPath: ':memory:', workers });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  try {
    const epochsSeen: EpochMetric[] = [];
    let runId = -1;
    const done = new Promise<void>((resolve) => {
      service.onRunEvent((event) => {
        if (event.runId !== runId) return;
        if (event.type === 'epoch') epochsSeen.push(event.metric);
        if (event.type === 'status' && ['done', 'failed', 'cancelled'].includes(event.status)) resolve();
      });
    });
    histogram.enable();
    runId = (await service.api.startRun(experiment, { workers })).runId;
    await done;
    histogram.disable();
    return {
      epochSeconds: epochsSeen.map((e) => e.seconds),
      maxDelayMs: histogram.max / 1e6,
      p99DelayMs: histogram.percentile(99) / 1e6,
    };
  } finally {
    await service.close();
  }
}

function storeFigures(): Row[] {
  const store = RunStore.open(':memory:');
  const experiment = JSON.parse(readFileSync(join(process.cwd(), 'examples/two-layer-net.dlab.json'), 'utf8'));
  const ids: number[] = [];
  let rows = 0;
  const start = performance.now();
  for (let r = 0; r < 10; r++) {
    const id = store.createRun({
      name: `bench ${r}`,
      experiment,
      dataset: 'mnist',
      seed: r,
      workers: 1,
      epochsTotal: 10,
      iterationsTotal: 10_000,
      status: 'running',
      ownerInstance: 'bench',
    });
    ids.push(id);
    for (let from = 1; from <= 10_000; from += 100) {
      const losses = Array.from({ length: 100 }, (_, i) => ({ iteration: from + i, loss: 1 / (from + i) }));
      const epochs =
        (from + 99) % 1000 === 0
          ? [{ epoch: (from + 99) / 1000, iteration: from + 99, trainLoss: 0.1, trainAcc: 0.9, testAcc: 0.9, testLoss: 0.2, seconds: 1 }]
          : [];
      store.writeProgress(id, { losses, epochs, iterationsDone: from + 99 });
      rows += losses.length + epochs.length;
    }
  }
  const writeSeconds = (performance.now() - start) / 1000;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    store.compareRuns(ids);
    times.push(performance.now() - t);
  }
  store.close();
  times.sort((a, b) => a - b);
  return [
    { figure: 'store: metric rows written per second (batches of 100)', value: rows / writeSeconds, unit: 'rows/s' },
    { figure: 'store: compareRuns, 10 runs × 10,000 loss points', value: times[2], unit: 'ms', note: 'median of 5' },
  ];
}

export async function backendBench(root: string): Promise<Row[]> {
  const rows: Row[] = [];
  let t = performance.now();
  await loadDataSource({ source: 'mnist' });
  rows.push({ figure: 'bundled MNIST ready', value: performance.now() - t, unit: 'ms' });
  try {
    t = performance.now();
    await loadDataSource({ source: 'idx:/usr/share/datasets/fashion-mnist' });
    rows.push({ figure: 'Fashion-MNIST (60,000 + 10,000, gzipped IDX) ready', value: performance.now() - t, unit: 'ms' });
  } catch {
    rows.push({ figure: 'Fashion-MNIST ready', value: NaN, unit: 'ms', note: 'skipped: dataset-fashion-mnist not installed' });
  }
  const one = await trainOnce(root, 1, 2);
  const two = await trainOnce(root, 2, 2);
  const epochOne = one.epochSeconds[1];
  const epochTwo = two.epochSeconds[1];
  rows.push({ figure: 'SimpleConvNet epoch on MNIST (8,004 train + measuring), W = 1', value: epochOne, unit: 's', note: 'second epoch' });
  rows.push({ figure: 'SimpleConvNet epoch on MNIST, W = 2', value: epochTwo, unit: 's', note: 'second epoch' });
  rows.push({ figure: 'speed-up of W = 2 over W = 1', value: epochOne / epochTwo, unit: '×' });
  rows.push({
    figure: 'main thread: worst event-loop delay while training (W = 2)',
    value: two.maxDelayMs,
    unit: 'ms',
    note: `p99 ${two.p99DelayMs.toFixed(1)} ms`,
  });
  rows.push(...storeFigures());
  return rows;
}
