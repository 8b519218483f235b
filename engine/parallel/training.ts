// Data-parallel training on W worker threads (docs/architecture.md, "One training run").
//
// Every worker holds the same Network, its weights being views into one SharedArrayBuffer. Each
// mini-batch is cut into W slices; worker w computes the gradient of slice w into its own region of
// a shared gradient buffer. At a barrier the workers then split the parameters between them: each
// adds up, for its own range of every parameter, the W gradients in the fixed order 0, 1, …, W−1
// (weighted by slice size) and applies the optimizer to that range. A second barrier, and the next
// step begins. The sums are always taken in the same order, so a seeded run gives the same numbers
// every time for the same W, whatever the thread timing; with W = 1 it is exactly the Trainer's run.
// After each epoch the workers measure both splits together, each taking the next batch of 500 as it
// finishes one (evaluation.ts, SharedEvaluation): the figures of one thread's pass, however the
// batches fell, and no worker waits idle for a slower one.

import { epochOrder, type Dataset } from '../data/dataset';
import type { TrainingSettings } from '../experiment';
import type { ModelPlan, ModelSpec } from '../model';
import { Network } from '../network';
import { Rng } from '../rng';
import { Tensor } from '../tensor';
import { exportWeights, weightsToJson } from '../weights';
import { Evaluator, sharedEvaluation, sumTaken, takeBatches, type SharedEvaluation } from '../evaluation';
import { createOptimizer, takesShares } from '../trainer';
import { Barrier } from './barrier';
import { sumTwoShares } from './shares';
import { BatchGatherer } from './gather';
import { flatLayout, ownedAlignedRange, ownedRange, sequentialAllocator, type FlatLayout } from './layout';

/** What the owner of a run asks of its workers, in SYNC[CONTROL]. */
export const CONTROL = { RUN: 0, PAUSE: 1, CANCEL: 2 } as const;
/** What worker 0 decided after a step, in SYNC[DECISION], read by all. */
const DECISION = { CONTINUE: 0, STOP: 1 } as const;
const SYNC = { BARRIER: 0, CONTROL: 2, DECISION: 3, LENGTH: 4 } as const;
/** Per worker: the loss of its slice of the step's mini-batch. */
const SCALARS = 1;

export interface SharedRun {
  workers: number;
  layout: FlatLayout;
  /** The weights, read live by the owner for filters and histograms. */
  params: Float32Array;
  /** BatchNorm running statistics as reduced after every step. */
  buffers: Float32Array;
  workerBuffers: Float32Array;
  grads: Float32Array;
  scalars: Float64Array;
  sync: Int32Array;
  /** Each epoch's measurement of the training and the test split, taken batch by batch by all workers. */
  measuring: { train: SharedEvaluation; test: SharedEvaluation };
}

function shared<T extends Float32Array | Float64Array | Int32Array>(
  Kind: { new (buffer: SharedArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  // A zero-length SharedArrayBuffer is legal but some runtimes refuse to share it: keep one spare byte.
  return new Kind(new SharedArrayBuffer(Math.max(1, length) * Kind.BYTES_PER_ELEMENT), 0, length);
}

/** The shared buffers of a run of `plan` on `workers` workers over a dataset of these split sizes. */
export function allocateSharedRun(plan: ModelPlan, workers: number, splits: { train: { count: number }; test: { count: number } }): SharedRun {
  const layout = flatLayout(plan);
  return {
    workers,
    layout,
    params: shared(Float32Array, layout.paramLength),
    buffers: shared(Float32Array, layout.bufferLength),
    workerBuffers: shared(Float32Array, workers * layout.bufferLength),
    grads: shared(Float32Array, workers * layout.paramLength),
    scalars: shared(Float64Array, workers * SCALARS),
    sync: shared(Int32Array, SYNC.LENGTH),
    measuring: { train: sharedEvaluation(splits.train.count), test: sharedEvaluation(splits.test.count) },
  };
}

/** The owner's Network over the shared weights: initialises them (seeded) unless told not to. */
export function sharedNetwork(model: ModelSpec, run: SharedRun, options: { seed: number; skipInit?: boolean }): Network {
  return new Network(model, {
    seed: options.seed,
    skipInit: options.skipInit,
    allocate: sequentialAllocator(run.params),
    allocateBuffer: sequentialAllocator(run.buffers),
  });
}

export function setControl(run: SharedRun, control: (typeof CONTROL)[keyof typeof CONTROL]): void {
  Atomics.store(run.sync, SYNC.CONTROL, control);
  Atomics.notify(run.sync, SYNC.CONTROL);
}

export type WorkerReport =
  | { type: 'losses'; items: number[] } // flat pairs: iteration, loss, iteration, loss…
  | {
      type: 'epoch';
      epoch: number;
      iteration: number;
      trainLoss: number;
      trainAcc: number;
      testAcc: number;
      testLoss: number;
      /** The whole epoch, measuring included. */
      seconds: number;
      /** The mini-batch steps alone, for benchmarks. */
      stepSeconds: number;
      /**
       * The median of the epoch's steps, each timed on its own (the lead worker's clock from one step's
       * start to the next's), for benchmarks: the statistic the bench's peers are measured with.
       */
      stepMedianSeconds: number;
    }
  /** The epoch's steps are done and its measurement on both splits begins (seconds, on MNIST: the bar would sit at 100 %). */
  | { type: 'measuring'; epoch: number }
  | { type: 'paused' }
  | { type: 'resumed' }
  | {
      type: 'finished';
      outcome: 'done' | 'cancelled';
      /** The final weights file, serialised here so the owner's thread never spends the time. */ weights: string;
    }
  | { type: 'diverged'; message: string; iteration: number };

export interface WorkerTask {
  index: number;
  run: SharedRun;
  model: ModelSpec;
  training: TrainingSettings;
  dataset: Dataset;
  /** Written into the final weights file's meta, beside the last epoch's figures. */
  meta?: Record<string, unknown>;
  /** Every worker of the run has a core of its own (the owner's judgment): its barriers watch longer before sleeping. */
  ownCores?: boolean;
}

/** The whole training loop of worker `task.index`; worker 0 also reports to the owner. */
export function trainAsWorker(task: WorkerTask, report: (r: WorkerReport) => void, now: () => number): void {
  const { index: w, run, training, dataset } = task;
  const W = run.workers;
  const { paramLength: PL, bufferLength: BL, params: paramEntries } = run.layout;
  const lead = w === 0;
  const barrier = new Barrier(run.sync, SYNC.BARRIER, W, task.ownCores ? Barrier.SPINS_OWN_CORES : Barrier.SPINS);
  const privateBuffers = run.workerBuffers.subarray(w * BL, (w + 1) * BL);
  privateBuffers.set(run.buffers);
  const network = new Network(task.model, {
    skipInit: true,
    seed: training.seed,
    weightDecay: training.weightDecay,
    dropoutStream: w === 0 ? 'dropout' : `dropout-${w}`,
    allocate: sequentialAllocator(run.params),
    allocateBuffer: sequentialAllocator(privateBuffers),
    allocateGrad: sequentialAllocator(run.grads.subarray(w * PL, (w + 1) * PL)),
  });

  // This worker's share of every parameter, as tensors the optimizer updates in place, and the summed
  // gradient of that share. A single worker's sum is its own gradient: the optimizer reads it where the
  // network wrote it, exactly the Trainer's step, with no copy.
  const ownedParams: Record<string, Tensor> = {};
  const ownedGrads: Record<string, Tensor> = {};
  // With two workers, each worker's gradient of this share as it lies in the shared buffer: an optimizer
  // that takes shares (fast/optimizers.ts) sums them inside its own step, one copy of the sum less.
  const ownedShares: [Record<string, Tensor>, Record<string, Tensor>] = [{}, {}];
  const owned = paramEntries.map((entry) => {
    const [a, b] = ownedAlignedRange(entry.length, w, W);
    ownedParams[entry.name] = new Tensor([b - a], run.params.subarray(entry.offset + a, entry.offset + b));
    ownedGrads[entry.name] = new Tensor([b - a], W === 1 ? run.grads.subarray(entry.offset, entry.offset + entry.length) : new Float32Array(b - a));
    if (W === 2) {
      for (const v of [0, 1] as const)
        ownedShares[v][entry.name] = new Tensor([b - a], run.grads.subarray(v * PL + entry.offset + a, v * PL + entry.offset + b));
    }
    return { name: entry.name, from: entry.offset + a, to: entry.offset + b };
  });
  const [bufferFrom, bufferTo] = ownedRange(BL, w, W);
  const optimizer = createOptimizer(training.optimizer);
  // The Trainer's `evaluate`, number for number, on buffers kept from one epoch to the next.
  const evaluator = new Evaluator(network, dataset.inputShape);
  const shuffle = new Rng(training.seed, 'shuffle');

  const train = dataset.train;
  const batch = Math.min(training.batchSize, train.count);
  const iterationsPerEpoch = Math.floor(train.count / batch);
  // Slice v of every mini-batch, and its weight in the mean gradient.
  const slices = Array.from({ length: W }, (_, v) => ownedRange(batch, v, W));
  const weights = slices.map(([a, b]) => (b - a) / batch);
  const [sliceFrom, sliceTo] = slices[w]!;
  const gatherer = new BatchGatherer(dataset.inputShape, 'float32');
  const stepStarts = new Float64Array(iterationsPerEpoch + 1);

  let iteration = 0;
  let lastEpoch: { epoch: number; trainAcc: number; testAcc: number } | null = null;
  const finalWeights = () =>
    weightsToJson(
      exportWeights(network, { ...task.meta, epochs: lastEpoch?.epoch ?? 0, trainAcc: lastEpoch?.trainAcc ?? null, testAcc: lastEpoch?.testAcc ?? null }),
    );
  let pending: number[] = [];
  let lastPost = now();
  const flush = () => {
    if (pending.length) report({ type: 'losses', items: pending });
    pending = [];
    lastPost = now();
  };

  for (let epoch = 1; epoch <= training.epochs; epoch++) {
    const order = epochOrder(shuffle, train.count, iterationsPerEpoch * batch, training.batches);
    const epochStart = now();
    let lossSum = 0;
    for (let step = 0; step < iterationsPerEpoch; step++) {
      stepStarts[step] = now();
      const from = step * batch;
      let loss = 0;
      if (sliceTo > sliceFrom) {
        const { x, t } = gatherer.gather(train, order, from + sliceFrom, from + sliceTo);
        loss = network.gradient(x, t);
      } else {
        run.grads.fill(0, w * PL, (w + 1) * PL);
      }
      run.scalars[w * SCALARS] = loss;
      barrier.wait();

      if (W === 2 && takesShares(optimizer)) {
        optimizer.updateShares(ownedParams, ownedShares, [weights[0]!, weights[1]!]);
      } else {
        if (W > 1) {
          for (const { name, from: a, to: b } of owned) sumShares(run.grads, PL, weights, a, b, ownedGrads[name]!.data as Float32Array);
        }
        optimizer.update(ownedParams, ownedGrads);
      }
      for (let i = bufferFrom; i < bufferTo; i++) {
        let sum = 0;
        for (let v = 0; v < W; v++) sum += weights[v]! * run.workerBuffers[v * BL + i]!;
        run.buffers[i] = sum;
      }
      iteration++;
      let total = 0;
      for (let v = 0; v < W; v++) total += weights[v]! * run.scalars[v * SCALARS]!;
      if (lead) {
        Atomics.store(run.sync, SYNC.DECISION, decide(run, report, flush));
        pending.push(iteration, total);
        if (now() - lastPost > 100) flush();
      }
      barrier.wait();

      if (!Number.isFinite(total)) {
        if (lead) {
          flush();
          const what = Number.isNaN(total) ? 'NaN' : 'infinite';
          report({ type: 'diverged', iteration, message: `the loss became ${what} at iteration ${iteration} — try a smaller learning rate` });
        }
        return;
      }
      if (Atomics.load(run.sync, SYNC.DECISION) === DECISION.STOP) {
        if (lead) {
          flush();
          report({ type: 'finished', outcome: 'cancelled', weights: finalWeights() });
        }
        return;
      }
      privateBuffers.set(run.buffers);
      lossSum += total;
    }

    stepStarts[iterationsPerEpoch] = now();
    const stepSeconds = (stepStarts[iterationsPerEpoch] - epochStart) / 1000;
    // Measure on both splits: all workers take batches of both until none is left.
    const { measuring } = run;
    if (lead) {
      flush();
      report({ type: 'measuring', epoch });
    }
    takeBatches(evaluator, train, measuring.train);
    takeBatches(evaluator, dataset.test, measuring.test);
    barrier.wait();
    if (lead) {
      const mine = sumTaken(measuring.train, train.count);
      const theirs = sumTaken(measuring.test, dataset.test.count);
      Atomics.store(measuring.train.next, 0, 0); // ready for the next epoch's measurement
      Atomics.store(measuring.test.next, 0, 0);
      flush();
      lastEpoch = { epoch, trainAcc: mine.correct / train.count, testAcc: theirs.correct / dataset.test.count };
      report({
        type: 'epoch',
        epoch,
        iteration,
        trainLoss: lossSum / iterationsPerEpoch,
        trainAcc: lastEpoch.trainAcc,
        testAcc: lastEpoch.testAcc,
        testLoss: theirs.lossSum / dataset.test.count,
        seconds: (now() - epochStart) / 1000,
        stepSeconds,
        stepMedianSeconds: medianStep(stepStarts) / 1000,
      });
    }
    barrier.wait(); // nobody starts the next epoch's measurement before the lead has read this one and reset the counters
  }
  if (lead) report({ type: 'finished', outcome: 'done', weights: finalWeights() });
}

/** The median of the differences between consecutive times in `starts` (ms; 0 without a step). */
function medianStep(starts: Float64Array): number {
  if (starts.length < 2) return 0;
  const steps = Float64Array.from({ length: starts.length - 1 }, (_, i) => starts[i + 1]! - starts[i]!).sort();
  const m = steps.length >> 1;
  return steps.length % 2 ? steps[m]! : (steps[m - 1]! + steps[m]!) / 2;
}

/** g[i − a] = Σ over workers v, in the order 0, 1, …, of weights[v]·grads[v·PL + i], for i in [a, b). */
function sumShares(grads: Float32Array, PL: number, weights: readonly number[], a: number, b: number, g: Float32Array): void {
  if (weights.length === 2) {
    // The general loop below for two workers, its inner loop unrolled: the same additions in the same order.
    sumTwoShares(grads.subarray(a, b), grads.subarray(PL + a, PL + b), weights[0]!, weights[1]!, g);
    return;
  }
  for (let i = a; i < b; i++) {
    let sum = 0;
    for (let v = 0; v < weights.length; v++) sum += weights[v]! * grads[v * PL + i]!;
    g[i - a] = sum;
  }
}

/** The lead reads the owner's wish between two steps; a pause holds every worker at the barrier. */
function decide(run: SharedRun, report: (r: WorkerReport) => void, flush: () => void): number {
  let control = Atomics.load(run.sync, SYNC.CONTROL);
  if (control === CONTROL.PAUSE) {
    flush();
    report({ type: 'paused' });
    while ((control = Atomics.load(run.sync, SYNC.CONTROL)) === CONTROL.PAUSE) {
      Atomics.wait(run.sync, SYNC.CONTROL, CONTROL.PAUSE, 1000);
    }
    if (control !== CONTROL.CANCEL) report({ type: 'resumed' });
  }
  return control === CONTROL.CANCEL ? DECISION.STOP : DECISION.CONTINUE;
}
