// The live-metrics store: every run's status, progress, iteration losses and epoch metrics as they
// stream from lab.onRunEvent, kept outside React. Components read one topic of one run through
// useSyncExternalStore (see useLive.ts), so a progress tick re-renders the progress bar and nothing
// else, and the loss chart redraws at most a few times a second however fast events come.
// No DOM and no React here: tests drive it with a fake event source and fake timers.

import type { EpochMetric, RunDetail, RunEvent, RunStatus, RunWarning } from '../../main/api/contract';
import { LossSeries, type LossPoint } from '../charts/downsample';

export type Topic = 'status' | 'progress' | 'losses' | 'epochs';

export interface LiveStatus {
  status: RunStatus;
  failure: string | null;
  /** A run that ended but blew up on the way (engine/divergence.ts). */
  warning: RunWarning | null;
}

export interface LiveProgress {
  iteration: number;
  iterationsTotal: number;
  epoch: number;
  loss: number | null;
  samplesPerSecond: number | null;
  etaSeconds: number | null;
  /** The epoch whose accuracy is being measured after its steps (the bar is full, but the run is not done), or null. */
  measuringEpoch?: number | null;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveRunsOptions {
  /** Least time between two notifications of a run's progress (ms). */
  progressMs?: number;
  /** Least time between two redraws of a run's loss curve (ms). */
  lossesMs?: number;
  /** Least time between two notifications of a run's epoch metrics (ms). */
  epochsMs?: number;
  /** Most points a loss curve keeps. */
  maxPoints?: number;
  timers?: Timers;
}

type Connect = (listener: (event: RunEvent) => void) => () => void;

interface RunState {
  status: LiveStatus | null;
  /** Whether `status` came from an event (then a seed from an older fetch must not overwrite it). */
  statusFromEvent: boolean;
  progress: LiveProgress | null;
  losses: LossSeries;
  /** Every epoch's metrics in epoch order, appended to in place (a run of 10,000 short epochs must not copy them all at each one). */
  epochList: EpochMetric[];
  /** What readers get: a copy of epochList, made again only after it changed. */
  epochs: readonly EpochMetric[];
  epochsDirty: boolean;
}

const defaultTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const EMPTY_POINTS: readonly LossPoint[] = [];
const EMPTY_EPOCHS: readonly EpochMetric[] = [];

export class LiveRuns {
  private readonly runs = new Map<number, RunState>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly statusListeners = new Set<(runId: number, status: LiveStatus) => void>();
  private readonly lastNotified = new Map<string, number>();
  private readonly pending = new Map<string, unknown>();
  private disconnect: (() => void) | null = null;
  private readonly timers: Timers;
  private readonly intervals: Record<Topic, number>;
  private readonly maxPoints: number;

  constructor(
    private readonly connect: Connect,
    options: LiveRunsOptions = {},
  ) {
    this.timers = options.timers ?? defaultTimers;
    this.intervals = { status: 0, epochs: options.epochsMs ?? 250, progress: options.progressMs ?? 100, losses: options.lossesMs ?? 250 };
    this.maxPoints = options.maxPoints ?? 400;
  }

  private ensureConnected(): void {
    if (this.disconnect === null) this.disconnect = this.connect((event) => this.handle(event));
  }

  private state(runId: number): RunState {
    let state = this.runs.get(runId);
    if (!state) {
      state = {
        status: null,
        statusFromEvent: false,
        progress: null,
        losses: new LossSeries(this.maxPoints),
        epochList: [],
        epochs: EMPTY_EPOCHS,
        epochsDirty: false,
      };
      this.runs.set(runId, state);
    }
    return state;
  }

  /** Listens to one topic of one run; the store connects to the event stream on the first listener. */
  subscribe(runId: number, topic: Topic, listener: () => void): () => void {
    this.ensureConnected();
    const key = `${runId}:${topic}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Listens to every run's status changes (the runs list refreshes on them). */
  subscribeStatuses(listener: (runId: number, status: LiveStatus) => void): () => void {
    this.ensureConnected();
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  status(runId: number): LiveStatus | null {
    return this.runs.get(runId)?.status ?? null;
  }

  progress(runId: number): LiveProgress | null {
    return this.runs.get(runId)?.progress ?? null;
  }

  losses(runId: number): readonly LossPoint[] {
    return this.runs.get(runId)?.losses.points ?? EMPTY_POINTS;
  }

  epochs(runId: number): readonly EpochMetric[] {
    const state = this.runs.get(runId);
    if (!state) return EMPTY_EPOCHS;
    if (state.epochsDirty) {
      state.epochs = state.epochList.slice();
      state.epochsDirty = false;
    }
    return state.epochs;
  }

  /** Fills a run from what the store already holds, keeping anything newer that arrived live. */
  seed(detail: Pick<RunDetail, 'id' | 'status' | 'failure' | 'warning' | 'epochs' | 'losses' | 'iterationsDone' | 'iterationsTotal' | 'epochsDone'>): void {
    const state = this.state(detail.id);
    if (!state.statusFromEvent) {
      state.status = { status: detail.status, failure: detail.failure, warning: detail.warning };
      this.notify(detail.id, 'status', true);
    }
    const lastSeeded = detail.losses.length ? detail.losses[detail.losses.length - 1]!.iteration : 0;
    const newer = state.losses.points.filter((p) => p.iteration > lastSeeded);
    state.losses.seed([...detail.losses, ...newer], Math.max(detail.iterationsDone, newer.length ? newer[newer.length - 1]!.iteration : 0));
    this.notify(detail.id, 'losses', true);

    const byEpoch = new Map<number, EpochMetric>();
    for (const m of detail.epochs) byEpoch.set(m.epoch, m);
    for (const m of state.epochList) byEpoch.set(m.epoch, m);
    state.epochList = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
    state.epochsDirty = true;
    this.notify(detail.id, 'epochs', true);

    if (!state.progress || state.progress.iteration < detail.iterationsDone) {
      const last = detail.losses[detail.losses.length - 1];
      state.progress = {
        iteration: detail.iterationsDone,
        iterationsTotal: detail.iterationsTotal,
        epoch: detail.epochsDone,
        loss: last ? last.loss : null,
        samplesPerSecond: null,
        etaSeconds: null,
      };
      this.notify(detail.id, 'progress', true);
    }
  }

  handle(event: RunEvent): void {
    const state = this.state(event.runId);
    switch (event.type) {
      case 'status': {
        state.status = { status: event.status, failure: event.failure ?? null, warning: event.warning ?? null };
        state.statusFromEvent = true;
        if (event.status !== 'running' && state.progress)
          state.progress = { ...state.progress, samplesPerSecond: null, etaSeconds: null, measuringEpoch: null };
        this.notify(event.runId, 'status', true);
        this.notify(event.runId, 'progress', true);
        // A run's last epoch is drawn when its end is shown, not up to an interval later.
        if (this.pending.has(`${event.runId}:epochs`)) this.notify(event.runId, 'epochs', true);
        for (const listener of [...this.statusListeners]) listener(event.runId, state.status);
        break;
      }
      case 'progress': {
        state.progress = {
          iteration: event.iteration,
          iterationsTotal: event.iterationsTotal,
          epoch: event.epoch,
          loss: event.loss,
          samplesPerSecond: event.samplesPerSecond,
          etaSeconds: event.etaSeconds,
          measuringEpoch: state.progress?.measuringEpoch ?? null,
        };
        this.notify(event.runId, 'progress');
        let added = false;
        for (const point of event.recent) {
          if (state.losses.push(point.iteration, point.loss)) added = true;
        }
        if (added) this.notify(event.runId, 'losses');
        break;
      }
      case 'epoch': {
        insertEpoch(state.epochList, event.metric);
        state.epochsDirty = true;
        // Throttled like the loss curve: a run of many short epochs redraws its chart a few times a second, not at each one.
        this.notify(event.runId, 'epochs');
        if (state.progress?.measuringEpoch != null) {
          state.progress = { ...state.progress, measuringEpoch: null };
          this.notify(event.runId, 'progress', true);
        }
        break;
      }
      case 'measuring': {
        const before = state.progress ?? { iteration: 0, iterationsTotal: 0, epoch: event.epoch, loss: null, samplesPerSecond: null, etaSeconds: null };
        state.progress = { ...before, measuringEpoch: event.epoch, etaSeconds: null };
        this.notify(event.runId, 'progress', true);
        break;
      }
      default:
        // Every event type is handled above: a new one would not compile here.
        return event satisfies never;
    }
  }

  /** Tells a topic's listeners, at most once per its interval (the last change always arrives). */
  private notify(runId: number, topic: Topic, now = false): void {
    const key = `${runId}:${topic}`;
    const interval = this.intervals[topic];
    const since = this.timers.now() - (this.lastNotified.get(key) ?? -Infinity);
    if (now || interval === 0 || since >= interval) {
      const handle = this.pending.get(key);
      if (handle !== undefined) {
        this.timers.clearTimeout(handle);
        this.pending.delete(key);
      }
      this.fire(key);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      this.timers.setTimeout(() => {
        this.pending.delete(key);
        this.fire(key);
      }, interval - since),
    );
  }

  private fire(key: string): void {
    this.lastNotified.set(key, this.timers.now());
    const set = this.listeners.get(key);
    if (set) for (const listener of [...set]) listener();
  }

  /** Stops listening to the event stream (tests; the app keeps one store for its lifetime). */
  close(): void {
    this.disconnect?.();
    this.disconnect = null;
    for (const handle of this.pending.values()) this.timers.clearTimeout(handle);
    this.pending.clear();
  }
}

/** Puts an epoch's metrics in its place in a list kept in epoch order, replacing one sent before for the same epoch. */
function insertEpoch(list: EpochMetric[], metric: EpochMetric): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.epoch > metric.epoch) i--;
  if (i > 0 && list[i - 1]!.epoch === metric.epoch) list[i - 1] = metric;
  else list.splice(i, 0, metric);
}
