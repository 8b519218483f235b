// Opening a lab database, or refusing to with one sentence. Whatever is wrong with the file — damaged,
// some other program's database, written by a newer lab, not writable — it is left exactly as it was:
// nothing here ever replaces, truncates or deletes a file. Every check that can be made by reading is
// made before the first write, and the first write is a probe that is rolled back.

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LabError } from '../../engine/errors';
import { APPLICATION_ID, SCHEMA_VERSION, applicationId, isEmptyDatabase, migrate, schemaVersion } from './schema';

type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5000;

/** 'store': the database the lab works in. 'import': another lab's database, read only, to merge from. */
type Role = 'store' | 'import';

class Refusal {
  constructor(
    readonly path: string,
    readonly role: Role,
  ) {}

  private get subject(): string {
    return this.role === 'store' ? `The lab database ${this.path}` : `The database ${this.path}`;
  }

  private get untouched(): string {
    return this.role === 'store' ? 'it was left as it is' : 'nothing was imported and it was left as it is';
  }

  damaged(reason: string): LabError {
    const advice = this.role === 'store' ? ' — move it away to start a new one' : '';
    return new LabError('store', `${this.subject} is damaged or is not a lab database (${reason}); ${this.untouched}${advice}.`);
  }

  newer(version: number): LabError {
    return new LabError(
      'store',
      `${this.subject} was written by a newer version of the lab (schema ${version}; this lab knows ${SCHEMA_VERSION}); ${this.untouched} — open it with the newer lab.`,
    );
  }

  older(version: number): LabError {
    return new LabError(
      'store',
      `${this.subject} was written by an older version of the lab (schema ${version}); ${this.untouched} — open it once as the lab's database to update it, then import it.`,
    );
  }

  notWritable(): LabError {
    return new LabError('store', `${this.subject} cannot be written (permission denied); ${this.untouched} — choose a folder you can write to.`);
  }

  missingFolder(folder: string): LabError {
    return new LabError('store', `${this.subject} cannot be created: the folder ${folder} does not exist; nothing was created.`);
  }

  missingFile(): LabError {
    return new LabError('store', `${this.subject} does not exist.`);
  }

  folder(): LabError {
    return new LabError('store', `${this.subject} is a folder, not a database file; ${this.untouched}.`);
  }

  /** Turns whatever went wrong while opening into a sentence. */
  explain(error: unknown): LabError {
    if (error instanceof LabError) return error;
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (typeof code === 'string') {
      if (this.role === 'import' && (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')) {
        return new LabError('store', `${this.subject} cannot be read (${message}); ${this.untouched}.`);
      }
      if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return this.damaged(message);
      if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN') return this.notWritable();
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        return new LabError('store', `${this.subject} is locked by another program (${message}); ${this.untouched} — try again when it is closed.`);
      }
      if (code === 'SQLITE_FULL') return new LabError('store', `${this.subject} cannot be written: the disk is full; ${this.untouched}.`);
    }
    return new LabError('store', `${this.subject} cannot be opened (${message}); ${this.untouched}.`);
  }
}

/**
 * Checks what SQLite would explain badly, before it touches anything. Whether the file may be
 * written is left to SQLite itself — a probe write, below — the one check that cannot disagree with it.
 */
function checkPath(path: string, refusal: Refusal, readonly: boolean): void {
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
    if (refusal.role === 'import') throw refusal.damaged('it is empty');
    return 0;
  }
  if (app !== APPLICATION_ID) throw refusal.damaged('it holds the tables of another program');
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
  try {
    configure(db);
    const version = inspect(db, refusal);
    probeWrite(db, version);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (!memory && mode !== 'wal') throw refusal.notWritable();
    // In WAL mode NORMAL cannot corrupt the database; at worst a power cut loses the last commits.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw refusal.explain(error);
  }
}

/** Opens another lab's database read-only, to import from it; refuses anything but a lab database of this version. */
export function openDatabaseToImport(path: string): Db {
  const refusal = new Refusal(path, 'import');
  checkPath(path, refusal, true);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw refusal.explain(error);
  }
  try {
    configure(db);
    inspect(db, refusal);
    return db;
  } catch (error) {
    db.close();
    throw refusal.explain(error);
  }
}

/**
 * SQLite's own failures while the store is in use (busy past the timeout, disk full, the file gone
 * read-only) as a sentence; the transaction was rolled back. Anything else is passed on as it is.
 */
export function explainFailure(path: string, error: unknown, verb: 'read' | 'written'): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof LabError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const why = code.startsWith('SQLITE_BUSY')
    ? `another program kept it locked for more than ${BUSY_TIMEOUT_MS / 1000} seconds`
    : code === 'SQLITE_FULL'
      ? 'the disk is full'
      : code.startsWith('SQLITE_READONLY')
        ? 'permission denied'
        : (error as Error).message;
  return new LabError('store', `The lab database ${path} could not be ${verb} (${why})${verb === 'written' ? '; nothing was changed' : ''}.`);
}
