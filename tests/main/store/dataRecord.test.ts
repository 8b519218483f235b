// A run's record of the files its data came from: an older database gains the column with its runs
// untouched (they have none), whatever another program left in the column never breaks reading a run,
// and Compare names a "data files" difference only when the recorded contents differ.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { migrate, migrations } from '../../../main/store/schema';
import { addRun, removeTempDirs, tempDir } from './fixtures';

afterAll(removeTempDirs);

describe('the data_record column', () => {
  it('an older database gains it; its runs have no record and compare as before', () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    migrate(
      old,
      migrations.slice(
        0,
        migrations.findIndex((step) => step.includes('ADD COLUMN data_record')),
      ),
    );
    expect(old.prepare("SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'data_record'").pluck().get()).toBe(0);
    old.close();
    const store = RunStore.open(path);
    const [a, b] = [addRun(store, { epochs: 1 }), addRun(store, { epochs: 1 })];
    expect(store.getRun(a).dataRecord).toBeUndefined();
    expect(store.compareRuns([a, b]).differences.map((d) => d.path)).not.toContain('data files');
    store.close();
  });

  it('text that is not a record is read as none, never as a failure', () => {
    const path = join(tempDir(), 'lab.db');
    const store = RunStore.open(path);
    const id = addRun(store, { epochs: 1 });
    const other = addRun(store, { epochs: 1 });
    const third = addRun(store, { epochs: 1 });
    store.close();
    const raw = new Database(path);
    raw.prepare('UPDATE runs SET data_record = ? WHERE id = ?').run('{not json', id);
    raw.prepare('UPDATE runs SET data_record = ? WHERE id = ?').run('{"files":3}', other);
    const folderless = third;
    raw.prepare('UPDATE runs SET data_record = ? WHERE id = ?').run('{"files":[],"folder":3,"classes":2}', folderless);
    raw.close();
    const again = RunStore.open(path);
    expect(again.getRun(id).dataRecord).toBeUndefined();
    expect(again.getRun(other).dataRecord).toBeUndefined();
    expect(again.getRun(folderless).dataRecord).toBeUndefined();
    expect(again.compareRuns([id, other]).differences.map((d) => d.path)).not.toContain('data files');
    again.close();
  });
});
