// The run manager: turns experiments into training runs on worker threads, shares the cores between
// runs through a queue, writes every metric to the store in batched transactions, and streams
// throttled events to whoever listens (the window, the web page, the CLI).
// Training never runs on this thread: it only moves messages and reads shared memory.
// Nothing a database does may end the process or lose a run: every timer and message handler catches
// what it meets, refused writes wait and retry (safekeeping.ts), and a run's end is stored before its
// threads are let go — or, when the store will not take it, written to a recovery file.
// (Past 400 lines because the lifecycle of a run and the care of its writes read best side by side.)
// Long because the queue, the workers' messages and the store writes share one run's state; splitting the
// store-writing care into its own module is the next step (named in the notes), not done yet.

import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { outsideAsar } from '../../engine/node/asarUnpacked';
import type { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { dataRecordOf, type Dataset } from '../../engine/data/dataset';
import { LossWatch, describeDivergence, type DivergenceWarning } from '../../engine/divergence';
import { labError } from '../../engine/errors';
import { validateExperiment, type Experiment } from '../../engine/experiment';
import { checkTrainingMemory } from '../../engine/memory';
import type { ModelPlan } from '../../engine/model';
import type { Network } from '../../engine/network';
import { allocateSharedRun, CONTROL, setControl, sharedNetwork, type SharedRun, type WorkerReport } from '../../engine/parallel/training';
import { checkModelFitsData } from '../../engine/trainer';
import { readWeights, weightsToJson } from '../../engine/weights';
import { epochUnderway } from '../api/constants';
import type { EpochMetric, IterationLoss, ParamSnapshot, RunEvent, RunStatus, StartRunOptions } from '../api/contract';
import type { RunStore } from '../store/RunStore';
import { isProcessAlive } from '../store/recovery';
import { BACKGROUND_BUSY_WAIT_MS, END_BUSY_BOUND_MS, END_RETRY_MAX_MS, Retry, isBusy, isStoreRefusal, rescueRun } from './safekeeping';
import { SharedDatasets } from './sharedData';
import { WarmThreads } from './warmThreads';

// The store's liveness rule decides whose runs are live; callers that already import it from here keep doing so.
export { isProcessAlive };

/** At most this many progress events per second per run reach the listeners. */
const PROGRESS_EVENTS_PER_SECOND = 20;
const FLUSH_MS = 250;
const HEARTBEAT_MS = 5000;

export interface RunManagerOptions {
  store: RunStore;
  /** Worker threads the machine offers (default: its cores). */
  cores: number;
  /** Identifies this process as the owner of its runs in a shared database. */
  instance?: string;
  /** Folder that relative idx: paths are taken from. */
  baseDir?: string;
  appVersion?: string;
  /** How long an ended run waits for a locked database before its recovery file (default END_BUSY_BOUND_MS). */
  endBusyBoundMs?: number;
}

interface Run {
  id: number;
  uid: string;
  name: string;
  /** The weights file's text it continued from, if any (kept for a recovery file). */
  startWeights?: string;
  startedAtMs: number;
  experiment: Experiment;
  plan: ModelPlan;
  dataset: Dataset;
  workers: number;
  shared: SharedRun;
  network: Network;
  threads: Worker[];
  status: RunStatus;
  iterationsPerEpoch: number;
  iterationsTotal: number;
  batchSize: number;
  iterationsDone: number;
  startedAt: number;
  lastProgressAt: number;
  pendingLosses: IterationLoss[];
  /** Losses not yet sent in a progress event. */
  recentLosses: IterationLoss[];
  pendingEpochs: EpochMetric[];
  /** Every epoch so far: a recovery file needs them when the store cannot even be read. */
  epochs: EpochMetric[];
  lastEpoch: EpochMetric | null;
  /** The run's status has changed since the store last took it. */
  statusPending: boolean;
  retry: Retry;
  /** Its end is decided: reports are ignored while the end is being stored. */
  ending: boolean;
  /** Its end is stored (or in a recovery file) and its threads are gone. */
  /** What the divergence check needs of the losses, kept as they arrive (the store has them all). */
  lossWatch: LossWatch;
  ended: boolean;
  onEnded: Array<() => void>;
}

/** Finds the built worker bundle: beside this bundle, in dist/ of the source tree, or unpacked from asar. */
export function resolveWorkerScript(): string {
  const candidates = [new URL('./worker.mjs', import.meta.url), new URL('../../dist/worker.mjs', import.meta.url)].map((url) =>
    outsideAsar(fileURLToPath(url)),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the training worker is not built (looked for ${candidates.join(', ')}); run npm run build:node`);
  return found;
}

export class RunManager {
  private readonly store: RunStore;
  private readonly cores: number;
  readonly instance: string;
  readonly datasets = new SharedDatasets();
  private readonly runs = new Map<number, Run>();
  private readonly queue: Run[] = [];
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly workerScript = resolveWorkerScript();
  /** Threads started ahead of a run that is about to launch, booting while its dataset loads. */
  readonly warm: WarmThreads;
  private readonly flushTimer: NodeJS.Timeout;
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(private readonly options: RunManagerOptions) {
    this.store = options.store;
    this.cores = Math.max(1, options.cores);
    this.warm = new WarmThreads(this.workerScript, this.cores);
    this.instance = options.instance ?? randomUUID();
    this.store.recoverInterrupted(this.instance, isProcessAlive);
    this.flushTimer = setInterval(() => this.flushAll(), FLUSH_MS);
    this.heartbeatTimer = setInterval(() => this.beatInBackground(), HEARTBEAT_MS);
    this.flushTimer.unref();
    this.heartbeatTimer.unref();
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates, prepares and queues a run; resolves with its id once it is stored. */
  async start(raw: unknown, options: StartRunOptions = {}): Promise<number> {
    const { experiment, plan } = validateExperiment(raw);
    const workers = Math.max(1, Math.min(64, options.workers ?? this.cores));
    // A run that will launch at once has its threads boot while its dataset loads.
    const need = Math.min(workers, this.cores);
    if (!this.queue.length && this.slotsInUse() + need <= this.cores) this.warm.prepare(need);
    const dataset = await this.datasets.load(experiment.data, this.options.baseDir);
    checkModelFitsData(plan, dataset);
    checkTrainingMemory(plan, experiment.training, workers); // each thread adds a gradient: the figure depends on how many
    const shared = allocateSharedRun(plan, workers, dataset);
    const network = sharedNetwork(plan.spec, shared, { seed: experiment.training.seed, skipInit: Boolean(options.initialWeights) });
    const startWeights = options.initialWeights ? loadInitialWeights(network, options.initialWeights) : undefined;
    const batchSize = Math.min(experiment.training.batchSize, dataset.train.count);
    const iterationsPerEpoch = Math.floor(dataset.train.count / batchSize);
    const iterationsTotal = iterationsPerEpoch * experiment.training.epochs;
    const uid = randomUUID();
    const name = options.name?.trim() || experiment.name || defaultName(experiment);
    // Registered as an owner before its first run exists, so no other process takes that run for orphaned.
    this.registerAsOwner();
    const id = this.store.createRun({
      uid,
      name,
      experiment,
      dataset: experiment.data.source,
      seed: experiment.training.seed,
      workers,
      epochsTotal: experiment.training.epochs,
      iterationsTotal,
      status: 'queued',
      ownerInstance: this.instance,
      startWeights,
      dataRecord: dataRecordOf(dataset),
    });
    const run: Run = {
      id,
      uid,
      name,
      startWeights,
      startedAtMs: Date.now(),
      experiment,
      plan,
      dataset,
      workers,
      shared,
      network,
      threads: [],
      status: 'queued',
      iterationsPerEpoch,
      iterationsTotal,
      batchSize,
      iterationsDone: 0,
      startedAt: 0,
      lastProgressAt: 0,
      pendingLosses: [],
      recentLosses: [],
      pendingEpochs: [],
      epochs: [],
      lastEpoch: null,
      statusPending: false,
      retry: new Retry(),
      lossWatch: new LossWatch(experiment.training.batchSize),
      ending: false,
      ended: false,
      onEnded: [],
    };
    this.runs.set(id, run);
    this.datasets.hold(dataset); // until end(): a dataset no run holds may be dropped from memory
    this.queue.push(run);
    this.emit({ type: 'status', runId: id, status: 'queued' });
    this.schedule();
    return id;
  }

  pause(id: number): void {
    const run = this.live(id);
    if (run.status === 'running' && !run.ending) setControl(run.shared, CONTROL.PAUSE);
  }

  resume(id: number): void {
    const run = this.live(id);
    if (!run.ending) setControl(run.shared, CONTROL.RUN);
  }

  cancel(id: number): void {
    const run = this.live(id);
    if (run.ending) return; // its end is being stored already
    if (run.status === 'queued') {
      this.queue.splice(this.queue.indexOf(run), 1);
      this.end(run, 'cancelled');
      return;
    }
    setControl(run.shared, CONTROL.CANCEL);
  }

  /** Resolves when the run has ended (done, cancelled or failed). */
  whenEnded(id: number): Promise<void> {
    const run = this.runs.get(id);
    if (!run || run.ended) return Promise.resolve();
    return new Promise((resolve) => run.onEnded.push(resolve));
  }

  isLive(id: number): boolean {
    return this.runs.has(id);
  }

  /** Views of a live run's parameters on its shared buffers — no copy, no message to the workers. */
  liveParams(id: number, names: string[]): { name: string; shape: readonly number[]; data: Float32Array | Float64Array }[] | null {
    const run = this.runs.get(id);
    if (!run) return null;
    return names.map((name) => {
      const t = run.network.tensor(name);
      if (!t) throw labError('usage', 'run.noParameterOf', { id, name, names: Object.keys(run.network.params).join(', ') });
      return { name, shape: t.shape, data: t.data };
    });
  }

  /** Parameters straight from the shared buffers of a live run, as plain numbers for the API. */
  readLiveParams(id: number, names: string[]): ParamSnapshot[] | null {
    return this.liveParams(id, names)?.map((p) => ({ name: p.name, shape: [...p.shape], data: Array.from(p.data) })) ?? null;
  }

  /** Stops every run of this process (cancelled) and waits for them. */
  async close(): Promise<void> {
    for (const run of [...this.runs.values()]) if (!run.ending) this.cancel(run.id);
    await Promise.all([...this.runs.keys()].map((id) => this.whenEnded(id)));
    await this.warm.close();
    clearInterval(this.flushTimer);
    clearInterval(this.heartbeatTimer);
  }

  private live(id: number): Run {
    const run = this.runs.get(id);
    if (!run) throw labError('usage', 'run.notTrainingHere', { id });
    return run;
  }

  private slotsInUse(): number {
    let used = 0;
    for (const run of this.runs.values()) if (run.threads.length && !run.ending) used += Math.min(run.workers, this.cores);
    return used;
  }

  private schedule(): void {
    while (this.queue.length) {
      const next = this.queue[0]!;
      const need = Math.min(next.workers, this.cores);
      if (this.slotsInUse() + need > this.cores) return;
      this.queue.shift();
      try {
        this.launch(next);
      } catch (error) {
        this.fail(next, `its training threads could not start: ${messageOf(error)}`);
      }
    }
  }

  private launch(run: Run): void {
    run.status = 'running';
    run.startedAt = performance.now();
    run.statusPending = true;
    this.flush(run);
    if (run.ending) return; // its row is gone: flush failed it, and it needs no threads
    this.emit({ type: 'status', runId: run.id, status: 'running' });
    for (let index = 0; index < run.workers; index++) {
      const thread = this.warm.take();
      thread.postMessage({
        job: 'train',
        index,
        run: run.shared,
        model: run.plan.spec,
        training: run.experiment.training,
        dataset: run.dataset,
        meta: index === 0 ? this.weightsMeta(run) : undefined,
        // Runs share the cores through the queue, so a run that fits them has them to itself.
        ownCores: run.workers <= this.cores,
      });
      thread.on('message', (report: WorkerReport | { type: 'error'; message: string }) => this.onReport(run, report));
      thread.on('error', (error) => this.fail(run, `a training thread failed: ${error.message}`));
      thread.on('exit', (code) => {
        if (!run.ending && code !== 0) this.fail(run, `a training thread stopped unexpectedly (exit code ${code})`);
      });
      run.threads.push(thread);
    }
  }

  /** A worker's message. Whatever goes wrong here fails this run with a sentence, never the process. */
  private onReport(run: Run, report: WorkerReport | { type: 'error'; message: string }): void {
    if (run.ending) return;
    try {
      this.handleReport(run, report);
    } catch (error) {
      this.fail(run, `the lab could not handle its training threads' report: ${messageOf(error)}`);
    }
  }

  private handleReport(run: Run, report: WorkerReport | { type: 'error'; message: string }): void {
    switch (report.type) {
      case 'losses':
        // A diverged iteration's NaN is not a point on a curve: the failure sentence says where it happened.
        for (let i = 0; i < report.items.length; i += 2) {
          if (!Number.isFinite(report.items[i + 1])) continue;
          const point = { iteration: report.items[i]!, loss: report.items[i + 1]! };
          run.pendingLosses.push(point);
          run.recentLosses.push(point);
          run.lossWatch.add(point.loss);
        }
        run.iterationsDone = report.items[report.items.length - 2]!;
        this.progress(run, report.items[report.items.length - 1]!);
        return;
      case 'epoch': {
        const { type: _type, stepSeconds: _steps, stepMedianSeconds: _median, ...metric } = report;
        run.pendingEpochs.push(metric);
        run.epochs.push(metric);
        run.lastEpoch = metric;
        run.iterationsDone = metric.iteration;
        this.flush(run); // an epoch is written the moment it exists: a kill loses nothing measured
        this.emit({ type: 'epoch', runId: run.id, metric });
        return;
      }
      case 'measuring':
        this.emit({ type: 'measuring', runId: run.id, epoch: report.epoch });
        return;
      case 'paused':
      case 'resumed': {
        run.status = report.type === 'paused' ? 'paused' : 'running';
        run.statusPending = true;
        this.flush(run);
        this.emit({ type: 'status', runId: run.id, status: run.status });
        return;
      }
      case 'finished':
        this.end(run, report.outcome === 'done' ? 'done' : 'cancelled', undefined, report.weights);
        return;
      case 'diverged':
        this.end(run, 'failed', report.message);
        return;
      case 'error':
        this.fail(run, `a training thread failed: ${report.message}`);
        return;
    }
  }

  private progress(run: Run, loss: number): void {
    const now = performance.now();
    if (now - run.lastProgressAt < 1000 / PROGRESS_EVENTS_PER_SECOND && run.iterationsDone < run.iterationsTotal) return;
    run.lastProgressAt = now;
    const seconds = (now - run.startedAt) / 1000;
    const rate = seconds > 0 ? run.iterationsDone / seconds : 0;
    this.emit({
      type: 'progress',
      runId: run.id,
      iteration: run.iterationsDone,
      iterationsTotal: run.iterationsTotal,
      epoch: epochUnderway(run.iterationsDone, run.iterationsTotal, run.experiment.training.epochs),
      loss,
      samplesPerSecond: rate * run.batchSize,
      etaSeconds: rate > 0 ? (run.iterationsTotal - run.iterationsDone) / rate : null,
      recent: run.recentLosses,
    });
    run.recentLosses = [];
  }

  private fail(run: Run, reason: string): void {
    if (!run.ending) this.end(run, 'failed', reason);
  }

  /**
   * Decides the run's end at once (later reports are ignored), then stores it — metrics, weights,
   * status, in that order, so a run marked done always has its weights — and only then lets its
   * threads go, tells the listeners and frees its cores.
   */
  private end(run: Run, status: 'done' | 'cancelled' | 'failed', failure?: string, weights?: string): void {
    if (run.ending) return;
    run.ending = true;
    run.status = status;
    // A run that trained to its end (or to the learner's stop) may still have blown up without a NaN.
    const warning = status === 'failed' ? null : run.lossWatch.verdict(run.lastEpoch, run.plan.classes);
    void this.storeEnd(run, status, failure, weights, warning)
      .catch((error: unknown) => `Run ${run.id} ended, but the lab failed while storing its end: ${messageOf(error)}`)
      .then((unsaved) => {
        for (const thread of run.threads) void thread.terminate();
        run.ended = true;
        this.runs.delete(run.id);
        this.datasets.release(run.dataset);
        const told = unsaved ?? failure;
        const said = warning ? { warning: { ...warning, message: describeDivergence(warning) } } : {};
        this.emit({ type: 'status', runId: run.id, status, ...(told ? { failure: told } : {}), ...said });
        for (const resolve of run.onEnded) resolve();
        this.schedule();
      });
  }

  /** Stores the run's end; resolves with a sentence when the store refused and the run went elsewhere. */
  private async storeEnd(
    run: Run,
    status: RunStatus,
    failure: string | undefined,
    weights: string | undefined,
    warning: DivergenceWarning | null,
  ): Promise<string | undefined> {
    const started = Date.now();
    let weightsStored = weights === undefined;
    for (;;) {
      try {
        this.store.withBusyWait(BACKGROUND_BUSY_WAIT_MS, () => {
          this.writePending(run);
          if (!weightsStored) this.store.saveWeights(run.id, weights!);
          weightsStored = true;
          this.store.setStatus(run.id, status, failure, warning);
        });
        return undefined;
      } catch (error) {
        if (isBusy(error) && Date.now() - started < (this.options.endBusyBoundMs ?? END_BUSY_BOUND_MS)) {
          await new Promise((resolve) => setTimeout(resolve, run.retry.failed(Date.now(), END_RETRY_MAX_MS)));
          continue;
        }
        return rescueRun(this.store, run, { status, failure, weights }, error);
      }
    }
  }

  private weightsMeta(run: Run): Record<string, unknown> {
    return {
      app: `Deep Learning Lab ${this.options.appVersion ?? ''}`.trim(),
      runId: run.id,
      experiment: run.experiment.name ?? null,
      data: run.experiment.data.source,
      trainLimit: run.experiment.data.trainLimit ?? null,
      validation: run.experiment.data.validation ?? null,
      optimizer: run.experiment.training.optimizer,
      batchSize: run.experiment.training.batchSize,
      seed: run.experiment.training.seed,
      workers: run.workers,
      // What the outputs mean, and for a CSV table how new rows are read: the same columns, classes and scaling.
      ...(run.dataset.classNames ? { classNames: [...run.dataset.classNames] } : {}),
      ...(run.dataset.files ? { dataFiles: run.dataset.files } : {}),
      ...(run.dataset.fitted ? { csv: run.dataset.fitted, csvSettings: run.experiment.data.csv ?? {} } : {}),
    };
  }

  /** Writes what the store has not yet taken; throws what the store says. */
  private writePending(run: Run): void {
    if (run.pendingLosses.length || run.pendingEpochs.length) {
      this.store.writeProgress(run.id, { losses: run.pendingLosses, epochs: run.pendingEpochs, iterationsDone: run.iterationsDone });
      run.pendingLosses = [];
      run.pendingEpochs = [];
    }
    if (run.statusPending && !run.ending) {
      this.store.setStatus(run.id, run.status);
      run.statusPending = false;
    }
  }

  /**
   * A live run's writes, waiting briefly for the lock. A refusing store (locked, full, read-only)
   * keeps them in memory to retry with backoff for as long as the run lives; anything else (its row
   * deleted by another program, a lab bug) fails the run — never the process.
   */
  private flush(run: Run): void {
    if (run.ending || !run.retry.due(Date.now())) return;
    try {
      this.store.withBusyWait(BACKGROUND_BUSY_WAIT_MS, () => this.writePending(run));
      run.retry.succeeded();
    } catch (error) {
      if (isStoreRefusal(error)) run.retry.failed(Date.now());
      else this.fail(run, `its metrics could not be saved: ${messageOf(error)}`);
    }
  }

  private flushAll(): void {
    for (const run of [...this.runs.values()]) this.flush(run);
  }

  /**
   * Whether this process has said it owns runs. Only a process that trains does: one that opens the lab
   * to list, export or evaluate (`dlab runs`, `dlab evaluate`) writes nothing of itself into the database.
   */
  private registered = false;

  private registerAsOwner(): void {
    if (this.registered) return;
    this.beat();
    this.registered = true;
  }

  private beat(): void {
    this.store.heartbeat({ instance: this.instance, pid: process.pid, hostname: hostname() });
  }

  /** The timer's heartbeat: one the store refuses is simply made again at the next beat. */
  private beatInBackground(): void {
    if (!this.registered) return;
    try {
      this.store.withBusyWait(BACKGROUND_BUSY_WAIT_MS, () => this.beat());
    } catch {
      // the next beat tries again; a run owner silent for a minute is the only consequence, and it heals
    }
  }

  /** Tells every listener; one that throws is its own problem, never the run's or the process's. */
  private emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's failure (a closed window, a dropped connection) is not the run's
      }
    }
  }
}

function messageOf(error: unknown): string {
  return (error as Partial<Error> | null | undefined)?.message?.replace(/\.$/, '') ?? String(error);
}

function defaultName(experiment: Experiment): string {
  const layers = experiment.model.layers
    .filter((l) => l.type !== 'softmax-with-loss')
    .map((l) => l.type)
    .join('-');
  return `${layers} on ${experiment.data.source}`;
}

/** Continue training: the weights must be for this very model. Returns them as the text the store keeps. */
function loadInitialWeights(network: Network, file: unknown): string {
  const { network: loaded, file: checked } = readWeights(file);
  if (JSON.stringify(loaded.plan.spec) !== JSON.stringify(network.plan.spec)) {
    throw labError('spec', 'weights.otherModel', {});
  }
  for (const [name, t] of Object.entries({ ...loaded.params, ...loaded.buffers })) {
    (network.params[name] ?? network.buffers[name])!.data.set(t.data);
  }
  return weightsToJson(checked);
}
