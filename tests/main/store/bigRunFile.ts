// A real exported run grown to a given number of losses: the largest file the lab takes is one at
// LOSSES_PER_RUN_MAX; and a file far past it, written to disk. Shared by the worker-thread, dlab and web host tests.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, tempDir } from './fixtures';

/** A run file of one done run (with weights) whose losses are `count` of them: iteration 1, 2, …, loss 2/√i to 6 places. */
export function runFileWithLosses(count: number): string {
  const store = RunStore.open(join(tempDir(), 'source.db'));
  const id = addRun(store, { name: 'a long run', epochs: 2, weights: true, finalStatus: 'done' });
  const file = JSON.parse(store.exportRun(id));
  store.close();
  file.runs[0].losses = '@@LOSSES@@';
  const losses = Array.from({ length: count }, (_, i) => `[${i + 1},${(2 / Math.sqrt(i + 1)).toFixed(6)}]`).join(',');
  return JSON.stringify(file).replace('"@@LOSSES@@"', `[${losses}]`);
}

/** Writes a run file of `pairs` losses to disk a chunk at a time, as a disk or a classmate might have. */
export async function writeHugeRunFile(path: string, pairs: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    '{"format":"dlab-run","version":1,"runs":[{"uid":"u1","name":"huge","status":"done","failure":null,"experiment":{},"dataset":"spiral",' +
      '"seed":1,"workers":1,"startedAt":"2024-05-01T09:30:00.000Z","finishedAt":null,"durationMs":null,"epochsTotal":1,' +
      '"iterationsTotal":1,"iterationsDone":1,"notes":"","tags":[],"epochs":[],"losses":[',
  );
  const CHUNK = 10_000;
  for (let first = 1; first <= pairs; first += CHUNK) {
    const parts: string[] = [];
    for (let i = first; i < Math.min(first + CHUNK, pairs + 1); i++) parts.push(`[${i},${1 + (i % 9) / 10}]`);
    if (!out.write((first > 1 ? ',' : '') + parts.join(','))) await once(out, 'drain');
  }
  out.end('],"weights":null}]}');
  await once(out, 'finish');
}
