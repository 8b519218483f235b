// A real exported run grown to a given number of losses: the largest file the lab takes is one at
// LOSSES_PER_RUN_MAX. Shared by the worker-thread and the web host tests.

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
