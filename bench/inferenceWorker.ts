// One thread of the inference benchmark (bench/ours.ts), bundled by scripts/bench.mjs to
// dist/bench-inference-worker.js. It runs what the app's `evaluate` job runs — evaluateTaking, the
// threads taking a split's batches one after another from a shared counter — and times it from inside
// the thread: thread start-up, weight parsing and the first (compiling) batches stay out of the figure.
// All threads start every timed round together at a barrier and work until no batch of the round's
// passes is left; a round's time on the slowest thread is the wall time of those passes.

import { parentPort, workerData } from 'node:worker_threads';
import type { DataSplit } from '../engine/data/dataset';
import { Evaluator, evaluateTaking, type SharedEvaluation } from '../engine/evaluation';
import { Barrier } from '../engine/parallel/barrier';
import { enableRelaxedSimd } from '../engine/node/relaxedSimd';
import { parseWeights } from '../engine/weights';

export interface InferenceJob {
  weightsText: string;
  split: DataSplit;
  inputShape: number[];
  /** Barrier.SLOTS Int32 slots on a SharedArrayBuffer, for `threads` parties. */
  sync: Int32Array;
  threads: number;
  /** One shared measurement per pass of every round: rounds × passes of them. */
  measurements: SharedEvaluation[];
  passes: number;
  rounds: number;
}

const job = workerData as InferenceJob;
enableRelaxedSimd(); // as the app's evaluate job does (engine/node/worker.ts)
const { network } = parseWeights(job.weightsText, 'bench');
const barrier = new Barrier(job.sync, 0, job.threads);
// warm-up, each thread on its own: compilation, buffers
const warm = new Evaluator(network, job.inputShape);
for (let i = 0; i < 2; i++) warm.run(job.split, 0, Math.min(job.split.count, 2000));
const seconds: number[] = [];
for (let r = 0; r < job.rounds; r++) {
  barrier.wait();
  const start = performance.now();
  for (let p = 0; p < job.passes; p++) evaluateTaking(network, job.split, job.inputShape, job.measurements[r * job.passes + p]);
  seconds.push((performance.now() - start) / 1000);
}
parentPort!.postMessage(seconds);
