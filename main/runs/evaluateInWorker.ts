// Evaluating a weights file takes seconds for a convolutional network: it runs on worker threads so
// the main thread (and the window it serves) never stalls — on every core, each worker measuring its
// own consecutive part of the test split, the parts then added up (engine/evaluation.ts mergeDetailed).

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../../engine/data/dataset';
import { LabError, type LabErrorKind } from '../../engine/errors';
import { mergeDetailed, type DetailedEvaluation } from '../../engine/evaluation';
import { resolveWorkerScript } from './RunManager';

type Part = DetailedEvaluation & { lossSum: number };
type Message = { type: 'evaluation'; result: Part } | { type: 'error'; message: string; kind: LabErrorKind | null };

/** Samples per evaluation batch (engine/evaluation.ts): parts start on a batch boundary, so each batch is the one a single worker would take. */
const BATCH = 500;
/** Below this many samples per worker a second thread costs more to start than it saves. */
const MIN_PER_WORKER = 2000;

/** [from, to) of each worker's part: whole batches, as even as they come. */
export function evaluationParts(count: number, workers: number): [number, number][] {
  const batches = Math.ceil(count / BATCH);
  const parts = Math.max(1, Math.min(workers, batches, Math.floor(count / MIN_PER_WORKER)));
  return Array.from({ length: parts }, (_, i) => [
    Math.min(count, Math.floor((batches * i) / parts) * BATCH),
    Math.min(count, Math.floor((batches * (i + 1)) / parts) * BATCH),
  ]);
}

export function evaluateInWorker(
  weightsText: string, fileName: string, dataset: Dataset, workers = Math.min(2, availableParallelism()),
): Promise<DetailedEvaluation> {
  const parts = evaluationParts(dataset.test.count, workers);
  const threads: Worker[] = [];
  return Promise.all(parts.map(([from, to]) => measure(weightsText, fileName, dataset, from, to, threads)))
    .then((results) => mergeDetailed(results))
    .finally(() => threads.forEach((t) => void t.terminate()));
}

function measure(weightsText: string, fileName: string, dataset: Dataset, from: number, to: number, threads: Worker[]): Promise<Part> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(resolveWorkerScript(), { workerData: { job: 'evaluate', weightsText, fileName, dataset, from, to } });
    threads.push(worker);
    let settled = false;
    worker.on('message', (message: Message) => {
      settled = true;
      if (message.type === 'evaluation') resolve(message.result);
      else reject(message.kind ? new LabError(message.kind, message.message) : new Error(message.message));
      void worker.terminate();
    });
    worker.on('error', (error) => {
      if (!settled) reject(new Error(`the evaluation thread failed: ${error.message}`));
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the evaluation thread stopped unexpectedly (exit code ${code})`));
      settled = true;
    });
  });
}
