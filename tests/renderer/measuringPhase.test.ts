// The live store's view of an epoch's measurement: from the 'measuring' event to that epoch's metrics
// the run is "evaluating", with no time left shown; the metrics or the run's end close the phase.

import { describe, expect, it } from 'vitest';
import type { EpochMetric, RunEvent } from '../../main/api/contract';
import { LiveRuns } from '../../renderer/live/liveRuns';

const metric: EpochMetric = { epoch: 1, iteration: 80, trainLoss: 0.3, trainAcc: 0.9, testAcc: 0.88, testLoss: 0.35, seconds: 2 };
const progress = (iteration: number): RunEvent => ({
  type: 'progress',
  runId: 3,
  iteration,
  iterationsTotal: 80,
  epoch: 1,
  loss: 0.4,
  samplesPerSecond: 900,
  etaSeconds: iteration === 80 ? 0 : 5,
  recent: [],
});

function store() {
  let emit: (event: RunEvent) => void = () => {};
  const live = new LiveRuns((listener) => {
    emit = listener;
    return () => undefined;
  });
  let notified = 0;
  live.subscribe(3, 'progress', () => notified++);
  return { live, emit: (e: RunEvent) => emit(e), notified: () => notified };
}

describe('the measuring phase in the live store', () => {
  it('runs from the measuring event to the epoch’s metrics, without an ETA', () => {
    const { live, emit, notified } = store();
    emit(progress(80));
    expect(live.progress(3)?.measuringEpoch ?? null).toBeNull();
    const before = notified();
    emit({ type: 'measuring', runId: 3, epoch: 1 });
    expect(notified()).toBe(before + 1);
    expect(live.progress(3)).toMatchObject({ iteration: 80, measuringEpoch: 1, etaSeconds: null });
    emit({ type: 'epoch', runId: 3, metric });
    expect(live.progress(3)?.measuringEpoch).toBeNull();
  });

  it('ends with the run, and starts even before any progress arrived', () => {
    const { live, emit } = store();
    emit({ type: 'measuring', runId: 3, epoch: 2 });
    expect(live.progress(3)?.measuringEpoch).toBe(2);
    emit({ type: 'status', runId: 3, status: 'cancelled' });
    expect(live.progress(3)?.measuringEpoch).toBeNull();
  });
});
