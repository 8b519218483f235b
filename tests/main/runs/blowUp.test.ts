// A run that blows up is told so in words, whether or not its loss becomes NaN — through the real
// `dlab` command in a child process, onto a real database file, and back out of it: the warning is
// printed, stored with the run (status done: a warning, not a failure), shown by `dlab runs show`, and
// found again when the run is exported and imported into another lab. A NaN still fails the run.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';

const root = new URL('../../..', import.meta.url).pathname;
let dir: string;

interface Result {
  code: number;
  out: string;
  err: string;
}

function dlab(...argv: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/dlab.js'), ...argv], { cwd: dir }, (error, out, err) => {
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, out, err });
    });
  });
}

// The book's two-layer net on 1,000 MNIST digits, 3 epochs of 10 steps.
const mnistNet = (lr: number) => ({
  format: 'dlab-experiment',
  version: 1,
  name: `two-layer net, sgd ${lr}`,
  model: {
    input: [1, 28, 28],
    layers: [{ type: 'affine', units: 50, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 10, init: 'he' }, { type: 'softmax-with-loss' }],
  },
  data: { source: 'mnist', trainLimit: 1000 },
  training: { optimizer: { type: 'sgd', lr }, batchSize: 100, epochs: 3, seed: 1 },
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-blowup-'));
  writeFileSync(join(dir, 'huge.dlab.json'), JSON.stringify(mnistNet(1e6)));
  writeFileSync(join(dir, 'sane.dlab.json'), JSON.stringify(mnistNet(0.1)));
  // Unscaled spiral coordinates at lr 10⁶: this one does reach NaN.
  writeFileSync(
    join(dir, 'nan.dlab.json'),
    JSON.stringify({
      format: 'dlab-experiment',
      version: 1,
      name: 'spiral, sgd 1e6',
      model: { input: [2], layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
      data: { source: 'spiral', samples: 300, noise: 0.1 },
      training: { optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 30, epochs: 15, seed: 42 },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a run that blows up without a NaN', () => {
  it('finishes, prints the warning, and keeps it with the run; a sane learning rate gets none', async () => {
    const db = join(dir, 'lab.db');
    const huge = await dlab('train', 'huge.dlab.json', '--db', db, '--workers', '2');
    expect(huge.code).toBe(0);
    expect(huge.out).toMatch(/\nepoch 3\/3 {2}train loss 14\.\d{4} .*\ndone in .*: test accuracy 0\.\d{4}\n$/);
    expect(huge.err).toBe('Warning: the loss rose from 2.46 to 14.2 — the learning rate is probably too high.\n');

    const sane = await dlab('train', 'sane.dlab.json', '--db', db, '--workers', '2');
    expect(sane.code).toBe(0);
    expect(sane.err).toBe('');

    const store = RunStore.open(db);
    const [saneRun, hugeRun] = store.listRuns({ sort: 'startedAt', order: 'desc' }).runs;
    const lastEpoch = store.getRun(hugeRun!.id).epochs.at(-1)!;
    expect(hugeRun).toMatchObject({ status: 'done', failure: null, epochsDone: 3 });
    expect(hugeRun!.warning).toEqual({
      code: 'loss-rose',
      from: store.getRun(hugeRun!.id, 100_000).losses[0]!.loss,
      to: lastEpoch.trainLoss,
      message: 'the loss rose from 2.46 to 14.2 — the learning rate is probably too high',
    });
    expect(saneRun).toMatchObject({ status: 'done', failure: null, warning: null });
    store.close();

    // In the file: the code and its numbers beside the English sentence, for any reader of the database.
    const raw = new Database(db, { readonly: true });
    const text = raw.prepare('SELECT warning FROM runs WHERE id = ?').pluck().get(hugeRun!.id) as string;
    raw.close();
    expect(JSON.parse(text)).toMatchObject({ code: 'loss-rose', to: lastEpoch.trainLoss, message: expect.stringMatching(/^the loss rose/) });

    const shown = await dlab('runs', 'show', String(hugeRun!.id), '--db', db);
    expect(shown.out).toContain('\nwarning: the loss rose from 2.46 to 14.2 — the learning rate is probably too high\n');

    // Another lab imports the run and finds the same warning, worked out again from the run's own metrics.
    const exported = await dlab('runs', 'export', String(hugeRun!.id), '--db', db, '--dir', join(dir, 'out'));
    expect(exported.code).toBe(0);
    const file = readdirSync(join(dir, 'out')).find((name) => name.endsWith('.dlab-run.json'))!;
    const other = join(dir, 'other.db');
    expect((await dlab('runs', 'import', join(dir, 'out', file), '--db', other)).code).toBe(0);
    const imported = RunStore.open(other);
    expect(imported.listRuns({}).runs[0]).toMatchObject({ uid: hugeRun!.uid, status: 'done', warning: hugeRun!.warning });
    imported.close();
  });

  it('--json puts the warning, code and numbers, in the done object', async () => {
    const r = await dlab('train', 'huge.dlab.json', '--json', '--workers', '1', '--epochs', '1');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const done = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(done).toMatchObject({ event: 'done', warning: { code: 'loss-rose', message: expect.stringMatching(/^the loss rose from 2\.46 to 1\d\.\d — /) } });
    expect(done.warning.to).toBe(done.trainLoss);
  });

  it('a loss that becomes NaN still stops the run, with its reason and no warning', async () => {
    const db = join(dir, 'nan.db');
    const r = await dlab('train', 'nan.dlab.json', '--db', db, '--workers', '1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^the loss became (NaN|infinite) at iteration \d+ — try a smaller learning rate\.\n$/);
    const store = RunStore.open(db);
    expect(store.listRuns({}).runs[0]).toMatchObject({ status: 'failed', failure: expect.stringMatching(/^the loss became/), warning: null });
    store.close();
  });
});
