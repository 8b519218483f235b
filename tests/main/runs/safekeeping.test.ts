// The run manager when the store will not take a run's end: a recovery file beside the database, a
// sentence that says where, and an import that takes the run back under its own id. Also: nothing a
// listener or another program does to the run's row reaches the process; imports commit run by run.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import type { RunEvent } from '../../../main/api/contract';
import { RunManager } from '../../../main/runs/RunManager';
import { RunStore } from '../../../main/store/RunStore';
import { importRunByRun, insertRecords } from '../../../main/store/transfer';
import { parseRunFile } from '../../../main/store/runFile';
import { addRun } from '../store/fixtures';
import { cleanUp, root, tempDir, toyExperiment } from './troubleFixtures';

afterAll(cleanUp);

function openManager(db: string, endBusyBoundMs?: number) {
  const store = RunStore.open(db);
  const manager = new RunManager({ store, cores: Math.min(2, availableParallelism()), endBusyBoundMs });
  const events: RunEvent[] = [];
  const waiters: { test: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }[] = [];
  manager.onEvent((e) => {
    events.push(e);
    for (const w of [...waiters])
      if (w.test(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
  });
  const until = (test: (e: RunEvent) => boolean) =>
    new Promise<RunEvent>((resolve) => {
      const found = events.find(test);
      if (found) resolve(found);
      else waiters.push({ test, resolve });
    });
  const close = async () => {
    await manager.close();
    store.close();
  };
  return { store, manager, events, until, close };
}

const ended = (runId: number) => (e: RunEvent) => e.runId === runId && e.type === 'status' && ['done', 'cancelled', 'failed'].includes(e.status);
const epoch = (runId: number) => (e: RunEvent) => e.runId === runId && e.type === 'epoch';

describe('a run the store will not take', () => {
  it('a lock held past the bound: the run goes to a recovery file beside the database, and importing it completes the same run', async () => {
    const db = join(tempDir(), 'lab.db');
    const { store, manager, until, close } = openManager(db, 1500);
    try {
      const runId = await manager.start(toyExperiment(5), { workers: 1 });
      await until(epoch(runId));
      const holder = new Database(db);
      holder.exec('BEGIN IMMEDIATE');
      const end = (await until(ended(runId))) as Extract<RunEvent, { type: 'status' }>;
      holder.exec('ROLLBACK');
      holder.close();

      const recovery = /saved to (\S+) instead/.exec(end.failure ?? '')?.[1] ?? '';
      expect(end.status).toBe('done');
      expect(recovery).toMatch(new RegExp(`^${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.recovery/run-[0-9a-f-]{36}\\.dlab-run\\.json$`));
      expect(end.failure).toBe(
        `Run ${runId} finished, but the lab database ${db} could not store it (another program kept it locked for more than 200 ms), ` +
          `so its weights and metrics were saved to ${recovery} instead — dlab runs import ${recovery} --db ${db} takes it back once the database can be written.`,
      );
      expect(existsSync(recovery)).toBe(true);
      expect(store.getRun(runId).status).toBe('running'); // the store never took its end

      expect(store.importRuns(readFileSync(recovery, 'utf8'))).toEqual({ imported: 1, duplicates: 0 });
      const run = store.getRun(runId, 100_000);
      expect(run.status).toBe('done');
      expect(run.epochs).toHaveLength(5);
      expect(run.losses).toHaveLength(800);
      expect(JSON.parse(store.getWeights(runId)!).format).toBe('dlab-weights');
      expect(store.listRuns({}).total).toBe(1);
      // Once taken back, the file changes nothing more.
      expect(store.importRuns(readFileSync(recovery, 'utf8'))).toEqual({ imported: 0, duplicates: 1 });
    } finally {
      await close();
    }
  }, 30_000);

  it('a listener that throws and a run row deleted by another program mid-run reach neither the process nor the other runs', async () => {
    const db = join(tempDir(), 'lab.db');
    const { store, manager, until, close } = openManager(db);
    manager.onEvent(() => {
      throw new Error('a window that went away');
    });
    try {
      const doomed = await manager.start(toyExperiment(20), { workers: 1 });
      const fine = await manager.start(toyExperiment(3), { workers: 1 });
      await until(epoch(doomed));
      const other = new Database(db);
      other.pragma('foreign_keys = ON');
      other.prepare('DELETE FROM runs WHERE id = ?').run(doomed);
      other.close();

      const end = (await until(ended(doomed))) as Extract<RunEvent, { type: 'status' }>;
      expect(end.status).toBe('failed');
      expect(end.failure).toMatch(
        new RegExp(
          `^Run ${doomed} failed \\(its metrics could not be saved: There is no run ${doomed}\\), but the lab database .+ could not store it \\(There is no run ${doomed}\\), so its weights and metrics were saved to (\\S+) instead`,
        ),
      );
      const recovery = /saved to (\S+) instead/.exec(end.failure!)![1]!;
      const record = parseRunFile(readFileSync(recovery, 'utf8')).runs[0]!;
      expect(record.status).toBe('failed');
      expect(record.epochs.length).toBeGreaterThanOrEqual(1);

      expect(((await until(ended(fine))) as { status: string }).status).toBe('done');
      expect(store.getRun(fine).epochs).toHaveLength(3);
    } finally {
      await close();
    }
  }, 30_000);
});

describe('importing many runs', () => {
  it('commits run by run: a writer with half a second of patience gets in while a big import runs', async () => {
    const dir = tempDir();
    const source = RunStore.open(join(dir, 'source.db'));
    addRun(source, { epochs: 20, iterationsPerEpoch: 1000, weights: true, finalStatus: 'done' });
    const one = JSON.parse(source.exportRun(1));
    source.close();
    const runs = Array.from({ length: 40 }, (_, i) => ({ ...one.runs[0], uid: `run-${i}`, name: `run ${i}` }));
    const file = join(dir, 'class.dlab-run.json');
    writeFileSync(file, JSON.stringify({ ...one, runs }));
    const db = join(dir, 'lab.db');
    RunStore.open(db).close();

    const importing = spawn(process.execPath, [join(root, 'bin/dlab.js'), 'runs', 'import', file, '--db', db]);
    let output = '';
    importing.stdout.on('data', (d: Buffer) => (output += d.toString()));
    importing.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => importing.on('close', resolve));
    let running = true;
    void exited.then(() => (running = false));

    const writer = new Database(db, { timeout: 500 });
    const seenMidImport: number[] = [];
    let refused: unknown = null;
    while (running) {
      try {
        writer.exec('BEGIN IMMEDIATE');
        const stored = writer.prepare('SELECT count(*) FROM runs').pluck().get() as number;
        writer
          .prepare(
            "INSERT INTO owners (instance, pid, hostname, heartbeat_at) VALUES ('writer', 1, 'test', ?) ON CONFLICT (instance) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
          )
          .run(Date.now());
        writer.exec('COMMIT');
        if (stored > 0 && stored < 40) seenMidImport.push(stored);
      } catch (error) {
        refused = error;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writer.close();
    expect(await exited).toBe(0);
    expect(output).toBe('imported 40 runs\n');
    expect(refused).toBeNull();
    expect(seenMidImport.length).toBeGreaterThan(0); // the writer really got in between the import's runs
    const store = RunStore.open(db);
    expect(store.listRuns({ limit: 100 }).total).toBe(40);
    store.close();
  }, 120_000);

  it('an import that stops half-way says how far it got, and importing the same file again adds the rest', () => {
    const dir = tempDir();
    const source = RunStore.open(join(dir, 'source.db'));
    for (let i = 0; i < 5; i++) addRun(source, { name: `run ${i}`, finalStatus: 'done' });
    const files = [1, 2, 3, 4, 5].map((id) => JSON.parse(source.exportRun(id)));
    source.close();
    const text = JSON.stringify({ ...files[0], runs: files.map((f) => f.runs[0]) });
    const db = join(dir, 'lab.db');
    const sqlite = new Database(db);
    RunStore.open(db).close();

    let calls = 0;
    const records = parseRunFile(text).runs;
    expect(() =>
      importRunByRun(records, (run) => {
        if (++calls === 3) throw new LabError('store', `The lab database ${db} could not be written (the disk is full); nothing was changed.`);
        return sqlite.transaction(() => insertRecords(sqlite, [run]))();
      }),
    ).toThrow(
      `The lab database ${db} could not be written (the disk is full) — 2 of 5 runs were imported before it stopped; importing the same file again adds the rest.`,
    );
    sqlite.close();

    const store = RunStore.open(db);
    expect(store.listRuns({}).total).toBe(2);
    expect(store.importRuns(text)).toEqual({ imported: 3, duplicates: 2 });
    expect(
      store
        .listRuns({})
        .runs.map((r) => r.name)
        .sort(),
    ).toEqual(['run 0', 'run 1', 'run 2', 'run 3', 'run 4']);
    store.close();
  });
});
