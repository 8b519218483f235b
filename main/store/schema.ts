// The lab database's tables, and how a database of any older version is brought up to this one.
// Versions are counted in PRAGMA user_version; each step runs in its own transaction together with
// the version bump, so a database is always at exactly one known version. A lab database is also
// marked with an application_id, so a SQLite file of some other program is never mistaken for ours.

import type Database from 'better-sqlite3';

type Db = Database.Database;

/** "DLab" in ASCII: marks a SQLite file as a lab database (PRAGMA application_id). */
export const APPLICATION_ID = 0x444c6162;

const STATUSES = "'queued', 'running', 'paused', 'done', 'cancelled', 'failed', 'interrupted'";

/** Step i takes a database from version i to version i + 1. Never edit a step once released: add one. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    uid              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    experiment       TEXT NOT NULL,
    dataset          TEXT NOT NULL,
    seed             INTEGER NOT NULL,
    workers          INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN (${STATUSES})),
    failure          TEXT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    duration_ms      INTEGER,
    epochs_total     INTEGER NOT NULL,
    iterations_total INTEGER NOT NULL,
    iterations_done  INTEGER NOT NULL DEFAULT 0,
    train_acc        REAL,
    test_acc         REAL,
    test_loss        REAL,
    notes            TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '[]',
    owner_instance   TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
  );
  CREATE INDEX runs_by_started  ON runs (started_at, id);
  CREATE INDEX runs_by_name     ON runs (name COLLATE NOCASE, id);
  CREATE INDEX runs_by_test_acc ON runs (test_acc, id);
  CREATE INDEX runs_by_duration ON runs (duration_ms, id);
  CREATE INDEX runs_by_status   ON runs (status);
  CREATE INDEX runs_by_dataset  ON runs (dataset);

  CREATE TABLE epochs (
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch      INTEGER NOT NULL,
    iteration  INTEGER NOT NULL,
    train_loss REAL NOT NULL,
    train_acc  REAL NOT NULL,
    test_acc   REAL NOT NULL,
    test_loss  REAL NOT NULL,
    seconds    REAL NOT NULL,
    PRIMARY KEY (run_id, epoch)
  ) WITHOUT ROWID;

  CREATE TABLE losses (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    iteration INTEGER NOT NULL,
    loss      REAL NOT NULL,
    PRIMARY KEY (run_id, iteration)
  ) WITHOUT ROWID;

  CREATE TABLE weights (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    json   TEXT NOT NULL
  );

  CREATE TABLE owners (
    instance     TEXT PRIMARY KEY,
    pid          INTEGER NOT NULL,
    hostname     TEXT NOT NULL,
    heartbeat_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // The weights a run started from when it continued from a weights file (a run without a row here
  // started from its experiment's seed, whose weights the engine draws again).
  `
  CREATE TABLE start_weights (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    json   TEXT NOT NULL
  );
  `,
  // Why a run that ended without a failure may not have learned (engine/divergence.ts): the code and
  // numbers as JSON, beside the English sentence, so each language can say it in its own words.
  `
  ALTER TABLE runs ADD COLUMN warning TEXT;
  `,
  // Which data a run read when it came from the user's own files (a CSV table): paths, sizes, SHA-256
  // of each file, and the classes, as JSON; null for the bundled and generated sets.
  `
  ALTER TABLE runs ADD COLUMN data_record TEXT;
  `,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = migrations.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function applicationId(db: Db): number {
  return db.pragma('application_id', { simple: true }) as number;
}

/** True when the database holds no table at all: a new, empty file. */
export function isEmptyDatabase(db: Db): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() === 0;
}

/**
 * Runs every step the database has not had yet, each in one transaction with its version bump: a step
 * that fails leaves the database at the version before it. The version is read inside the write
 * transaction, so when two processes create one new database at once, the second sees the first's
 * steps done and runs none of them twice. (`steps` is for tests of this very rule.)
 */
export function migrate(db: Db, steps: readonly string[] = migrations): void {
  const step = db.transaction((): boolean => {
    const version = schemaVersion(db);
    if (version >= steps.length) return false;
    db.exec(steps[version]!);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate());
}
