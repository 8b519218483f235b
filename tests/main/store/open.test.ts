// Opening the lab database: the schema, surviving close and reopen, and every refusal — each with a
// sentence naming the file, and the file left byte for byte as it was.

import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { RunStore } from '../../../main/store/RunStore';
import { APPLICATION_ID, SCHEMA_VERSION, migrate, migrations } from '../../../main/store/schema';
import { addRun, bundleChild, removeTempDirs, runChild, tempDir } from './fixtures';

afterAll(removeTempDirs);

function refusal(open: () => unknown): LabError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected the store to refuse to open');
}

function pragmas(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      app: db.pragma('application_id', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(),
    };
  } finally {
    db.close();
  }
}

describe('opening the store', () => {
  it('creates the schema, marks the file as a lab database at the current version, in WAL mode', () => {
    const path = join(tempDir(), 'lab.db');
    RunStore.open(path).close();
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(pragmas(path)).toEqual({
      version: SCHEMA_VERSION,
      app: APPLICATION_ID,
      journal: 'wal',
      tables: ['epochs', 'losses', 'owners', 'runs', 'start_weights', 'weights'],
    });
  });

  it('keeps every run across close and open, and migrates nothing twice', () => {
    const path = join(tempDir(), 'lab.db');
    const first = RunStore.open(path);
    const id = addRun(first, { name: 'kept', epochs: 3, weights: true, finalStatus: 'done' });
    first.updateRun(id, { notes: 'a note', tags: ['x'] });
    const before = first.getRun(id);
    const weights = first.getWeights(id);
    first.close();

    const second = RunStore.open(path);
    expect(second.getRun(id)).toEqual(before);
    expect(second.getWeights(id)).toBe(weights);
    second.close();
    expect(pragmas(path).version).toBe(SCHEMA_VERSION);
  });

  it('migrates step by step, each step with its version in one transaction', () => {
    const path = join(tempDir(), 'lab.db');
    RunStore.open(path).close();
    const db = new Database(path);
    const later = [...migrations, 'CREATE TABLE notes_v2 (run_id INTEGER, text TEXT)', 'CREATE TABLE half_done (x); THIS IS NOT SQL'];
    expect(() => migrate(db, later)).toThrow();
    // The good step is in; the failing one left no trace, not even the table it created before failing.
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('notes_v2', 'half_done')").pluck().all()).toEqual(['notes_v2']);
    db.close();
    // This lab now sees a database from its future, and says so.
    expect(refusal(() => RunStore.open(path)).message).toContain(
      `was written by a newer version of the lab (schema ${SCHEMA_VERSION + 1}; this lab knows ${SCHEMA_VERSION})`,
    );
  });

  it('turns an empty file into a lab database, and opens one in memory', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    RunStore.open(path).close();
    expect(pragmas(path).version).toBe(SCHEMA_VERSION);

    const memory = RunStore.open(':memory:');
    expect(memory.listRuns({}).total).toBe(0);
    addRun(memory);
    expect(memory.listRuns({}).total).toBe(1);
    memory.close();
  });
});

describe('refusing a database', () => {
  it('refuses a file that is not a database, and leaves it byte for byte as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'lab.db');
    const garbage = Buffer.from('these are not the pages of a database\n'.repeat(200));
    writeFileSync(path, garbage);
    const error = refusal(() => RunStore.open(path));
    expect(error.kind).toBe('store');
    expect(error.message).toBe(
      `The lab database ${path} is damaged or is not a lab database (file is not a database); it was left as it is — move it away to start a new one.`,
    );
    expect(readFileSync(path).equals(garbage)).toBe(true);
    expect(readdirSync(dir)).toEqual(['lab.db']);
  });

  it('refuses a damaged database whose header says SQLite, unchanged', () => {
    const dir = tempDir();
    const path = join(dir, 'lab.db');
    RunStore.open(path).close();
    const damaged = readFileSync(path);
    damaged.fill(0xa5, 100); // keep the 100-byte header, scramble every page
    writeFileSync(path, damaged);
    const error = refusal(() => RunStore.open(path));
    expect(error.kind).toBe('store');
    expect(error.message).toMatch(/^The lab database .* is damaged or is not a lab database \(.+\); it was left as it is — move it away to start a new one\.$/);
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('refuses a database written by a newer version of the lab, unchanged', () => {
    const path = join(tempDir(), 'lab.db');
    const db = new Database(path);
    db.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY, future TEXT); INSERT INTO runs (future) VALUES ('from the future')");
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION + 6}`);
    db.close();
    const bytes = readFileSync(path);
    const error = refusal(() => RunStore.open(path));
    expect(error.kind).toBe('store');
    expect(error.message).toBe(
      `The lab database ${path} was written by a newer version of the lab (schema ${SCHEMA_VERSION + 6}; this lab knows ${SCHEMA_VERSION}); it was left as it is — open it with the newer lab.`,
    );
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses the SQLite database of another program, unchanged', () => {
    for (const [app, version] of [
      [0, 0],
      [12345, 3],
    ]) {
      const path = join(tempDir(), 'other.db');
      const db = new Database(path);
      db.exec('CREATE TABLE contacts (name TEXT)');
      db.pragma(`application_id = ${app}`);
      db.pragma(`user_version = ${version}`);
      db.close();
      const bytes = readFileSync(path);
      const error = refusal(() => RunStore.open(path));
      expect(error.message).toBe(
        `The lab database ${path} is damaged or is not a lab database (it holds the tables of another program); it was left as it is — move it away to start a new one.`,
      );
      expect(readFileSync(path).equals(bytes)).toBe(true);
    }
  });

  it('refuses a path in a folder that does not exist, creating nothing', () => {
    const dir = tempDir();
    const folder = join(dir, 'no', 'such');
    const error = refusal(() => RunStore.open(join(folder, 'lab.db')));
    expect(error.kind).toBe('store');
    expect(error.message).toBe(`The lab database ${join(folder, 'lab.db')} cannot be created: the folder ${folder} does not exist; nothing was created.`);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('refuses a folder given as the database', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'runs.db'));
    const error = refusal(() => RunStore.open(join(dir, 'runs.db')));
    expect(error.message).toBe(`The lab database ${join(dir, 'runs.db')} is a folder, not a database file; it was left as it is.`);
  });
});

describe('refusing a database that cannot be written', () => {
  // Root writes through any file mode, so chmod alone proves nothing when the tests run as root.
  // The store then runs in a child process as the unprivileged user "nobody" (uid 65534), where the
  // modes below really stop writes — and the child reports its uid, so the test knows it was honest.
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : undefined;
  let bundle: string;

  beforeAll(async () => {
    bundle = await bundleChild();
  });

  async function openElsewhere(path: string) {
    const result = await runChild(bundle, ['open', path], uid);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { uid: number; opened: boolean; labError?: boolean; kind?: string; message?: string };
    expect(report.uid).not.toBe(0);
    return report;
  }

  function labDatabase(dir: string): string {
    chmodSync(dir, 0o755);
    const path = join(dir, 'lab.db');
    const store = RunStore.open(path);
    addRun(store, { finalStatus: 'done' });
    store.close();
    return path;
  }

  it('the child opens a writable database (the control case)', async () => {
    const dir = tempDir();
    const path = labDatabase(dir);
    chmodSync(dir, 0o777);
    chmodSync(path, 0o666);
    expect(await openElsewhere(path)).toMatchObject({ opened: true });
  });

  it('refuses a read-only database file, unchanged (SQLite answers SQLITE_READONLY to the probe write)', async () => {
    const dir = tempDir();
    const path = labDatabase(dir);
    chmodSync(dir, 0o777);
    chmodSync(path, 0o444);
    const bytes = readFileSync(path);
    const report = await openElsewhere(path);
    expect(report).toMatchObject({ opened: false, labError: true, kind: 'store' });
    expect(report.message).toBe(`The lab database ${path} cannot be written (permission denied); it was left as it is — choose a folder you can write to.`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a database in a read-only folder, unchanged', async () => {
    const dir = tempDir();
    const path = labDatabase(dir);
    chmodSync(path, 0o666);
    chmodSync(dir, 0o555);
    const bytes = readFileSync(path);
    const report = await openElsewhere(path);
    expect(report).toMatchObject({ opened: false, labError: true, kind: 'store' });
    expect(report.message).toContain('cannot be written (permission denied); it was left as it is');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses to create a new database in a read-only folder, creating nothing', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    const report = await openElsewhere(join(dir, 'new.db'));
    expect(report).toMatchObject({ opened: false, labError: true, kind: 'store' });
    expect(report.message).toContain('cannot be written (permission denied)');
    expect(readdirSync(dir)).toEqual([]);
  });
});
