// Evaluating a weights file takes seconds for a convolutional network: it runs on worker threads so
// the main thread (and the window it serves) never stalls — on every core, the workers taking the
// test split's batches one after another as each finishes its last, the figures then added up in batch
// order (engine/evaluation.ts, SharedEvaluation): the very numbers of one pass on one thread.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../../engine/data/dataset';
import { LabError, type LabErrorKind } from '../../engine/errors';
import type { LabMessage } from '../../engine/messages';
import { EVALUATION_BATCH, mergeTaken, sharedEvaluation, type DetailedEvaluation, type SharedEvaluation, type TakenPart } from '../../engine/evaluation';
import { resolveWorkerScript } from './RunManager';

type Message = { type: 'evaluation'; result: TakenPart } | { type: 'error'; message: string; kind: LabErrorKind | null; said?: LabMessage };

/** Below this many samples per worker a second thread costs more to start than it saves. */
const MIN_PER_WORKER = 2000;

/** How many threads measure a split of `count` samples: up to `workers`, none idle for want of batches. */
export function evaluationThreads(count: number, workers: number): number {
  return Math.max(1, Math.min(workers, Math.ceil(count / EVALUATION_BATCH), Math.floor(count / MIN_PER_WORKER)));
}

/** `maxMistakes`: how many of the first mistakes to list (index, label, guess); 100 unless asked for more. */
export function evaluateInWorker(
  weightsText: string,
  fileName: string,
  dataset: Dataset,
  workers = Math.min(2, availableParallelism()),
  maxMistakes = 100,
): Promise<DetailedEvaluation> {
  const count = dataset.test.count;
  const shared = sharedEvaluation(count);
  const threads: Worker[] = [];
  return Promise.all(Array.from({ length: evaluationThreads(count, workers) }, () => measure(weightsText, fileName, dataset, shared, threads, maxMistakes)))
    .then((parts) => mergeTaken(parts, shared, count, maxMistakes))
    .finally(() => threads.forEach((t) => void t.terminate()));
}

function measure(
  weightsText: string,
  fileName: string,
  dataset: Dataset,
  shared: SharedEvaluation,
  threads: Worker[],
  maxMistakes: number,
): Promise<TakenPart> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(resolveWorkerScript(), { workerData: { job: 'evaluate', weightsText, fileName, dataset, shared, maxMistakes } });
    threads.push(worker);
    let settled = false;
    worker.on('message', (message: Message) => {
      settled = true;
      if (message.type === 'evaluation') resolve(message.result);
      else reject(message.kind ? new LabError(message.kind, message.message, {}, message.said) : new Error(message.message));
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
