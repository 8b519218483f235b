import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/dlab';
import type { CliIo } from '../../main/cli/io';
import { RunStore } from '../../main/store/RunStore';
import { addRun, hashDatabase } from './store/fixtures';
import * as sample from './store/sample';

async function dlab(...argv: string[]) {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stderrIsTTY: false,
    columns: 80,
    now: () => performance.now(),
    cancelled: { value: false },
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
  };
  const status = await runCli(argv, io);
  return { status, out: io.out, err: io.err, json: () => JSON.parse(io.out) };
}

const experiment = (lr: number) => ({
  format: 'dlab-experiment',
  version: 1,
  name: `xor lr ${lr}`,
  model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'tanh' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
  data: { source: 'xor', samples: 200, noise: 0.05 },
  training: { optimizer: { type: 'sgd', lr }, batchSize: 20, epochs: 3, seed: 5 },
});

describe('dlab runs', () => {
  it('lists, shows, compares, exports, imports (once) and deletes stored runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-runs-'));
    const db = join(dir, 'class.sqlite');
    for (const lr of [0.1, 0.5]) {
      writeFileSync(join(dir, `xor-${lr}.dlab.json`), JSON.stringify(experiment(lr)));
      const r = await dlab('train', join(dir, `xor-${lr}.dlab.json`), '--db', db, '--json', '--workers', '1');
      expect(r.status, r.err).toBe(0);
    }
    const list = (await dlab('runs', 'list', '--db', db, '--json')).json();
    expect(list.total).toBe(2);
    const [second, first] = list.runs; // newest first
    expect([first.name, second.name]).toEqual(['xor lr 0.1', 'xor lr 0.5']);
    expect(first).toMatchObject({ status: 'done', epochsDone: 3, hasWeights: true, workers: 1 });

    const show = (await dlab('runs', 'show', String(first.id), '--db', db, '--json')).json();
    expect(show.epochs).toHaveLength(3);
    const text = await dlab('runs', 'show', String(first.id), '--db', db);
    expect(text.out).toMatch(/epoch +iteration +train loss/);
    expect(text.out).not.toContain('started from');

    const compare = (await dlab('runs', 'compare', String(first.id), String(second.id), '--db', db, '--json')).json();
    expect(compare.differences.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['name', 'training.optimizer.lr']));

    const exported = (await dlab('runs', 'export', String(first.id), '--db', db, '--dir', join(dir, 'out'), '--json')).json();
    expect(exported.written).toHaveLength(3);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([`run-${first.id}.dlab-run.json`, `run-${first.id}.metrics.csv`, `run-${first.id}.weights.json`]);
    expect(readFileSync(join(dir, 'out', `run-${first.id}.metrics.csv`), 'utf8').split('\n')[0]).toBe(
      'epoch,iteration,train_loss,train_acc,test_acc,test_loss,seconds',
    );

    // A teacher's database takes the exported file and a whole student database, once.
    const teacher = join(dir, 'teacher.sqlite');
    expect((await dlab('runs', 'import', join(dir, 'out', `run-${first.id}.dlab-run.json`), '--db', teacher, '--json')).json()).toEqual({
      imported: 1,
      duplicates: 0,
    });
    expect((await dlab('runs', 'import', db, '--db', teacher, '--json')).json()).toEqual({ imported: 1, duplicates: 1 });
    expect((await dlab('runs', 'import', db, '--db', teacher, '--json')).json()).toEqual({ imported: 0, duplicates: 2 });
    expect((await dlab('runs', 'list', '--db', teacher, '--json')).json().total).toBe(2);

    expect((await dlab('runs', 'delete', String(first.id), '--db', db)).status).toBe(0);
    expect((await dlab('runs', 'list', '--db', db, '--json')).json().total).toBe(1);
    const missing = await dlab('runs', 'show', String(first.id), '--db', db);
    expect(missing.status).toBe(2);
    expect(missing.err).toBe(`There is no run ${first.id}.\n`);
  });

  it('says when a run continued from a weights file', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dlab-runs-')), 'continued.sqlite');
    const store = RunStore.open(db);
    const exp = sample.experiment();
    const id = addRun(store, { name: 'continued', experiment: exp, finalStatus: 'done', startWeights: sample.weightsText(exp) });
    store.close();
    const text = await dlab('runs', 'show', String(id), '--db', db);
    expect(text.status).toBe(0);
    expect(text.out).toContain('started from: the weights file it continued from (kept with the run), not its seed\n');
    expect((await dlab('runs', 'show', String(id), '--db', db, '--json')).json().startedFrom).toBe('weights');
  });

  it('reads through the lab’s API without writing itself into the database, and holds --limit to the API’s bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-runs-read-'));
    const db = join(dir, 'lab.sqlite');
    writeFileSync(join(dir, 'xor.dlab.json'), JSON.stringify(experiment(0.1)));
    expect((await dlab('train', join(dir, 'xor.dlab.json'), '--db', db, '--json', '--workers', '1')).status).toBe(0);
    const before = hashDatabase(db);
    // Listing, showing and exporting open the same service as the app, which no longer registers a
    // process as a run owner (a row in owners) until it trains.
    expect((await dlab('runs', 'list', '--db', db)).status).toBe(0);
    expect((await dlab('runs', 'show', '1', '--db', db)).status).toBe(0);
    expect((await dlab('runs', 'export', '1', '--dir', join(dir, 'out'), '--db', db)).status).toBe(0);
    expect(hashDatabase(db)).toBe(before);
    const tooMany = await dlab('runs', 'list', '--limit', '10001', '--db', db);
    expect(tooMany.status).toBe(2);
    expect(tooMany.err).toBe('listRuns: query.limit must be a whole number from 1 to 10000.\n');
    const noRun = await dlab('runs', 'show', '0', '--db', db);
    expect(noRun.err).toBe('getRun: runId must be a run id (a whole number from 1 up).\n');
  });

  it('refuses what it cannot do, in one sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-runs-bad-'));
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database at all, but it is long enough to look like one maybe');
    const cases: [string[], RegExp][] = [
      [['runs', 'frobnicate', '--db', join(dir, 'a.sqlite')], /^dlab runs needs one of list, show, compare, export, import, delete, not "frobnicate"/],
      [['runs', 'show', 'abc', '--db', join(dir, 'a.sqlite')], /^"abc" is not a run id/],
      [['runs', 'list', '--db', garbage], /^The lab database .*garbage\.sqlite is damaged or is not a lab database/],
      [['runs', 'list', '--status', 'happy', '--db', join(dir, 'a.sqlite')], /^--status takes queued, running/],
    ];
    for (const [argv, message] of cases) {
      const r = await dlab(...argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
    }
    expect(readFileSync(garbage, 'utf8')).toMatch(/^this is not a database/); // left as it was
  });
});
