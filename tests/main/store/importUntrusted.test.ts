// Another lab's database is a classmate's file: it may be damaged, huge or crafted. Importing from
// it reads a private copy — nothing is written beside the original, not even SQLite's -wal/-shm —
// and refuses, in one sentence and importing nothing, any file whose schema is not exactly the lab's,
// that fails quick_check, or that is larger than an import reads.

import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, openSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { runCli } from '../../../main/cli/dlab';
import { IMPORT_BYTES_MAX, IMPORT_LIMITS } from '../../../main/store/open';
import { RunStore } from '../../../main/store/RunStore';
import { io } from '../../main/cliIo';
import { addRun, bundleChild, hashDatabase, removeTempDirs, runChild, tempDir } from './fixtures';

afterAll(removeTempDirs);

/** Every file in the folder: its bytes' hash and its modification time. */
function snapshot(dir: string): Record<string, { sha256: string; mtimeMs: number }> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        {
          sha256: createHash('sha256')
            .update(readFileSync(join(dir, name)))
            .digest('hex'),
          mtimeMs: statSync(join(dir, name)).mtimeMs,
        },
      ]),
  );
}

/** A classmate's lab database with three runs (one with weights), closed. */
function classmate(path: string): void {
  const store = RunStore.open(path);
  addRun(store, { name: 'mina: first', epochs: 3, weights: true, finalStatus: 'done' });
  addRun(store, { name: 'mina: second', finalStatus: 'failed', failure: 'The loss became NaN.' });
  addRun(store, { name: 'mina: third', epochs: 1, finalStatus: 'cancelled' });
  store.close();
}

/** The classmate's database altered by hand, as someone crafting a file would. */
function craft(path: string, sql: string): void {
  const raw = new Database(path);
  raw.pragma('foreign_keys = OFF');
  raw.exec(sql);
  raw.close();
}

function teacher(): { store: RunStore; path: string; before: string } {
  const path = join(tempDir('dlab-teacher-'), 'teacher.db');
  const store = RunStore.open(path);
  addRun(store, { name: 'the demo', finalStatus: 'done' });
  return { store, path, before: hashDatabase(path) };
}

const copies = tempDir('dlab-copies-');

/** Runs `act` with the temporary folder pointed at `copies`, then checks that the private copy is gone. */
async function importing<T>(act: () => T | Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = copies;
  expect(tmpdir()).toBe(copies);
  try {
    return await act();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    expect(readdirSync(copies)).toEqual([]);
  }
}

async function refusal(act: () => unknown): Promise<LabError> {
  try {
    await importing(act);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected the import to be refused');
}

const untouched = 'nothing was imported and it was left as it is.';

describe('importing an untrusted lab database', () => {
  it('refuses a database whose runs is a view over an endless recursive query, without running it', async () => {
    const dir = tempDir();
    const path = join(dir, 'mina.db');
    classmate(path);
    craft(path, 'DROP TABLE runs; CREATE VIEW runs AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS id FROM n;');
    // The trap is real: the view never ends (here cut off after a million rows).
    const peek = new Database(path, { readonly: true });
    expect(peek.prepare('SELECT count(*) FROM (SELECT id FROM runs LIMIT 1000000)').pluck().get()).toBe(1_000_000);
    peek.close();
    const before = snapshot(dir);

    const lab = teacher();
    const error = await refusal(() => lab.store.importDatabase(path));
    expect([error.kind, error.message]).toEqual([
      'store',
      `The database ${path} is damaged or is not a lab database (its runs is a view, not a table); ${untouched}`,
    ]);
    expect(snapshot(dir)).toEqual(before);
    expect(hashDatabase(lab.path)).toBe(lab.before);
    lab.store.close();
  });

  it('refuses a database with an extra, altered or missing table, index or trigger, naming it', async () => {
    const cases: [string, string][] = [
      ['CREATE TABLE photos (path TEXT);', 'it has a table photos that a lab database does not have'],
      ['ALTER TABLE runs ADD COLUMN secret TEXT;', 'its table runs is not defined as the lab defines it'],
      ['DROP TABLE start_weights;', 'it has no table start_weights'],
      ['DROP INDEX runs_by_status; CREATE INDEX runs_by_status ON runs (status, name);', 'its index runs_by_status is not defined as the lab defines it'],
      ['CREATE TRIGGER tidy AFTER INSERT ON epochs BEGIN DELETE FROM weights; END;', 'it has a trigger tidy that a lab database does not have'],
      ['CREATE VIEW best AS SELECT * FROM runs;', 'it has a view best that a lab database does not have'],
    ];
    const lab = teacher();
    for (const [sql, reason] of cases) {
      const dir = tempDir();
      const path = join(dir, 'mina.db');
      classmate(path);
      craft(path, sql);
      const before = snapshot(dir);
      const error = await refusal(() => lab.store.importDatabase(path));
      expect(error.message, sql).toBe(`The database ${path} is damaged or is not a lab database (${reason}); ${untouched}`);
      expect(snapshot(dir), sql).toEqual(before);
    }
    expect(hashDatabase(lab.path)).toBe(lab.before);
    lab.store.close();
  });

  it('refuses a damaged database that quick_check finds, even where reading its runs would not notice', async () => {
    const dir = tempDir();
    const path = join(dir, 'mina.db');
    classmate(path);
    // Zero the page of an index that importing never reads: only an integrity check can find it.
    const raw = new Database(path, { readonly: true });
    const page = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'runs_by_name'").pluck().get() as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    const stillReads = new Database(path, { readonly: true });
    expect(stillReads.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(3);
    stillReads.close();
    const before = snapshot(dir);

    const lab = teacher();
    const error = await refusal(() => lab.store.importDatabase(path));
    expect(error.kind).toBe('store');
    expect(error.message).toMatch(
      new RegExp(
        `^The database ${path.replace(/[.]/g, '\\.')} is damaged or is not a lab database \\(quick_check found: Tree \\d+ page \\d+: .+\\); ${untouched}$`,
      ),
    );
    expect(snapshot(dir)).toEqual(before);
    expect(hashDatabase(lab.path)).toBe(lab.before);
    lab.store.close();
  });

  it('refuses a database larger than one import reads: too many runs, too long a text, too heavy a file', async () => {
    const lab = teacher();
    const dir = tempDir();

    const many = join(dir, 'many.db');
    classmate(many);
    craft(
      many,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT ${IMPORT_LIMITS.runs})
      INSERT INTO runs (uid, name, experiment, dataset, seed, workers, status, started_at, epochs_total, iterations_total, created_at, updated_at)
      SELECT 'copy-' || i, 'copy', experiment, dataset, seed, workers, status, started_at, epochs_total, iterations_total, 0, 0 FROM n, (SELECT * FROM runs LIMIT 1);`,
    );
    expect((await refusal(() => lab.store.importDatabase(many))).message).toBe(
      `The database ${many} is too large to import: it holds 10,003 runs, and a lab imports at most 10,000; ${untouched}`,
    );

    const long = join(dir, 'long.db');
    classmate(long);
    craft(long, `UPDATE runs SET notes = printf('%.*c', ${IMPORT_LIMITS.textBytes + 1}, 'x') WHERE id = 2;`);
    expect((await refusal(() => lab.store.importDatabase(long))).message).toBe(
      `The database ${long} is too large to import: its runs.notes holds a text of 64 MB, and a lab imports texts of at most 64 MB; ${untouched}`,
    );

    // A file that says it is SQLite and weighs more than the limit (sparse: it takes no disk), through dlab.
    const heavyDir = tempDir();
    const heavy = join(heavyDir, 'heavy.db');
    writeFileSync(heavy, 'SQLite format 3\0');
    truncateSync(heavy, IMPORT_BYTES_MAX + 1);
    const { size, mtimeMs } = statSync(heavy);
    const captured = io();
    expect(await importing(() => runCli(['runs', 'import', heavy, '--db', lab.path], captured))).not.toBe(0);
    expect(captured.err).toContain(
      `The database ${heavy} is too large to import: it weighs 1,024 MB with its -wal, and a lab imports databases of at most 1,024 MB; ${untouched}`,
    );
    expect(readdirSync(heavyDir)).toEqual(['heavy.db']);
    expect(statSync(heavy)).toMatchObject({ size, mtimeMs });
    lab.store.close();
    expect(hashDatabase(lab.path)).toBe(lab.before);
  }, 60_000);

  it('imports a valid classmate database leaving nothing beside it and its bytes and times unchanged', async () => {
    const dir = tempDir();
    const path = join(dir, 'mina.db');
    classmate(path);
    const before = snapshot(dir);
    expect(Object.keys(before)).toEqual(['mina.db']);

    const lab = teacher();
    expect(await importing(() => lab.store.importDatabase(path))).toEqual({ imported: 3, duplicates: 0 });
    expect(snapshot(dir)).toEqual(before);
    expect(lab.store.listRuns({ search: 'mina' }).total).toBe(3);
    lab.store.close();
  });

  it('imports from a classmate database that its lab has open in WAL mode, with the commits still in its -wal', async () => {
    const dir = tempDir();
    const path = join(dir, 'mina.db');
    const open = RunStore.open(path); // the classmate's lab, still running
    addRun(open, { name: 'mina: only in the wal', epochs: 2, weights: true, finalStatus: 'done' });
    const before = snapshot(dir);
    expect(Object.keys(before)).toEqual(['mina.db', 'mina.db-shm', 'mina.db-wal']);
    // The test means something only if the database file alone lacks the run: it is still in the -wal.
    const fileAlone = join(tempDir(), 'file-alone.db');
    writeFileSync(fileAlone, readFileSync(path));
    const alone = new Database(fileAlone, { readonly: true });
    expect(alone.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").pluck().get()).toBe(0);
    alone.close();

    const lab = teacher();
    const captured = io();
    expect(await importing(() => runCli(['runs', 'import', path, '--db', lab.path, '--json'], captured))).toBe(0);
    expect(JSON.parse(captured.out)).toEqual({ imported: 1, duplicates: 0 });
    expect(snapshot(dir)).toEqual(before);
    const store = RunStore.open(lab.path);
    expect(store.listRuns({ search: 'only in the wal' }).runs[0]).toMatchObject({ status: 'done', epochsDone: 2, hasWeights: true });
    store.close();
    lab.store.close();
    open.close();
  });

  describe("as a user who may not write beside the classmate's file", () => {
    // Root reads and writes through any file mode: the import then runs in a child process as the
    // unprivileged user "nobody" (uid 65534), which reports its uid so the test knows it was honest.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;

    async function importElsewhere(other: string) {
      const dir = tempDir();
      chmodSync(dir, 0o777);
      const teacherPath = join(dir, 'teacher.db');
      const result = await runChild(await bundleChild(), ['import', teacherPath, other], uid);
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as { uid: number; result?: unknown; message?: string };
      expect(report.uid).not.toBe(0);
      return report;
    }

    it('imports from a read-only folder a database copied there with its live -wal, leaving the folder as it was', async () => {
      const live = tempDir();
      const store = RunStore.open(join(live, 'mina.db'));
      addRun(store, { name: 'mina: in the wal', finalStatus: 'done' });
      const dir = tempDir();
      for (const suffix of ['', '-wal']) copyFileSync(join(live, `mina.db${suffix}`), join(dir, `mina.db${suffix}`));
      store.close();
      for (const suffix of ['', '-wal']) chmodSync(join(dir, `mina.db${suffix}`), 0o444);
      chmodSync(dir, 0o555);
      const before = snapshot(dir);

      expect(await importElsewhere(join(dir, 'mina.db'))).toMatchObject({ result: { imported: 1, duplicates: 0 } });
      expect(snapshot(dir)).toEqual(before);
    });

    it('refuses a database it may not read, in a sentence', async () => {
      const dir = tempDir();
      chmodSync(dir, 0o755);
      const path = join(dir, 'mina.db');
      classmate(path);
      chmodSync(path, 0o000);
      expect(await importElsewhere(path)).toMatchObject({
        message: `The database ${path} cannot be read (permission denied); ${untouched}`,
      });
    });
  });
});
