// The app and `dlab` may both be started on a lab database that does not exist yet, at the same
// moment: both create it, one migrates it, neither fails.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../main/store/schema';
import { bundleChild, countRows, removeTempDirs, runChild, tempDir } from './fixtures';

afterAll(removeTempDirs);

interface OpenReport {
  opened: boolean;
  message?: string;
  started: number;
  ended: number;
}

describe('two processes creating one new database at once', () => {
  it('20 rounds: both always open it, and it ends at this version with one set of tables', async () => {
    const bundle = await bundleChild();
    const dir = tempDir();
    let overlapped = 0;
    for (let round = 0; round < 20; round++) {
      const path = join(dir, `lab-${round}.db`);
      const results = await Promise.all([runChild(bundle, ['open-together', path, 'a', 'b']), runChild(bundle, ['open-together', path, 'b', 'a'])]);
      const reports = results.map((r) => {
        expect(r.stderr, `round ${round}`).toBe('');
        return JSON.parse(r.stdout) as OpenReport;
      });
      expect(
        reports.map((r) => r.message ?? 'opened'),
        `round ${round}`,
      ).toEqual(['opened', 'opened']);
      if (reports[0]!.started <= reports[1]!.ended && reports[1]!.started <= reports[0]!.ended) overlapped++;

      const db = new Database(path, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").pluck().get()).toBe(1);
      db.close();
      expect(countRows(path, 'runs')).toBe(0);
    }
    // The rounds mean something only if the two opens really ran at the same time (the race failed the
    // old migration in the first few rounds; a busy machine may serialise some of them).
    expect(overlapped).toBeGreaterThanOrEqual(5);
    const store = RunStore.open(join(dir, 'lab-0.db'));
    expect(store.listRuns({}).total).toBe(0);
    store.close();
  }, 120_000);
});
