// Several processes share one database — the app, a CLI run, the web host. Writers queue on the
// busy timeout; no row is lost.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { BUSY_TIMEOUT_MS, openStoreDatabase } from '../../../main/store/open';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, bundleChild, countRows, removeTempDirs, runChild, tempDir } from './fixtures';

afterAll(removeTempDirs);

describe('sharing one database', () => {
  it("two stores on one file see and keep each other's writes", () => {
    const path = join(tempDir(), 'lab.db');
    const a = RunStore.open(path);
    const b = RunStore.open(path);
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(addRun(i % 2 ? a : b, { name: `run ${i}`, epochs: 3, finalStatus: 'done' }));
    a.updateRun(ids[0]!, { notes: 'written by a' });
    expect(b.getRun(ids[0]!).notes).toBe('written by a');
    expect(a.listRuns({ limit: 100 }).total).toBe(10);
    expect(b.listRuns({ limit: 100 }).total).toBe(10);
    a.close();
    b.close();
    expect(countRows(path, 'losses')).toBe(10 * 30);
    expect(countRows(path, 'epochs')).toBe(10 * 3);
  });

  it('four processes writing at the same time lose no run, epoch or loss', async () => {
    const path = join(tempDir(), 'lab.db');
    RunStore.open(path).close();
    const bundle = await bundleChild();
    const processes = 4;
    const runs = 20;
    const batches = 8;
    const results = await Promise.all(Array.from({ length: processes }, (_, p) => runChild(bundle, ['write', path, `p${p}`, String(runs), String(batches)])));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const reports = results.map((r) => JSON.parse(r.stdout) as { ids: number[]; started: number; ended: number });
    const ids = reports.flatMap((r) => r.ids);
    expect(new Set(ids).size).toBe(processes * runs);
    // The test means something only if writers really overlapped in time.
    const overlapping = reports.some((a, i) => reports.some((b, j) => i !== j && a.started < b.ended && b.started < a.ended));
    expect(overlapping).toBe(true);

    const store = RunStore.open(path);
    const page = store.listRuns({ limit: 500 });
    expect(page.total).toBe(processes * runs);
    expect(page.runs.every((r) => r.status === 'done' && r.epochsDone === batches && r.iterationsDone === batches * 100)).toBe(true);
    const detail = store.getRun(ids[ids.length - 1]!, 100_000);
    expect(detail.losses).toHaveLength(batches * 100);
    store.close();
    expect(countRows(path, 'losses')).toBe(processes * runs * batches * 100);
    expect(countRows(path, 'epochs')).toBe(processes * runs * batches);
    expect(countRows(path, 'owners')).toBe(processes);
  });

  it('waits its busy timeout (5 seconds) for a writer that holds the database, then refuses in a sentence, writing nothing', () => {
    const path = join(tempDir(), 'lab.db');
    const store = RunStore.open(path);
    const id = addRun(store, { epochs: 1 });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    let error: unknown;
    try {
      store.writeProgress(id, { losses: [{ iteration: 11, loss: 1 }], epochs: [], iterationsDone: 11 });
    } catch (e) {
      error = e;
    }
    holder.exec('ROLLBACK');
    holder.close();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('store');
    expect((error as LabError).message).toBe(
      `The lab database ${path} could not be written (another program kept it locked for more than 5 seconds); nothing was changed.`,
    );
    // How long it waited is SQLite's busy timeout, a setting of the store's own connections: the value is
    // checked here, the clock never (a test does not time things).
    const own = openStoreDatabase(path);
    expect(own.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    own.close();
    expect(BUSY_TIMEOUT_MS).toBe(5000);
    expect(store.getRun(id).iterationsDone).toBe(10);
    store.close();
  });
});
