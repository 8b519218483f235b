// The entry of the lab's worker threads, built to dist/worker.mjs (Node cannot start a .ts worker).
// A worker either trains its share of a run (its buffers arrive shared, in the job), evaluates a
// weights file, or runs a gradient check — anything that would otherwise keep the main thread busy for seconds.
// The job is its workerData, or, for a thread started ahead of its run, its first message.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Dataset } from '../data/dataset';
import { isLabError } from '../errors';
import { evaluateTaking, type SharedEvaluation } from '../evaluation';
import { gradientCheck, randomizeBiases } from '../gradcheck';
import type { ModelSpec } from '../model';
import { Network } from '../network';
import { trainAsWorker, type WorkerTask } from '../parallel/training';
import { checkModelFitsData } from '../trainer';
import { Tensor } from '../tensor';
import { parseWeights } from '../weights';
import { enableRelaxedSimd } from './relaxedSimd';

/** A gradient check of a float64 network on one small batch (main chose the model and the batch). */
export interface GradcheckJob {
  job: 'gradcheck';
  model: ModelSpec;
  weightDecay: number;
  seed: number;
  /** Entries compared per parameter; 0 = all. */
  samples: number;
  x: { shape: number[]; data: Float64Array };
  t: Uint8Array;
}

export type WorkerJob =
  | ({ job: 'train' } & WorkerTask)
  | {
      job: 'evaluate';
      weightsText: string;
      fileName: string;
      dataset: Dataset;
      /** The measurement of the test split this worker takes batches of, with the others. */ shared: SharedEvaluation;
      maxMistakes?: number;
    }
  | GradcheckJob;

const port = parentPort;
if (!port) throw new Error('worker.mjs must run as a worker thread');
// Whatever started this thread, it multiplies on the kernel the app uses (see relaxedSimd.ts).
enableRelaxedSimd();
const started = workerData as WorkerJob | { job: 'wait' };
// A thread started ahead of its run (main/runs/warmThreads.ts) has booted by now: its job comes as a message.
if (started.job === 'wait') port.once('message', (job: WorkerJob) => run(port, job));
else run(port, started);

function run(port: MessagePort, job: WorkerJob): void {
  try {
    if (job.job === 'evaluate') {
      const { network } = parseWeights(job.weightsText, job.fileName);
      checkModelFitsData(network.plan, job.dataset);
      const { test, inputShape } = job.dataset;
      port.postMessage({ type: 'evaluation', result: evaluateTaking(network, test, inputShape, job.shared, job.maxMistakes) });
    } else if (job.job === 'gradcheck') {
      // Biases off zero, as `dlab gradcheck` does: a blank image patch would otherwise sit on a ReLU's kink.
      const network = new Network(job.model, { dtype: 'float64', seed: job.seed, weightDecay: job.weightDecay });
      randomizeBiases(network, job.seed);
      const x = new Tensor(job.x.shape, job.x.data);
      // One backward pass before the timed one: the numerical gradient's thousands of forward passes run
      // on warmed-up code, so the backward pass it is compared with should not pay for compilation.
      network.gradient(x, job.t);
      const result = gradientCheck(network, x, job.t, { samples: job.samples, seed: job.seed, now: () => performance.now() });
      port.postMessage({ type: 'gradcheck', result });
    } else {
      trainAsWorker(
        job,
        (report) => port.postMessage(report),
        () => performance.now(),
      );
    }
  } catch (error) {
    port.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      kind: isLabError(error) ? error.kind : null,
      details: isLabError(error) ? error.details : undefined,
      said: isLabError(error) ? error.said : undefined, // its code and values, so the app can say it in Korean
    });
  }
}
