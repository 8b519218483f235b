import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../main/api/contract';
import { LiveRuns, type Timers } from '../../../renderer/live/liveRuns';

/** Timers driven by hand: `advance(ms)` moves the clock and runs what fell due. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void due.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= now) {
        due.delete(id);
        timer.fn();
      }
    }
  };
  return { timers, advance, pending: () => due.size };
}

function setup(options: { progressMs?: number; lossesMs?: number; epochsMs?: number } = {}) {
  const { timers, advance, pending } = fakeTimers();
  let emit: (event: RunEvent) => void = () => {};
  let connections = 0;
  const store = new LiveRuns(
    (listener) => {
      connections++;
      emit = listener;
      return () => {
        connections--;
      };
    },
    { ...options, timers, maxPoints: 32 },
  );
  return { store, emit: (e: RunEvent) => emit(e), advance, pending, connections: () => connections };
}

const progress = (runId: number, iteration: number, loss = 1): RunEvent => ({
  type: 'progress',
  runId,
  iteration,
  iterationsTotal: 1000,
  epoch: 1,
  loss,
  samplesPerSecond: 500,
  etaSeconds: 10,
  recent: [{ iteration, loss }],
});

const metric = (epoch: number) => ({ epoch, iteration: epoch * 100, trainLoss: 0.3, trainAcc: 0.9, testAcc: 0.89, testLoss: 0.35, seconds: 4 });

describe('live-metrics store', () => {
  it('connects to the event stream on the first listener only', () => {
    const s = setup();
    expect(s.connections()).toBe(0);
    s.store.subscribe(1, 'progress', () => {});
    s.store.subscribe(2, 'losses', () => {});
    expect(s.connections()).toBe(1);
  });

  it('notifies only the listeners of the topic and run that changed', () => {
    const s = setup();
    const calls: string[] = [];
    s.store.subscribe(1, 'progress', () => calls.push('1:progress'));
    s.store.subscribe(1, 'epochs', () => calls.push('1:epochs'));
    s.store.subscribe(2, 'progress', () => calls.push('2:progress'));
    s.emit({ type: 'epoch', runId: 1, metric: metric(1) });
    expect(calls).toEqual(['1:epochs']);
    expect(s.store.epochs(1)).toEqual([metric(1)]);
    expect(s.store.epochs(2)).toEqual([]);
  });

  it('throttles progress: at most one notification per interval, the last value always delivered', () => {
    const s = setup({ progressMs: 100 });
    let calls = 0;
    s.store.subscribe(1, 'progress', () => calls++);
    s.emit(progress(1, 1));
    expect(calls).toBe(1); // the first change goes out at once
    for (let i = 2; i <= 10; i++) {
      s.advance(10);
      s.emit(progress(1, i));
    }
    expect(calls).toBe(1);
    s.advance(20);
    expect(calls).toBe(2);
    expect(s.store.progress(1)?.iteration).toBe(10);
    s.advance(1000);
    expect(calls).toBe(2);
    expect(s.pending()).toBe(0);
  });

  it('keeps snapshots stable between changes (what useSyncExternalStore needs)', () => {
    const s = setup();
    s.store.subscribe(1, 'losses', () => {});
    s.emit(progress(1, 1, 2.3));
    const losses = s.store.losses(1);
    const p = s.store.progress(1);
    expect(s.store.losses(1)).toBe(losses);
    expect(s.store.progress(1)).toBe(p);
    s.emit(progress(1, 2, 2.2));
    expect(s.store.losses(1)).not.toBe(losses);
  });

  it('bounds the loss curve of a long run', () => {
    const s = setup();
    s.store.subscribe(1, 'losses', () => {});
    for (let i = 1; i <= 10_000; i++) s.emit(progress(1, i, 1 / i));
    expect(s.store.losses(1).length).toBeLessThanOrEqual(32);
  });

  it('throttles a run of many short epochs: one redraw per interval, every epoch kept, the last drawn when the run ends', () => {
    const s = setup({ epochsMs: 250 });
    let calls = 0;
    s.store.subscribe(1, 'epochs', () => calls++);
    s.emit({ type: 'epoch', runId: 1, metric: metric(1) });
    expect(calls).toBe(1); // the first epoch is drawn at once
    for (let e = 2; e <= 1000; e++) {
      s.advance(2);
      s.emit({ type: 'epoch', runId: 1, metric: metric(e) });
    }
    // 1,000 epochs in two seconds: eight or nine redraws, not a thousand.
    expect(calls).toBeGreaterThanOrEqual(8);
    expect(calls).toBeLessThanOrEqual(9);
    s.emit({ type: 'status', runId: 1, status: 'done' });
    const last = s.store.epochs(1);
    expect(last.map((m) => m.epoch)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(s.store.epochs(1)).toBe(last); // the same array until something changes
    expect(s.pending()).toBe(0);
  });

  it('replaces an epoch sent twice and keeps epochs in order', () => {
    const s = setup();
    s.store.subscribe(1, 'epochs', () => {});
    s.emit({ type: 'epoch', runId: 1, metric: metric(2) });
    s.emit({ type: 'epoch', runId: 1, metric: metric(1) });
    s.emit({ type: 'epoch', runId: 1, metric: { ...metric(2), testAcc: 0.95 } });
    expect(s.store.epochs(1).map((m) => [m.epoch, m.testAcc])).toEqual([
      [1, 0.89],
      [2, 0.95],
    ]);
  });

  it('seeds from the stored run, keeping newer live points and a newer status', () => {
    const s = setup();
    s.store.subscribe(1, 'status', () => {});
    s.emit(progress(1, 120, 0.4));
    s.emit({ type: 'status', runId: 1, status: 'done' });
    s.store.seed({
      id: 1,
      status: 'running',
      failure: null,
      warning: null,
      epochs: [metric(1)],
      losses: [
        { iteration: 1, loss: 2.3 },
        { iteration: 100, loss: 0.5 },
      ],
      iterationsDone: 100,
      iterationsTotal: 1000,
      epochsDone: 1,
    });
    expect(s.store.status(1)).toEqual({ status: 'done', failure: null, warning: null });
    expect(s.store.losses(1).map((p) => p.iteration)).toEqual([1, 100, 120]);
    expect(s.store.progress(1)?.iteration).toBe(120);
    expect(s.store.epochs(1)).toHaveLength(1);
  });

  it('keeps the warning of a run that blew up: from the status event that ends it, and from the stored run', () => {
    const warning = { code: 'loss-rose' as const, from: 2.3, to: 14.6, message: 'the loss rose from 2.30 to 14.6 — the learning rate is probably too high' };
    const s = setup();
    s.store.subscribe(1, 'status', () => {});
    s.emit({ type: 'status', runId: 1, status: 'done', warning });
    expect(s.store.status(1)).toEqual({ status: 'done', failure: null, warning });
    s.store.seed({ id: 2, status: 'done', failure: null, warning, epochs: [], losses: [], iterationsDone: 10, iterationsTotal: 10, epochsDone: 1 });
    expect(s.store.status(2)?.warning).toEqual(warning);
  });

  it('records a failure with its reason, and tells status listeners', () => {
    const s = setup();
    const seen: string[] = [];
    s.store.subscribeStatuses((id, st) => seen.push(`${id}:${st.status}`));
    s.emit({ type: 'status', runId: 4, status: 'failed', failure: 'The loss became NaN at iteration 12.' });
    expect(s.store.status(4)).toEqual({ status: 'failed', failure: 'The loss became NaN at iteration 12.', warning: null });
    expect(seen).toEqual(['4:failed']);
  });

  it('stops listening and drops pending timers on close', () => {
    const s = setup({ progressMs: 100 });
    s.store.subscribe(1, 'progress', () => {});
    s.emit(progress(1, 1));
    s.emit(progress(1, 2));
    expect(s.pending()).toBeGreaterThan(0);
    s.store.close();
    expect(s.pending()).toBe(0);
    expect(s.connections()).toBe(0);
  });
});

describe('progress events carry every loss since the previous one', () => {
  it('appends them all to the live curve, not just the latest', () => {
    const s = setup();
    s.store.subscribe(9, 'losses', () => {});
    s.emit({ ...progress(9, 5, 0.5), recent: [1, 2, 3, 4, 5].map((iteration) => ({ iteration, loss: 1 / iteration })) } as RunEvent);
    expect(s.store.losses(9).map((p) => p.iteration)).toEqual([1, 2, 3, 4, 5]);
  });
});
