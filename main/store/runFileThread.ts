// A dlab-run file parsed and checked on a worker thread (runFileWorker.ts), for the doors whose main
// thread must keep answering: the app's window and the web host. The checked runs come back as plain
// data (structured clone) for RunStore.importRunFile to insert.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LabError, labError, type LabErrorKind } from '../../engine/errors';
import type { LabMessage } from '../../engine/messages';
import { outsideAsar } from '../../engine/node/asarUnpacked';
import type { RunFile } from './runFile';

export interface RunFileThreadJob {
  text: string;
  label: string;
}

export type RunFileThreadReply =
  | { type: 'parsed'; file: RunFile }
  | { type: 'refused'; message: string; kind: LabErrorKind; path?: string; said?: LabMessage }
  | { type: 'failed'; message: string };

/** dist/worker-runfile.mjs beside the running bundle, or the built one when running from the sources (tests). */
export function resolveRunFileWorkerScript(): string {
  const candidates = [new URL('./worker-runfile.mjs', import.meta.url), new URL('../../dist/worker-runfile.mjs', import.meta.url)].map((url) =>
    outsideAsar(fileURLToPath(url)),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the run file worker is not built (looked for ${candidates.join(', ')}); run npm run build:node`);
  return found;
}

/** parseRunFile on its own thread: resolves with the checked file, rejects with its LabError. */
export function parseRunFileInWorker(text: string, label = 'The run file'): Promise<RunFile> {
  if (typeof text !== 'string') return Promise.reject(labError('file', 'runFile.notText', { label }));
  return new Promise((resolve, reject) => {
    const job: RunFileThreadJob = { text, label };
    const worker = new Worker(resolveRunFileWorkerScript(), { workerData: job });
    let settled = false;
    worker.on('message', (reply: RunFileThreadReply) => {
      settled = true;
      if (reply.type === 'parsed') resolve(reply.file);
      else if (reply.type === 'refused') reject(new LabError(reply.kind, reply.message, reply.path === undefined ? {} : { path: reply.path }, reply.said));
      else reject(new Error(`the run file thread failed: ${reply.message}`));
      void worker.terminate();
    });
    worker.on('error', (error) => {
      if (!settled) reject(new Error(`the run file thread failed: ${error.message}`));
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the run file thread stopped unexpectedly (exit code ${code})`));
      settled = true;
    });
  });
}
