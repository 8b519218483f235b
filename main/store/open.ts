// Opening a lab database, or refusing to with one sentence. Whatever is wrong with the file — damaged,
// some other program's database, written by a newer lab, not writable — it is left exactly as it was:
// nothing here ever replaces, truncates or deletes a file. Every check that can be made by reading is
// made before the first write, and the first write is a probe that is rolled back.
//
// Another lab's database, to import from, is untrusted: a classmate's file may be damaged, huge, or
// crafted (a "runs" that is a view over an endless query). It is read from a private copy (nothing is
// written beside it), with trusted_schema off, and only after its schema has been found equal to
// ours, quick_check has passed and its sizes are within the limits below.
// (Just past 400 lines: the lab's own file and a classmate's are opened by the same refusals, which
// read best in one place.)
// Past 400 lines because every refusal before the first write is checked here in order, one after the other;
// split, the order that keeps a file untouched would be spread over files.

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LabError, labError } from '../../engine/errors';
import { englishMessage, type LabMessage, type LabMessageCode, type MessageValues } from '../../engine/messages';
import { copyDatabasePrivately, freeTemporaryBytes, measureDatabase } from './privateCopy';
import { APPLICATION_ID, SCHEMA_VERSION, applicationId, isEmptyDatabase, migrate, schemaVersion } from './schema';
import { refuseNetworkPath } from '../../engine/paths';

type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5000;

/**
 * The most another lab's database (with its -wal) may weigh to be imported. A run of the book's
 * SimpleConvNet takes about 5.5 MB (its weights file is 5.45 MB; 20 epochs of MNIST losses 0.3 MB),
 * so a student's database of a hundred such runs is about half of this; and every run is read into
 * memory before one is stored.
 */
export const IMPORT_BYTES_MAX = 1024 ** 3;
/** Room the temporary folder must keep free beyond the copy. */
const SPARE_BYTES = 64 * 1024 ** 2;
/** What one import reads at most: rows in all, and the bytes of any one text (a weights file is the largest). */
export const IMPORT_LIMITS = { runs: 10_000, epochs: 1_000_000, losses: 5_000_000, textBytes: 64 * 1024 ** 2 };
/** Every text column a run is read from, for the size limit. */
const TEXT_COLUMNS = [
  ...['uid', 'name', 'experiment', 'dataset', 'failure', 'started_at', 'finished_at', 'notes', 'tags'].map((c) => ['runs', c]),
  ['weights', 'json'],
  ['start_weights', 'json'],
] as const;

const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

/** 'store': the database the lab works in. 'import': another lab's database, read only, to merge from. */
type Role = 'store' | 'import';

class Refusal {
  constructor(
    readonly path: string,
    readonly role: Role,
  ) {}

  /** A refusal of the table said of this database: its role names it ("The lab database …") and what was left. */
  private said(code: LabMessageCode, values: MessageValues = {}): LabError {
    return labError('store', code, { db: this.role, path: this.path, left: this.role, ...values });
  }

  /** `reason`: a key of the table's reasons (empty, otherProgram, oddWal) or SQLite's own words. */
  damaged(reason: string): LabError {
    return this.said('store.damaged', { reason });
  }

  newer(version: number): LabError {
    return this.said('store.newer', { version, known: SCHEMA_VERSION });
  }

  older(version: number): LabError {
    return this.said('store.older', { version });
  }

  notWritable(): LabError {
    return this.said('store.notWritable');
  }

  missingFolder(folder: string): LabError {
    return this.said('store.missingFolder', { folder });
  }

  missingFile(): LabError {
    return this.said('store.missingFile');
  }

  folder(): LabError {
    return this.said('store.isFolder');
  }

  notAFile(): LabError {
    return this.said('store.notAFile');
  }

  tooManyRows(count: number, rows: string, limit: number): LabError {
    return this.said('store.tooManyRows', { count: count.toLocaleString('en'), rows, limit: limit.toLocaleString('en') });
  }

  textTooLarge(column: string, bytes: number): LabError {
    return this.said('store.textTooLarge', { column, size: megabytes(bytes), limit: megabytes(IMPORT_LIMITS.textBytes) });
  }

  tooHeavy(bytes: number): LabError {
    return this.said('store.tooHeavy', { size: megabytes(bytes), limit: megabytes(IMPORT_BYTES_MAX) });
  }

  noRoom(needed: number, free: number): LabError {
    return this.said('store.noRoom', { needed: megabytes(needed), free: megabytes(free) });
  }

  filledUp(): LabError {
    return this.said('store.filledUp');
  }

  /** `why`: a file system code (EACCES…) or words of its own. */
  unreadable(why: string): LabError {
    return this.said('store.unreadable', { reason: why });
  }

  changing(): LabError {
    return this.said('store.changing');
  }

  /** Turns whatever went wrong while opening into a sentence. */
  explain(error: unknown): LabError {
    if (error instanceof LabError) return error;
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (typeof code === 'string') {
      if (this.role === 'import' && (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')) return this.unreadable(message);
      if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return this.damaged(message);
      if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN') return this.notWritable();
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return this.said('store.locked', { reason: message });
      if (code === 'SQLITE_FULL') return this.said('store.diskFull');
    }
    return this.said('store.cannotOpen', { reason: message });
  }
}

/**
 * Checks what SQLite would explain badly, before it touches anything. Whether the file may be
 * written is left to SQLite itself — a probe write, below — the one check that cannot disagree with it.
 */
function checkPath(path: string, refusal: Refusal, readonly: boolean): void {
  refuseNetworkPath(path, 'The database');
  const absolute = resolve(path);
  const folder = dirname(absolute);
  if (!existsSync(absolute)) {
    if (readonly) throw refusal.missingFile();
    if (!existsSync(folder)) throw refusal.missingFolder(folder);
    return;
  }
  if (statSync(absolute).isDirectory()) throw refusal.folder();
}

/**
 * Reads the header: refuses files that are not lab databases, or that are of a version we cannot use.
 * One snapshot: another process creating the same new database may commit between two reads.
 */
function inspect(db: Db, refusal: Refusal): number {
  const { version, app, empty } = db.transaction(() => ({
    version: schemaVersion(db), // the first read: a file that is not SQLite fails here
    app: applicationId(db),
    empty: isEmptyDatabase(db),
  }))();
  if (version === 0 && app === 0 && empty) {
    if (refusal.role === 'import') throw refusal.damaged('empty');
    return 0;
  }
  if (app !== APPLICATION_ID) throw refusal.damaged('otherProgram');
  if (version > SCHEMA_VERSION) throw refusal.newer(version);
  if (refusal.role === 'import' && version < SCHEMA_VERSION) throw refusal.older(version);
  return version;
}

/** A write that is rolled back: the only honest way to learn that SQLite may write this file. */
function probeWrite(db: Db, version: number): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    db.exec('ROLLBACK');
  }
}

function configure(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  // Case-insensitive search beyond ASCII (SQLite's own LIKE folds only A–Z).
  db.function('lab_lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
}

/** Opens (creating if need be) the lab's own database, in WAL mode, migrated to this version. */
export function openStoreDatabase(path: string): Db {
  const refusal = new Refusal(path, 'store');
  const memory = path === ':memory:';
  if (!memory) checkPath(path, refusal, false);
  let db: Db;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw refusal.explain(error);
  }
  const started = Date.now();
  try {
    configure(db);
  } catch (error) {
    db.close();
    throw refusal.explain(error);
  }
  for (;;) {
    try {
      const version = inspect(db, refusal);
      probeWrite(db, version);
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (!memory && mode !== 'wal') throw refusal.notWritable();
      // In WAL mode NORMAL cannot corrupt the database; at worst a power cut loses the last commits.
      db.pragma('synchronous = NORMAL');
      migrate(db);
      return db;
    } catch (error) {
      // SQLite answers "locked" at once, without waiting, where waiting could deadlock (a reader that
      // must become a writer, a switch of journal mode), and two labs creating one new file together
      // can meet there (seen once in 20 rounds of tests/main/store/firstOpen.test.ts under load). Every
      // step above is safe to take again, so they are taken again while a lock may be waited for.
      if (isBusyError(error) && Date.now() - started < BUSY_TIMEOUT_MS) {
        if (db.inTransaction) db.exec('ROLLBACK');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 45);
        continue;
      }
      db.close();
      throw refusal.explain(error);
    }
  }
}

function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Another lab's database, opened from a private copy; close() closes it and removes the copy. */
export interface ImportSource {
  db: Db;
  close(): void;
}

let expectedSchema: Map<string, SchemaEntry> | undefined;

interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function schemaOf(db: Db): SchemaEntry[] {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all() as SchemaEntry[];
  return rows.map((row) => ({ ...row, sql: typeof row.sql === 'string' ? row.sql.replace(/\s+/g, ' ').trim() : row.sql }));
}

/** What this lab's migrations make: every table, index and trigger, as a new database of this version holds them. */
function labSchema(): Map<string, SchemaEntry> {
  if (!expectedSchema) {
    const fresh = new Database(':memory:');
    try {
      migrate(fresh);
      expectedSchema = new Map(schemaOf(fresh).map((entry) => [entry.name, entry]));
    } finally {
      fresh.close();
    }
  }
  return expectedSchema;
}

/**
 * Refuses a database whose schema is not exactly ours, naming the first difference. Read from
 * sqlite_master alone: none of its tables or views has been queried yet, so nothing in it has run.
 */
function compareSchema(db: Db, refusal: Refusal): void {
  const theirs = new Map(schemaOf(db).map((entry) => [entry.name, entry]));
  for (const [name, ours] of labSchema()) {
    const found = theirs.get(name);
    if (!found) throw refusal.damaged(`it has no ${ours.type} ${name}`);
    if (found.type !== ours.type) throw refusal.damaged(`its ${name} is a ${found.type}, not a ${ours.type}`);
    if (found.tbl_name !== ours.tbl_name || found.sql !== ours.sql) throw refusal.damaged(`its ${ours.type} ${name} is not defined as the lab defines it`);
  }
  for (const [name, found] of theirs) {
    if (!labSchema().has(name)) throw refusal.damaged(`it has a ${found.type} ${name} that a lab database does not have`);
  }
}

/** Refuses a database larger than one import reads (its schema is ours by now, so these queries are ours too). */
function checkSizes(db: Db, refusal: Refusal): void {
  for (const table of ['runs', 'epochs', 'losses'] as const) {
    const rows = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const limit = IMPORT_LIMITS[table];
    if (rows > limit) throw refusal.tooManyRows(rows, table, limit);
  }
  for (const [table, column] of TEXT_COLUMNS) {
    const bytes = (db.prepare(`SELECT max(octet_length(${column})) FROM ${table}`).pluck().get() as number | null) ?? 0;
    if (bytes > IMPORT_LIMITS.textBytes) {
      throw refusal.textTooLarge(`${table}.${column}`, bytes);
    }
  }
}

/** The file system's refusals while copying, as sentences (their messages would name the private copy). */
function copyFailure(error: unknown, refusal: Refusal): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return refusal.filledUp();
  if (code === 'EACCES' || code === 'EPERM') return refusal.unreadable('EACCES');
  if (typeof code === 'string' && !code.startsWith('SQLITE_')) return refusal.unreadable(code);
  return error;
}

/**
 * Opens another lab's database to import from: a private, read-only copy of it, refused unless it is a
 * lab database of this version whose schema is exactly ours, that passes quick_check and fits the limits.
 */
export function openDatabaseToImport(path: string): ImportSource {
  const refusal = new Refusal(path, 'import');
  checkPath(path, refusal, true);
  if (!statSync(path).isFile()) throw refusal.notAFile();
  let copy: ReturnType<typeof copyDatabasePrivately>;
  try {
    const files = measureDatabase(path);
    if (files.oddWal) throw refusal.damaged('oddWal');
    if (files.bytes > IMPORT_BYTES_MAX) {
      throw refusal.tooHeavy(files.bytes);
    }
    const free = freeTemporaryBytes();
    if (free < files.bytes + SPARE_BYTES) throw refusal.noRoom(files.bytes + SPARE_BYTES, free);
    copy = copyDatabasePrivately(path);
  } catch (error) {
    throw refusal.explain(copyFailure(error, refusal));
  }
  if (!copy) throw refusal.changing();
  const { remove } = copy;
  let db: Db;
  try {
    db = new Database(copy.path, { readonly: true, fileMustExist: true });
  } catch (error) {
    remove();
    throw refusal.explain(error);
  }
  try {
    // Functions with side effects may not run from anything its schema defines (views, triggers, defaults).
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    inspect(db, refusal);
    compareSchema(db, refusal);
    const check = db.pragma('quick_check(1)', { simple: true });
    // Its first finding, on one line (SQLite heads it "*** in database main ***").
    if (check !== 'ok')
      throw refusal.damaged(
        `quick_check found: ${String(check)
          .replace(/^\*\*\*.*?\*\*\*\s*/, '')
          .replace(/\s+/g, ' ')}`,
      );
    checkSizes(db, refusal);
    return {
      db,
      close() {
        db.close();
        remove();
      },
    };
  } catch (error) {
    db.close();
    remove();
    throw refusal.explain(error);
  }
}

/**
 * A refusal of SQLite's while the store is in use, as a sentence, keeping SQLite's code: the run
 * manager retries a busy database and gives up at once on a full or read-only one.
 */
export class StoreFailure extends LabError {
  constructor(
    said: LabMessage,
    readonly sqliteCode: string,
    /** Why, as the words inside the sentence's brackets ("the disk is full"). */
    readonly why: string,
  ) {
    super('store', englishMessage(said), {}, said);
  }

  /** Another connection holds the write lock: waiting longer may succeed. */
  get busy(): boolean {
    return this.sqliteCode.startsWith('SQLITE_BUSY') || this.sqliteCode.startsWith('SQLITE_LOCKED');
  }
}

/** The words inside a store failure's brackets, in English, for the run manager's own sentence (safekeeping.ts). */
const STORE_FAILURE_WHY: Readonly<Record<string, string>> = {
  full: 'the disk is full',
  readonly: 'permission denied',
  ioerr: 'its disk refused to write: it may have turned read-only, been removed or failed',
};

/**
 * SQLite's own failures while the store is in use (busy past the timeout, disk full, the file gone
 * read-only) as a sentence; the transaction was rolled back. Anything else is passed on as it is.
 */
export function explainFailure(path: string, error: unknown, verb: 'read' | 'written', busyWaitMs = BUSY_TIMEOUT_MS): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof LabError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code.startsWith('SQLITE_BUSY')) {
    const wait = busyWaitMs >= 1000 ? { wait: busyWaitMs / 1000, unit: 'seconds' } : { wait: busyWaitMs, unit: 'ms' };
    const said: LabMessage = { code: verb === 'written' ? 'store.busyWrite' : 'store.busyRead', values: { path, ...wait } };
    return new StoreFailure(said, code, `another program kept it locked for more than ${wait.wait} ${wait.unit}`);
  }
  // a key of the table's reasons where SQLite's code has one; SQLite's own words otherwise
  const why =
    code === 'SQLITE_FULL' ? 'full' : code.startsWith('SQLITE_READONLY') ? 'readonly' : code.startsWith('SQLITE_IOERR') ? 'ioerr' : (error as Error).message;
  const said: LabMessage = { code: verb === 'written' ? 'store.writeFailed' : 'store.readFailed', values: { path, why } };
  return new StoreFailure(said, code, STORE_FAILURE_WHY[why] ?? why);
}
