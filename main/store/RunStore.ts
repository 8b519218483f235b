// The run store: every run the lab has trained — settings, curves, final weights — in one SQLite
// database (WAL, so the app, a CLI run and the web host can share it). Each method that writes is one
// transaction; every refusal is a LabError with one sentence. The pieces live beside this file:
// open.ts (opening or refusing a file), schema.ts (tables, migrations), validate.ts (what may be
// written), query.ts (listing), downsample.ts and differences.ts (reading for charts: curves, epochs
// side by side, settings that differ), runFile.ts and transfer.ts (export, import).
// (Past 400 lines because it is the one class every door writes and reads through: each method is a
// transaction of a few lines, and the helpers that could leave have left for the files above.)
// Past 400 lines because each public method is one transaction the API calls; their helpers already live in
// the files named below.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { readDivergenceWarning, type DivergenceWarning } from '../../engine/divergence';
import { labError } from '../../engine/errors';
import { validateExperiment, type Experiment } from '../../engine/experiment';
import {
  LIVE_STATUSES,
  type Comparison,
  type EpochMetric,
  type ImportResult,
  type RunDetail,
  type RunPage,
  type RunPatch,
  type RunQuery,
  type RunStatus,
  type RunSummary,
} from '../api/contract';
import { dataDifference, experimentDifferences } from './differences';
import type { DataFolder, DataRecord } from '../../engine/data/dataset';
import { alignEpochs, alignLosses, downsampleLossStream, type LossPoint } from './downsample';
import { BUSY_TIMEOUT_MS, explainFailure, openDatabaseToImport, openStoreDatabase } from './open';
import { buildListSql } from './query';
import { STALE_MS, planRecovery, whyStillTrained, type DeleteOptions, type LiveRunRow, type OwnerRow } from './recovery';
import { EPOCH_COLUMNS, SUMMARY_COLUMNS, epochsCsv, toEpochMetric, toSummary, warningText, type EpochRow, type RunRow } from './rows';
import { checkRunRecord, parseRunFile, runFileText, type RunFile, type RunRecord } from './runFile';
import { importRunByRun, insertRecords, readRunObject, runIds } from './transfer';
import {
  FINAL_STATUSES,
  NAME_MAX,
  SEED_MAX,
  WORKERS_MAX,
  checkCount,
  checkMaxPoints,
  checkPatch,
  checkProgress,
  checkRunId,
  checkStatus,
  usage,
  type RunProgress,
} from './validate';

export type { RunRow } from './rows';

type Db = Database.Database;

export interface NewRun {
  name: string;
  experiment: Experiment;
  dataset: string;
  seed: number;
  workers: number;
  epochsTotal: number;
  iterationsTotal: number;
  status: RunStatus;
  /** The instance (process) training it; null for a run nobody trains here. */
  ownerInstance: string | null;
  /** Given only when the run keeps an identity it already has elsewhere. */
  uid?: string;
  /** The dlab-weights text the run starts from, when it continues earlier training (checked by the caller). */
  startWeights?: string;
  /** The files and classes of its data, for a source read from the user's own files. */
  dataRecord?: DataRecord | null;
}

export interface Owner {
  instance: string;
  pid: number;
  hostname: string;
}

const FAILURE_MAX = 10000;
const COMPARE_MIN = 2;
const COMPARE_MAX = 50;

const missing = (id: number) => labError('missing', 'run.missing', { id: String(id) });
const iso = (ms: number) => new Date(ms).toISOString();

export class RunStore {
  private readonly statements = new Map<string, Database.Statement>();
  private busyWaitMs = BUSY_TIMEOUT_MS;

  private constructor(private readonly db: Db) {}

  /** Opens the database at `path` (':memory:' for one that lives only as long as the store), creating it if need be. */
  static open(path: string): RunStore {
    return new RunStore(openStoreDatabase(path));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The database file (':memory:' for one in memory). */
  get path(): string {
    return this.db.name;
  }

  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  /** Runs `fn` in one write transaction (taken at once, so waiting writers queue on busy_timeout). */
  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      throw explainFailure(this.db.name, error, 'written', this.busyWaitMs);
    }
  }

  /** Runs `fn` waiting at most `ms` (not 5 s) for another's write lock: SQLite's wait blocks the thread. */
  withBusyWait<T>(ms: number, fn: () => T): T {
    this.db.pragma(`busy_timeout = ${ms}`);
    this.busyWaitMs = ms;
    try {
      return fn();
    } finally {
      this.busyWaitMs = BUSY_TIMEOUT_MS;
      if (this.db.open) this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /** Runs `fn` on one consistent snapshot. */
  private read<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).deferred();
    } catch (error) {
      throw explainFailure(this.db.name, error, 'read');
    }
  }

  private summaryRow(id: number): RunRow {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE runs.id = ?`).get(checkRunId(id)) as RunRow | undefined;
    if (!row) throw missing(id);
    return row;
  }

  private epochs(id: number): EpochMetric[] {
    return (this.sql(`SELECT ${EPOCH_COLUMNS} FROM epochs WHERE run_id = ? ORDER BY epoch`).raw().all(id) as EpochRow[]).map(toEpochMetric);
  }

  /** The run's experiment as stored (parsed; it was checked when the run was created or imported). */
  private experiment(id: number): Experiment {
    return JSON.parse(this.sql('SELECT experiment FROM runs WHERE id = ?').pluck().get(id) as string) as Experiment;
  }

  private losses(id: number): LossPoint[] {
    return this.sql('SELECT iteration, loss FROM losses WHERE run_id = ? ORDER BY iteration').raw().all(id) as LossPoint[];
  }

  // ── Writing ────────────────────────────────────────────────────────────────────────────────────

  createRun(run: NewRun): number {
    const name = typeof run.name === 'string' ? run.name.trim().slice(0, NAME_MAX).trim() : '';
    if (!name) throw usage('A run needs a name.');
    const { experiment } = validateExperiment(run.experiment);
    if (typeof run.dataset !== 'string' || run.dataset.length === 0 || run.dataset.length > 4096) throw usage('A run needs its data source.');
    if (run.uid !== undefined && (typeof run.uid !== 'string' || run.uid.length === 0 || run.uid.length > 100)) {
      throw usage('A run uid must be a text of 1 to 100 characters.');
    }
    const now = Date.now();
    const values = {
      uid: run.uid ?? randomUUID(),
      name,
      experiment: JSON.stringify(experiment),
      dataset: run.dataset,
      seed: checkCount(run.seed, 'The seed', 0, SEED_MAX),
      workers: checkCount(run.workers, 'The number of workers', 1, WORKERS_MAX),
      status: checkStatus(run.status),
      startedAt: iso(now),
      epochsTotal: checkCount(run.epochsTotal, 'The number of epochs'),
      iterationsTotal: checkCount(run.iterationsTotal, 'The number of iterations'),
      owner: run.ownerInstance ?? null,
      dataRecord: run.dataRecord ? JSON.stringify(run.dataRecord) : null,
      now,
    };
    return this.write(() => {
      if (this.sql('SELECT 1 FROM runs WHERE uid = ?').get(values.uid)) throw usage(`There is already a run with uid ${values.uid}.`);
      const result = this.sql(
        `INSERT INTO runs (uid, name, experiment, dataset, seed, workers, status, started_at, epochs_total, iterations_total,
                           owner_instance, data_record, created_at, updated_at)
         VALUES (@uid, @name, @experiment, @dataset, @seed, @workers, @status, @startedAt, @epochsTotal, @iterationsTotal,
                 @owner, @dataRecord, @now, @now)`,
      ).run(values);
      const id = Number(result.lastInsertRowid);
      if (run.startWeights !== undefined) this.sql('INSERT INTO start_weights (run_id, json) VALUES (?, ?)').run(id, run.startWeights);
      return id;
    });
  }

  /** Everything since the last call: new iteration losses, finished epochs, and how far the run is. */
  writeProgress(id: number, progress: RunProgress): void {
    checkRunId(id);
    const iterationsDone = checkProgress(progress);
    this.write(() => {
      const touched = this.sql('UPDATE runs SET iterations_done = ?, updated_at = ? WHERE id = ?').run(iterationsDone, Date.now(), id);
      if (touched.changes === 0) throw missing(id);
      const loss = this.sql('INSERT OR REPLACE INTO losses (run_id, iteration, loss) VALUES (?, ?, ?)');
      for (const l of progress.losses) loss.run(id, l.iteration, l.loss);
      if (progress.epochs.length === 0) return;
      const epoch = this.sql(`INSERT OR REPLACE INTO epochs (run_id, ${EPOCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const e of progress.epochs) epoch.run(id, e.epoch, e.iteration, e.trainLoss, e.trainAcc, e.testAcc, e.testLoss, e.seconds);
      this.sql(
        `UPDATE runs SET (train_acc, test_acc, test_loss) =
           (SELECT train_acc, test_acc, test_loss FROM epochs WHERE run_id = @id ORDER BY epoch DESC LIMIT 1)
         WHERE id = @id`,
      ).run({ id });
    });
  }

  /**
   * A queued run that starts running starts its clock now; a run that ends (done, cancelled, failed,
   * interrupted) gets its finish time and duration. `failure` is the learner-facing reason; `warning`, why a
   * run that ended may not have learned (engine/divergence.ts).
   */
  setStatus(id: number, status: RunStatus, failure?: string, warning?: DivergenceWarning | null): void {
    checkRunId(id);
    checkStatus(status);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- callers over IPC and the web host may pass null or a non-string at run time
    if (failure !== undefined && failure !== null && typeof failure !== 'string') throw usage('A failure reason must be a text.');
    const reason = failure ? failure.slice(0, FAILURE_MAX) : null;
    if (warning && !readDivergenceWarning(warning)) throw usage('A warning must be one the engine gives, with its numbers.');
    this.write(() => {
      const run = this.sql('SELECT status, started_at FROM runs WHERE id = ?').get(id) as { status: RunStatus; started_at: string } | undefined;
      if (!run) throw missing(id);
      const now = Date.now();
      const startedAt = status === 'running' && run.status === 'queued' ? iso(now) : run.started_at;
      const final = FINAL_STATUSES.includes(status);
      this.sql(
        `UPDATE runs SET status = ?, failure = ?, warning = ?, started_at = ?, finished_at = ?, duration_ms = ?, updated_at = ?
         WHERE id = ?`,
      ).run(status, reason, warningText(warning), startedAt, final ? iso(now) : null, final ? Math.max(0, now - Date.parse(startedAt)) : null, now, id);
    });
  }

  /** The run's final weights, as the text of a dlab-weights file. */
  saveWeights(id: number, json: string): void {
    checkRunId(id);
    if (typeof json !== 'string' || json.length === 0) throw usage('Weights must be the text of a weights file.');
    this.write(() => {
      if (!this.sql('SELECT 1 FROM runs WHERE id = ?').get(id)) throw missing(id);
      this.sql('INSERT OR REPLACE INTO weights (run_id, json) VALUES (?, ?)').run(id, json);
      this.sql('UPDATE runs SET updated_at = ? WHERE id = ?').run(Date.now(), id);
    });
  }

  /** Tells other processes sharing the database that this instance is alive. */
  heartbeat(owner: Owner): void {
    if (typeof owner.instance !== 'string' || !owner.instance) throw usage('A heartbeat needs the instance that beats.');
    this.write(() =>
      this.sql(
        `INSERT INTO owners (instance, pid, hostname, heartbeat_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (instance) DO UPDATE SET pid = excluded.pid, hostname = excluded.hostname, heartbeat_at = excluded.heartbeat_at`,
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- the owner is checked at run time: a non-string hostname is stored as text
      ).run(owner.instance, checkCount(owner.pid, 'A process id'), String(owner.hostname), Date.now()),
    );
  }

  /**
   * Marks interrupted every live run whose owner is gone: its process is dead (same host), its
   * heartbeat is older than `staleMs`, or it never heartbeat at all. Runs of `ownInstance` and of
   * owners alive and heartbeating are left alone. Returns the ids changed.
   */
  recoverInterrupted(ownInstance: string, isAlive: (pid: number) => boolean, now = Date.now(), staleMs = STALE_MS): number[] {
    return this.write(() => {
      const live = LIVE_STATUSES.map((s) => `'${s}'`).join(', ');
      const runs = this.sql(`SELECT id, owner_instance, updated_at, started_at FROM runs WHERE status IN (${live}) ORDER BY id`).all() as (LiveRunRow & {
        started_at: string;
      })[];
      if (runs.length === 0) return [];
      const owners = this.sql('SELECT instance, pid, hostname, heartbeat_at FROM owners').all() as OwnerRow[];
      const plan = planRecovery(runs, owners, { ownInstance, hostname: hostname(), isAlive, now, staleMs });
      const startedAt = new Map(runs.map((r) => [r.id, Date.parse(r.started_at)]));
      const mark = this.sql("UPDATE runs SET status = 'interrupted', finished_at = ?, duration_ms = ?, updated_at = ? WHERE id = ?");
      for (const { id, lastSignMs } of plan) mark.run(iso(lastSignMs), Math.max(0, lastSignMs - startedAt.get(id)!), now, id);
      return plan.map((p) => p.id);
    });
  }

  // ── Reading ────────────────────────────────────────────────────────────────────────────────────

  listRuns(query: RunQuery = {}): RunPage {
    const { where, params, orderBy, limit, offset } = buildListSql(query);
    return this.read(() => {
      const total = this.sql(`SELECT count(*) FROM runs ${where}`).pluck().get(params) as number;
      const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM runs ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit,
        offset,
      }) as RunRow[];
      return { runs: rows.map(toSummary), total };
    });
  }

  /** Every tag any run carries, sorted, once each (the runs list's tag filter): one query over the whole store. */
  listTags(): string[] {
    return this.read(
      () =>
        this.sql("SELECT DISTINCT json_each.value FROM runs, json_each(runs.tags) WHERE json_each.type = 'text' ORDER BY json_each.value")
          .pluck()
          .all() as string[],
    );
  }

  /** One run with all its epochs and its losses downsampled to at most `maxPoints`. */
  getRun(id: number, maxPoints = 2000): RunDetail {
    checkMaxPoints(maxPoints);
    return this.read(() => {
      const summary = toSummary(this.summaryRow(id));
      const experiment = this.experiment(id);
      const startedFrom = this.sql('SELECT 1 FROM start_weights WHERE run_id = ?').get(id) ? 'weights' : 'seed';
      const epochs = this.epochs(id);
      // The losses are read row by row into the chart's buckets, never held whole (a run may have millions).
      const count = this.sql('SELECT count(*) FROM losses WHERE run_id = ?').pluck().get(id) as number;
      const rows = this.sql('SELECT iteration, loss FROM losses WHERE run_id = ? ORDER BY iteration').raw().iterate(id) as Iterable<LossPoint>;
      const dataRecord = this.dataRecord(id);
      return { ...summary, experiment, startedFrom, epochs, losses: downsampleLossStream(rows, count, maxPoints), ...(dataRecord ? { dataRecord } : {}) };
    });
  }

  /** 2 to 50 runs side by side: epochs by number, losses on one axis, and the settings that differ. */
  compareRuns(ids: number[], maxPoints = 2000): Comparison {
    checkMaxPoints(maxPoints);
    if (!Array.isArray(ids) || ids.length < COMPARE_MIN || ids.length > COMPARE_MAX) {
      throw usage(`Compare ${COMPARE_MIN} to ${COMPARE_MAX} runs at a time, not ${Array.isArray(ids) ? ids.length : 'that'}.`);
    }
    ids.forEach(checkRunId);
    if (new Set(ids).size !== ids.length) throw usage('Each run can be compared only once: a run id is given twice.');
    return this.read(() => {
      const runs = ids.map((id) => toSummary(this.summaryRow(id)));
      const differences = experimentDifferences(ids.map((id) => ({ id, experiment: this.experiment(id) })));
      const data = dataDifference(ids.map((id) => ({ id, record: this.dataRecord(id) })));
      if (data) differences.push(data);
      const epochs = alignEpochs(ids.map((id) => ({ id, epochs: this.epochs(id) })));
      const losses = alignLosses(
        ids.map((id) => ({ id, points: this.losses(id) })),
        maxPoints,
      );
      return { runs, epochs, losses, differences };
    });
  }

  /** The record of the files a run read, or null (bundled or generated data, or a run from before records). */
  private dataRecord(id: number): DataRecord | null {
    const text = this.sql('SELECT data_record FROM runs WHERE id = ?').pluck().get(id);
    if (typeof text !== 'string') return null;
    try {
      const record = JSON.parse(text) as DataRecord;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the stored text may parse to null (or anything): the cast above is a hope, not a check
      const files = Array.isArray(record?.files) ? (record.files as unknown[]) : null;
      const fileOk = (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as DataRecord['files'][number]).path === 'string' &&
        typeof (f as DataRecord['files'][number]).sha256 === 'string';
      const folder = record.folder as unknown;
      const folderOk =
        folder === undefined ||
        (typeof folder === 'object' && folder !== null && typeof (folder as DataFolder).path === 'string' && typeof (folder as DataFolder).sha256 === 'string');
      return files?.every(fileOk) && folderOk ? record : null;
    } catch {
      return null;
    }
  }

  /** The run's experiment alone (getRun reads its metrics and losses too). */
  getExperiment(id: number): Experiment {
    return this.read(() => {
      this.summaryRow(id);
      return this.experiment(id);
    });
  }

  /** The text of the run's weights file, or null when it has none (yet). */
  getWeights(id: number): string | null {
    return this.weightsIn('weights', id);
  }

  /** The text of the weights file the run continued from, or null when it started from its seed. */
  getStartWeights(id: number): string | null {
    return this.weightsIn('start_weights', id);
  }

  private weightsIn(table: 'weights' | 'start_weights', id: number): string | null {
    return this.read(() => {
      this.summaryRow(id);
      return (this.sql(`SELECT json FROM ${table} WHERE run_id = ?`).pluck().get(id) as string | undefined) ?? null;
    });
  }

  /** Epoch metrics as CSV: `epoch,iteration,train_loss,train_acc,test_acc,test_loss,seconds`. */
  metricsCsv(id: number): string {
    return this.read(() => {
      this.summaryRow(id);
      return epochsCsv(this.epochs(id));
    });
  }

  // ── Editing ────────────────────────────────────────────────────────────────────────────────────

  updateRun(id: number, patch: RunPatch): RunSummary {
    checkRunId(id);
    const checked = checkPatch(patch);
    return this.write(() => {
      this.summaryRow(id);
      const now = Date.now();
      if (checked.name !== undefined) this.sql('UPDATE runs SET name = ?, updated_at = ? WHERE id = ?').run(checked.name, now, id);
      if (checked.notes !== undefined) this.sql('UPDATE runs SET notes = ?, updated_at = ? WHERE id = ?').run(checked.notes, now, id);
      if (checked.tags !== undefined) this.sql('UPDATE runs SET tags = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(checked.tags), now, id);
      return toSummary(this.summaryRow(id));
    });
  }

  /**
   * Deletes the run with its epochs, losses and weights; returns its name. A live run whose owner is
   * alive (recovery's rule) is refused, decided inside this transaction so the answer cannot go stale.
   */
  deleteRun(id: number, options: DeleteOptions = {}): string {
    checkRunId(id);
    return this.write(() => {
      const run = this.sql('SELECT name, status, owner_instance FROM runs WHERE id = ?').get(id) as
        { name: string; status: RunStatus; owner_instance: string | null } | undefined;
      if (!run) throw missing(id);
      const owner = this.sql('SELECT instance, pid, hostname, heartbeat_at FROM owners WHERE instance = ?').get(run.owner_instance) as OwnerRow | undefined;
      const refusal = whyStillTrained(id, run, owner, { ...options, hostname: hostname() });
      if (refusal) throw usage(refusal);
      this.sql('DELETE FROM runs WHERE id = ?').run(id);
      return run.name;
    });
  }

  // ── Export and import ─────────────────────────────────────────────────────────────────────────

  /** The run as a dlab-run file (a live run as it is right now). */
  exportRun(id: number): string {
    checkRunId(id);
    const run = this.read(() => readRunObject(this.db, id));
    if (!run) throw missing(id);
    return runFileText([run], `Run ${id}'s run file`);
  }

  /** Imports the runs of a dlab-run file: all checked first, then inserted one run per transaction. */
  importRuns(text: string): ImportResult {
    if (typeof text !== 'string') throw labError('file', 'runFile.notText', { label: 'The run file' });
    return this.importRunFile(parseRunFile(text));
  }

  /** Imports a dlab-run file already parsed and checked (on a worker thread: store/runFileThread.ts). */
  importRunFile(file: RunFile): ImportResult {
    return importRunByRun(file.runs, (run) => this.write(() => insertRecords(this.db, [run])));
  }

  /** Merges every run of another lab database (read only; runs already here are skipped), one run per transaction. */
  importDatabase(path: string): ImportResult {
    const other = openDatabaseToImport(path); // a private copy, checked; closing removes it
    let records: RunRecord[];
    try {
      const label = `The database ${path}`;
      records = other.db.transaction(() => runIds(other.db).map((id) => checkRunRecord(readRunObject(other.db, id), label, `run ${id}`)))();
    } finally {
      other.close();
    }
    return importRunByRun(records, (run) => this.write(() => insertRecords(this.db, [run])));
  }
}
