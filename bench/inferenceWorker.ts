// One thread of the inference benchmark (bench/ours.ts), bundled by scripts/bench.mjs to
// dist/bench-inference-worker.js. It runs what the app's `evaluate` job runs — evaluateDetailed on its
// own part of the split — and times it from inside the thread: thread start-up, weight parsing and the
// first (compiling) passes stay out of the figure. All threads start every timed round together at a
// barrier, so a round's time on the slowest thread is the wall time of the whole split.

import { parentPort, workerData } from 'node:worker_threads';
import type { DataSplit } from '../engine/data/dataset';
import { evaluateDetailed } from '../engine/evaluation';
import { Barrier } from '../engine/parallel/barrier';
import { enableRelaxedSimd } from '../engine/node/relaxedSimd';
import { parseWeights } from '../engine/weights';

export interface InferenceJob {
  weightsText: string;
  split: DataSplit;
  inputShape: number[];
  from: number;
  to: number;
  /** Barrier.SLOTS Int32 slots on a SharedArrayBuffer, for `threads` parties. */
  sync: Int32Array;
  threads: number;
  /** Passes over the part per timed round (the same on every thread), and timed rounds. */
  passes: number;
  rounds: number;
}

const job = workerData as InferenceJob;
enableRelaxedSimd(); // as the app's evaluate job does (engine/node/worker.ts)
const { network } = parseWeights(job.weightsText, 'bench');
const barrier = new Barrier(job.sync, 0, job.threads);
const pass = () => evaluateDetailed(network, job.split, job.inputShape, 100, job.from, job.to);
for (let i = 0; i < 2; i++) pass(); // warm-up: compilation, buffers
const seconds: number[] = [];
for (let r = 0; r < job.rounds; r++) {
  barrier.wait();
  const start = performance.now();
  for (let p = 0; p < job.passes; p++) pass();
  seconds.push((performance.now() - start) / 1000);
}
parentPort!.postMessage(seconds);
