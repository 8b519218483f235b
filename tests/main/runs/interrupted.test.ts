// A run whose process is killed outright keeps every epoch written before the kill and becomes
// "interrupted"; a run another live process is training is never touched.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../main/runs/RunManager';
import { RunStore } from '../../../main/store/RunStore';

const root = new URL('../../..', import.meta.url).pathname;

function startTraining(dir: string): { child: ChildProcessWithoutNullStreams; epochs: (n: number) => Promise<number>; db: string } {
  const experiment = {
    format: 'dlab-experiment',
    version: 1,
    name: 'to be killed',
    model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 50 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
    data: { source: 'mnist' },
    training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 100, epochs: 200, seed: 1 },
  };
  const file = join(dir, 'long.dlab.json');
  writeFileSync(file, JSON.stringify(experiment));
  const db = join(dir, 'lab.sqlite');
  const child = spawn(process.execPath, [join(root, 'bin/dlab.js'), 'train', file, '--db', db, '--json', '--workers', '1']);
  let seen = 0;
  const waiting: { n: number; resolve: (seen: number) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (JSON.parse(line).event === 'epoch') seen++;
    for (const w of waiting.filter((w) => seen >= w.n)) w.resolve(seen);
  });
  return { child, db, epochs: (n) => new Promise((resolve) => waiting.push({ n, resolve })) };
}

describe('runs that lose their process', () => {
  it('kill -9 mid-epoch: the run becomes interrupted and keeps every epoch written before the kill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-kill-'));
    const { child, db, epochs } = startTraining(dir);
    const printed = await epochs(2);
    await new Promise((resolve) => setTimeout(resolve, 150)); // into the next epoch
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const store = RunStore.open(db);
    try {
      const [before] = store.listRuns({}).runs;
      expect(before!.status).toBe('running'); // nobody has looked yet
      const changed = store.recoverInterrupted(randomUUID(), isProcessAlive);
      expect(changed).toEqual([before!.id]);
      const run = store.getRun(before!.id);
      expect(run.status).toBe('interrupted');
      expect(run.epochs.length).toBeGreaterThanOrEqual(printed);
      expect(run.epochs.map((e) => e.epoch)).toEqual(run.epochs.map((_, i) => i + 1));
      expect(run.losses.length).toBeGreaterThanOrEqual(printed * 80);
      expect(run.finishedAt).not.toBeNull();
    } finally {
      store.close();
    }
  });

  it('a run another live process is training is never marked interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-live-'));
    const { child, db, epochs } = startTraining(dir);
    await epochs(1);
    const store = RunStore.open(db);
    try {
      expect(store.recoverInterrupted(randomUUID(), isProcessAlive)).toEqual([]);
      expect(store.listRuns({}).runs[0]!.status).toBe('running');
    } finally {
      store.close();
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  });
});
