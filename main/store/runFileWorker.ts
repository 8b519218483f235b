// The entry of the thread that parses and checks a dlab-run file, built to dist/worker-runfile.mjs: a
// file of a million losses takes seconds to parse and check, and the app's main thread (which answers
// the window and the web host) must not stall for them. See runFileThread.ts.

import { parentPort, workerData } from 'node:worker_threads';
import { isLabError } from '../../engine/errors';
import { parseRunFile } from './runFile';
import type { RunFileThreadJob, RunFileThreadReply } from './runFileThread';

const port = parentPort;
if (!port) throw new Error('worker-runfile.mjs must run as a worker thread');
const { text, label } = workerData as RunFileThreadJob;
let reply: RunFileThreadReply;
try {
  reply = { type: 'parsed', file: parseRunFile(text, label) };
} catch (error) {
  reply = isLabError(error)
    ? {
        type: 'refused',
        message: error.message,
        kind: error.kind,
        path: typeof error.details.path === 'string' ? error.details.path : undefined,
        ...(error.said ? { said: error.said } : {}),
      }
    : { type: 'failed', message: error instanceof Error ? error.message : String(error) };
}
port.postMessage(reply);
