// The entry of the lab's worker threads, built to dist/worker.js (Node cannot start a .ts worker).
// A worker either trains its share of a run (its buffers arrive shared, in workerData), or
// evaluates a weights file — anything that would otherwise keep the main thread busy for seconds.

import { parentPort, workerData } from 'node:worker_threads';
import type { Dataset } from '../data/dataset';
import { isLabError } from '../errors';
import { evaluateDetailed } from '../evaluation';
import { trainAsWorker, type WorkerTask } from '../parallel/training';
import { checkModelFitsData } from '../trainer';
import { parseWeights } from '../weights';

export type WorkerJob =
  | ({ job: 'train' } & WorkerTask)
  | { job: 'evaluate'; weightsText: string; fileName: string; dataset: Dataset };

const port = parentPort;
if (!port) throw new Error('worker.js must run as a worker thread');
const job = workerData as WorkerJob;
try {
  if (job.job === 'evaluate') {
    const { network } = parseWeights(job.weightsText, job.fileName);
    checkModelFitsData(network.plan, job.dataset);
    port.postMessage({ type: 'evaluation', result: evaluateDetailed(network, job.dataset.test, job.dataset.inputShape) });
  } else {
    trainAsWorker(job, (report) => port.postMessage(report), () => performance.now());
  }
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    kind: isLabError(error) ? error.kind : null,
    details: isLabError(error) ? error.details : undefined,
  });
}
