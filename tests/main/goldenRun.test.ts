// The seeded numbers of one epoch of the book's SimpleConvNet on the bundled digits, through `dlab train`
// exactly as a learner runs it, with one worker and with two. They are the lab's record that a change did
// not move the arithmetic: a new kernel, a fused step or a copy taken out must leave every bit where it was
// (or say, in its commit, that it moves them and by how much). Two workers sum their halves' gradients in
// another order than one worker's whole batch, so their figures differ from one worker's in the last
// digits, and each is fixed on its own.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dlab-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The `done` event of `dlab train examples/simple-convnet.dlab.json --epochs 1 --json --workers W`. */
function trainOnce(workers: number): Record<string, number> {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'bin/dlab.js'),
      'train',
      join(root, 'examples/simple-convnet.dlab.json'),
      '--epochs',
      '1',
      '--json',
      '--workers',
      String(workers),
      '--db',
      join(dir, `w${workers}.db`),
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const done = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, number> & { event: string })
    .find((event) => event.event === 'done');
  expect(done, run.stdout).toBeDefined();
  return done!;
}

describe('SimpleConvNet, one seeded epoch on the bundled digits', () => {
  it.each([
    [1, { iterations: 80, trainLoss: 0.494262792058169, testAcc: 0.935370741482966, testLoss: 0.23808998129143727 }],
    [2, { iterations: 80, trainLoss: 0.4942627922973427, testAcc: 0.935370741482966, testLoss: 0.2380899835473598 }],
  ])(
    'gives the recorded numbers to the last bit with %i worker(s)',
    (workers, recorded) => {
      const done = trainOnce(workers);
      expect({ iterations: done.iterations, trainLoss: done.trainLoss, testAcc: done.testAcc, testLoss: done.testLoss }).toEqual(recorded);
    },
    120_000,
  );
});
