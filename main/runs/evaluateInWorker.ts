// Evaluating a weights file takes seconds for a convolutional network: it runs on a worker thread so
// the main thread (and the window it serves) never stalls.

import { Worker } from 'node:worker_threads';
import type { Dataset } from '../../engine/data/dataset';
import { LabError, type LabErrorKind } from '../../engine/errors';
import type { DetailedEvaluation } from '../../engine/evaluation';
import { resolveWorkerScript } from './RunManager';

export function evaluateInWorker(weightsText: string, fileName: string, dataset: Dataset): Promise<DetailedEvaluation> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(resolveWorkerScript(), { workerData: { job: 'evaluate', weightsText, fileName, dataset } });
    let settled = false;
    worker.on('message', (message: { type: 'evaluation'; result: DetailedEvaluation } | { type: 'error'; message: string; kind: LabErrorKind | null }) => {
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
