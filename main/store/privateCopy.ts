// A private copy of another lab's database, to import from. Opening the classmate's file itself — even
// read-only — would have SQLite create a -shm (and maybe -wal) beside it, and this build of SQLite
// has no URI filenames for its immutable mode. So the file and its -wal (the commits not yet
// checkpointed into it) are copied into a fresh folder only this user can read, the copy is what
// SQLite opens, and the folder is removed afterwards. Nothing is ever written beside the original.

import { copyFileSync, mkdtempSync, rmSync, statSync, statfsSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What identifies one state of a file: a writer that changes it changes one of these. */
interface Signature {
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface DatabaseFiles {
  /** The database file's size and its -wal's (0 when there is none), in bytes. */
  bytes: number;
  /** A -wal beside the database that is not a plain file (a folder, a device…): refuse, do not follow. */
  oddWal: boolean;
}

export interface PrivateCopy {
  /** The copied database; its -wal, if any, beside it. */
  path: string;
  /** A plain function (it uses no `this`): callers take it out of the object and call it later. */
  remove: () => void;
}

const signature = (stats: Stats | undefined): Signature | null => (stats ? { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino } : null);
const same = (a: Signature | null, b: Signature | null) => JSON.stringify(a) === JSON.stringify(b);

function statIfAny(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

/** The sizes a copy of the database at `path` would take (the caller has checked it is a plain file). */
export function measureDatabase(path: string): DatabaseFiles {
  const wal = statIfAny(`${path}-wal`);
  return { bytes: statSync(path).size + (wal?.isFile() ? wal.size : 0), oddWal: wal !== undefined && !wal.isFile() };
}

/** Bytes free for this user in the system's temporary folder. */
export function freeTemporaryBytes(): number {
  const fs = statfsSync(tmpdir());
  return fs.bavail * fs.bsize;
}

/**
 * Copies the database and its -wal into a new private folder. A copy taken while another program
 * was writing may mix two states: the files are compared before and after, and copied again (up to
 * `attempts` times) until both stood still. Returns null when they never did; the folder is removed.
 */
export function copyDatabasePrivately(path: string, attempts = 3): PrivateCopy | null {
  const folder = mkdtempSync(join(tmpdir(), 'dlab-import-')); // mode 0700: only this user reads the copy
  const remove = () => rmSync(folder, { recursive: true, force: true });
  const copy = join(folder, 'other.db');
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const before = [signature(statSync(path)), signature(statIfAny(`${path}-wal`))];
      rmSync(`${copy}-wal`, { force: true });
      copyFileSync(path, copy);
      if (before[1]) copyFileSync(`${path}-wal`, `${copy}-wal`);
      const after = [signature(statSync(path)), signature(statIfAny(`${path}-wal`))];
      if (same(before[0]!, after[0]!) && same(before[1]!, after[1]!)) return { path: copy, remove };
    }
  } catch (error) {
    remove();
    throw error;
  }
  remove();
  return null;
}
