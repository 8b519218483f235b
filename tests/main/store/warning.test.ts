// A run's divergence warning in the store: kept with its final status in one write, read back as code,
// numbers and sentence; an older database gains the column with its runs untouched; whatever another
// program left in the column never breaks a listing.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { DivergenceWarning } from '../../../engine/divergence';
import { LabError } from '../../../engine/errors';
import { RunStore } from '../../../main/store/RunStore';
import { migrate, migrations } from '../../../main/store/schema';
import { addRun, removeTempDirs, tempDir } from './fixtures';

afterAll(removeTempDirs);

const rose: DivergenceWarning = { code: 'loss-rose', from: 2.302, to: 14.6 };

describe('the warning column', () => {
  it('is written with the final status and read back with its sentence; a status without one clears it', () => {
    const store = RunStore.open(join(tempDir(), 'lab.db'));
    const id = addRun(store, { epochs: 1 });
    store.setStatus(id, 'done', undefined, rose);
    expect(store.getRun(id)).toMatchObject({
      status: 'done',
      failure: null,
      warning: { ...rose, message: 'the loss rose from 2.30 to 14.6 — the learning rate is probably too high' },
    });
    expect(store.listRuns({}).runs[0]!.warning?.code).toBe('loss-rose');
    store.setStatus(id, 'done');
    expect(store.getRun(id).warning).toBeNull();
    store.close();
  });

  it('refuses a warning that is not one the engine gives, and changes nothing', () => {
    const store = RunStore.open(join(tempDir(), 'lab.db'));
    const id = addRun(store, { epochs: 1 });
    const before = store.getRun(id);
    let error: unknown;
    try {
      store.setStatus(id, 'done', undefined, { code: 'loss-rose', from: Number.NaN, to: 3 } as DivergenceWarning);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toBe('A warning must be one the engine gives, with its numbers.');
    expect(store.getRun(id)).toEqual(before);
    store.close();
  });

  it('an older database gains the column; its runs have no warning and can be given one', () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    // Up to the step before the one that adds the column (later steps add other columns).
    migrate(
      old,
      migrations.slice(
        0,
        migrations.findIndex((step) => step.includes('ADD COLUMN warning')),
      ),
    );
    expect(old.prepare("SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'warning'").pluck().get()).toBe(0);
    old.close();
    // A run written by the older lab, then the database opened by this one.
    const before = RunStore.open(join(tempDir(), 'model.db'));
    const experiment = JSON.stringify(before.getRun(addRun(before)).experiment);
    before.close();
    const older = new Database(path);
    older
      .prepare(
        `INSERT INTO runs (uid, name, experiment, dataset, seed, workers, status, started_at, epochs_total, iterations_total, created_at, updated_at)
         VALUES ('old-1', 'from the older lab', ?, 'spiral', 1, 1, 'done', '2026-01-01T00:00:00.000Z', 2, 20, 0, 0)`,
      )
      .run(experiment);
    older.close();
    const store = RunStore.open(path);
    const [oldRun] = store.listRuns({}).runs;
    expect(oldRun).toMatchObject({ uid: 'old-1', status: 'done', warning: null });
    store.setStatus(oldRun!.id, 'cancelled', undefined, rose);
    expect(store.getRun(oldRun!.id).warning?.code).toBe('loss-rose');
    store.close();
  });

  it('text in the column that is not a warning this lab knows reads as none, never as an error', () => {
    const path = join(tempDir(), 'lab.db');
    const store = RunStore.open(path);
    const ids = [addRun(store), addRun(store), addRun(store), addRun(store)];
    store.close();
    const db = new Database(path);
    const put = db.prepare('UPDATE runs SET warning = ? WHERE id = ?');
    put.run('not json', ids[0]);
    put.run('{"code":"loss-sang","from":1,"to":2,"message":"a newer lab\'s warning"}', ids[1]);
    put.run('{"code":"loss-rose","from":"2.3","to":14}', ids[2]);
    put.run(JSON.stringify({ ...rose, message: 'stored English is not trusted: the sentence is made again' }), ids[3]);
    db.close();
    const reopened = RunStore.open(path);
    const byId = new Map(reopened.listRuns({}).runs.map((r) => [r.id, r.warning]));
    expect([byId.get(ids[0]!), byId.get(ids[1]!), byId.get(ids[2]!)]).toEqual([null, null, null]);
    expect(byId.get(ids[3]!)?.message).toBe('the loss rose from 2.30 to 14.6 — the learning rate is probably too high');
    reopened.close();
  });
});
