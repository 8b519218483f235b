// The run manager: turns experiments into training runs on worker threads, shares the cores between
// runs through a queue, writes every metric to the store in batched transactions, and streams
// throttled events to whoever listens (the window, the web page, the CLI).
// Training never runs on this thread: it only moves messages and reads shared memory.

import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import type { Dataset } from '../../engine/data/dataset';
import { LabError } from '../../engine/errors';
import { validateExperiment, type Experiment } from '../../engine/experiment';
import type { ModelPlan } from '../../engine/model';
import type { Network } from '../../engine/network';
import { allocateSharedRun, CONTROL, setControl, sharedNetwork, type SharedRun, type WorkerReport } from '../../engine/parallel/training';
import { checkModelFitsData } from '../../engine/trainer';
import { readWeights, weightsToJson } from '../../engine/weights';
import type { EpochMetric, IterationLoss, ParamSnapshot, RunEvent, RunStatus, StartRunOptions } from '../api/contract';
import type { RunStore } from '../store/RunStore';
import { SharedDatasets } from './sharedData';

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
}

interface Run {
  id: number;
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
  lastEpoch: EpochMetric | null;
  ended: boolean;
  onEnded: Array<() => void>;
}

/** Finds the built worker bundle: beside this bundle, in dist/ of the source tree, or unpacked from asar. */
export function resolveWorkerScript(): string {
  const candidates = [new URL('./worker.js', import.meta.url), new URL('../../dist/worker.js', import.meta.url)]
    .map((url) => fileURLToPath(url).replace(`app.asar${'/'}`, `app.asar.unpacked/`));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the training worker is not built (looked for ${candidates.join(', ')}); run npm run build:node`);
  return found;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
  private readonly flushTimer: NodeJS.Timeout;
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(private readonly options: RunManagerOptions) {
    this.store = options.store;
    this.cores = Math.max(1, options.cores);
    this.instance = options.instance ?? randomUUID();
    this.beat();
    this.store.recoverInterrupted(this.instance, isProcessAlive);
    this.flushTimer = setInterval(() => this.flushAll(), FLUSH_MS);
    this.heartbeatTimer = setInterval(() => this.beat(), HEARTBEAT_MS);
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
    const dataset = await this.datasets.load(experiment.data, this.options.baseDir);
    checkModelFitsData(plan, dataset);
    const workers = Math.max(1, Math.min(64, options.workers ?? this.cores));
    const shared = allocateSharedRun(plan, workers, dataset);
    const network = sharedNetwork(plan.spec, shared, { seed: experiment.training.seed, skipInit: Boolean(options.initialWeights) });
    const startWeights = options.initialWeights ? loadInitialWeights(network, options.initialWeights) : undefined;
    const batchSize = Math.min(experiment.training.batchSize, dataset.train.count);
    const iterationsPerEpoch = Math.floor(dataset.train.count / batchSize);
    const iterationsTotal = iterationsPerEpoch * experiment.training.epochs;
    const id = this.store.createRun({
      name: options.name?.trim() || experiment.name || defaultName(experiment),
      experiment,
      dataset: experiment.data.source,
      seed: experiment.training.seed,
      workers,
      epochsTotal: experiment.training.epochs,
      iterationsTotal,
      status: 'queued',
      ownerInstance: this.instance,
      startWeights,
    });
    const run: Run = {
      id, experiment, plan, dataset, workers, shared, network, threads: [], status: 'queued',
      iterationsPerEpoch, iterationsTotal, batchSize, iterationsDone: 0, startedAt: 0, lastProgressAt: 0,
      pendingLosses: [], recentLosses: [], pendingEpochs: [], lastEpoch: null, ended: false, onEnded: [],
    };
    this.runs.set(id, run);
    this.queue.push(run);
    this.emit({ type: 'status', runId: id, status: 'queued' });
    this.schedule();
    return id;
  }

  pause(id: number): void {
    const run = this.live(id);
    if (run.status === 'running') setControl(run.shared, CONTROL.PAUSE);
  }

  resume(id: number): void {
    const run = this.live(id);
    setControl(run.shared, CONTROL.RUN);
  }

  cancel(id: number): void {
    const run = this.live(id);
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
      const t = run.network.named(name);
      if (!t) throw new LabError('usage', `Run ${id} has no parameter "${name}" (it has ${Object.keys(run.network.params).join(', ')}).`);
      return { name, shape: t.shape, data: t.data };
    });
  }

  /** Parameters straight from the shared buffers of a live run, as plain numbers for the API. */
  readLiveParams(id: number, names: string[]): ParamSnapshot[] | null {
    return this.liveParams(id, names)?.map((p) => ({ name: p.name, shape: [...p.shape], data: Array.from(p.data) })) ?? null;
  }

  /** Stops every run of this process (cancelled) and waits for them. */
  async close(): Promise<void> {
    for (const run of [...this.runs.values()]) if (!run.ended) this.cancel(run.id);
    await Promise.all([...this.runs.keys()].map((id) => this.whenEnded(id)));
    clearInterval(this.flushTimer);
    clearInterval(this.heartbeatTimer);
  }

  private live(id: number): Run {
    const run = this.runs.get(id);
    if (!run) throw new LabError('usage', `Run ${id} is not training in this lab right now.`);
    return run;
  }

  private slotsInUse(): number {
    let used = 0;
    for (const run of this.runs.values()) if (run.threads.length && !run.ended) used += Math.min(run.workers, this.cores);
    return used;
  }

  private schedule(): void {
    while (this.queue.length) {
      const next = this.queue[0];
      const need = Math.min(next.workers, this.cores);
      if (this.slotsInUse() + need > this.cores) return;
      this.queue.shift();
      this.launch(next);
    }
  }

  private launch(run: Run): void {
    run.status = 'running';
    run.startedAt = performance.now();
    this.store.setStatus(run.id, 'running');
    this.emit({ type: 'status', runId: run.id, status: 'running' });
    const { model } = { model: run.plan.spec };
    for (let index = 0; index < run.workers; index++) {
      const thread = new Worker(this.workerScript, {
        workerData: { job: 'train', index, run: run.shared, model, training: run.experiment.training, dataset: run.dataset, meta: index === 0 ? this.weightsMeta(run) : undefined },
      });
      thread.on('message', (report: WorkerReport | { type: 'error'; message: string }) => this.onReport(run, report));
      thread.on('error', (error) => this.fail(run, `a training thread failed: ${error.message}`));
      thread.on('exit', (code) => {
        if (!run.ended && code !== 0) this.fail(run, `a training thread stopped unexpectedly (exit code ${code})`);
      });
      run.threads.push(thread);
    }
  }

  private onReport(run: Run, report: WorkerReport | { type: 'error'; message: string }): void {
    if (run.ended) return;
    switch (report.type) {
      case 'losses':
        // A diverged iteration's NaN is not a point on a curve: the failure sentence says where it happened.
        for (let i = 0; i < report.items.length; i += 2) {
          if (!Number.isFinite(report.items[i + 1])) continue;
          const point = { iteration: report.items[i], loss: report.items[i + 1] };
          run.pendingLosses.push(point);
          run.recentLosses.push(point);
        }
        run.iterationsDone = report.items[report.items.length - 2];
        this.progress(run, report.items[report.items.length - 1]);
        return;
      case 'epoch': {
        const { type: _type, stepSeconds: _steps, stepMedianSeconds: _median, ...metric } = report;
        run.pendingEpochs.push(metric);
        run.lastEpoch = metric;
        run.iterationsDone = metric.iteration;
        this.flush(run); // an epoch is written the moment it exists: a kill loses nothing measured
        this.emit({ type: 'epoch', runId: run.id, metric });
        return;
      }
      case 'paused':
      case 'resumed': {
        run.status = report.type === 'paused' ? 'paused' : 'running';
        this.flush(run);
        this.store.setStatus(run.id, run.status);
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
      epoch: Math.min(run.experiment.training.epochs, Math.floor(run.iterationsDone / run.iterationsPerEpoch) + 1),
      loss,
      samplesPerSecond: rate * run.batchSize,
      etaSeconds: rate > 0 ? (run.iterationsTotal - run.iterationsDone) / rate : null,
      recent: run.recentLosses,
    });
    run.recentLosses = [];
  }

  private fail(run: Run, reason: string): void {
    if (!run.ended) this.end(run, 'failed', reason);
  }

  private end(run: Run, status: 'done' | 'cancelled' | 'failed', failure?: string, weights?: string): void {
    if (run.ended) return;
    run.ended = true;
    for (const thread of run.threads) void thread.terminate();
    try {
      this.flush(run);
      if (weights !== undefined) this.store.saveWeights(run.id, weights);
      this.store.setStatus(run.id, status, failure);
    } finally {
      run.status = status;
      this.runs.delete(run.id);
      this.emit({ type: 'status', runId: run.id, status, ...(failure ? { failure } : {}) });
      for (const resolve of run.onEnded) resolve();
      this.schedule();
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
    };
  }

  private flush(run: Run): void {
    if (!run.pendingLosses.length && !run.pendingEpochs.length) return;
    this.store.writeProgress(run.id, { losses: run.pendingLosses, epochs: run.pendingEpochs, iterationsDone: run.iterationsDone });
    run.pendingLosses = [];
    run.pendingEpochs = [];
  }

  private flushAll(): void {
    for (const run of this.runs.values()) {
      try {
        this.flush(run);
      } catch (error) {
        this.fail(run, `its metrics could not be saved: ${(error as Error).message}`);
      }
    }
  }

  private beat(): void {
    this.store.heartbeat({ instance: this.instance, pid: process.pid, hostname: hostname() });
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function defaultName(experiment: Experiment): string {
  const layers = experiment.model.layers.filter((l) => l.type !== 'softmax-with-loss').map((l) => l.type).join('-');
  return `${layers} on ${experiment.data.source}`;
}

/** Continue training: the weights must be for this very model. Returns them as the text the store keeps. */
function loadInitialWeights(network: Network, file: unknown): string {
  const { network: loaded, file: checked } = readWeights(file);
  if (JSON.stringify(loaded.plan.spec) !== JSON.stringify(network.plan.spec)) {
    throw new LabError('spec', 'These weights belong to a different model: continue training needs the same layers as the weights file.');
  }
  for (const [name, t] of Object.entries({ ...loaded.params, ...loaded.buffers })) {
    (network.params[name] ?? network.buffers[name]).data.set(t.data);
  }
  return weightsToJson(checked);
}
