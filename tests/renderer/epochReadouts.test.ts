// The window shows a run's epoch twice: in the top bar's chip ("epoch 2/6") and on the dashboard's
// progress card ("Epoch 2 / 6"). docs/dashboard.png once caught them saying 2 and 3 at the same moment,
// at an epoch's edge. Both now count from the iteration they show, with the progress events' own rule
// (epochUnderway): the same events and the same seeds must give the same number, moment by moment.

import { describe, expect, it } from 'vitest';
import { epochUnderway } from '../../main/api/constants';
import type { EpochMetric, RunDetail, RunEvent } from '../../main/api/contract';
import { applyRunEvent, blankRun, chipEpoch, type LiveRuns as Table } from '../../renderer/app/liveRunEvents';
import { cardEpoch } from '../../renderer/dashboard/progressNumbers';
import { LiveRuns } from '../../renderer/live/liveRuns';

// TwoLayerNet on the bundled digits as in the screenshot: 6 epochs of 80 steps.
const EPOCHS = 6;
const TOTAL = 480;
const ID = 2;

const progress = (iteration: number): RunEvent => ({
  type: 'progress',
  runId: ID,
  iteration,
  iterationsTotal: TOTAL,
  // what RunManager puts in the event
  epoch: epochUnderway(iteration, TOTAL, EPOCHS),
  loss: 0.48,
  samplesPerSecond: 17_000,
  etaSeconds: 2,
  recent: [],
});
const metric = (epoch: number): EpochMetric => ({ epoch, iteration: epoch * 80, trainLoss: 0.3, trainAcc: 0.9, testAcc: 0.9, testLoss: 0.3, seconds: 1 });

/** The two readouts fed by the same stream: the top bar's table and the dashboard's live store. */
function window() {
  let table: Table = { [ID]: { ...blankRun(ID, 'running'), epochsTotal: EPOCHS } };
  let emit: (event: RunEvent) => void = () => {};
  const live = new LiveRuns((listener) => {
    emit = listener;
    return () => undefined;
  });
  // the dashboard's card is subscribed to the run's progress while it shows
  live.subscribe(ID, 'progress', () => {});
  return {
    send(event: RunEvent) {
      table = applyRunEvent(table, event);
      emit(event);
    },
    seed(detail: Pick<RunDetail, 'id' | 'status' | 'failure' | 'warning' | 'epochs' | 'losses' | 'iterationsDone' | 'iterationsTotal' | 'epochsDone'>) {
      live.seed(detail);
      // what runStatus.ts seeds the top bar with from the store's list
      table = {
        [ID]: {
          ...blankRun(ID, detail.status),
          epoch: epochUnderway(detail.iterationsDone, detail.iterationsTotal, EPOCHS),
          epochsTotal: EPOCHS,
          iteration: detail.iterationsDone,
          iterationsTotal: detail.iterationsTotal,
        },
      };
    },
    readouts() {
      const p = live.progress(ID);
      return { chip: chipEpoch(table[ID]!), card: cardEpoch(p?.iteration ?? 0, p?.iterationsTotal ?? 0, EPOCHS, true) };
    },
  };
}

describe('the epoch, counted once', () => {
  it('is the epoch whose steps run, or whose last step is being measured; the next step starts the next', () => {
    expect([0, 1, 79, 80, 81, 159, 160, 161, 400, 480].map((i) => epochUnderway(i, TOTAL, EPOCHS))).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 5, 6]);
    expect(epochUnderway(10, 0, 3)).toBe(1);
    expect(epochUnderway(0, 0, 0)).toBe(0);
  });
});

describe('the top bar and the dashboard card', () => {
  it('agree through an epoch’s edge: its last step, its measurement, its metrics, the next step', () => {
    const w = window();
    const seen: { chip: number; card: number }[] = [];
    for (const event of [
      progress(159),
      progress(160),
      { type: 'measuring', runId: ID, epoch: 2 } as RunEvent,
      { type: 'epoch', runId: ID, metric: metric(2) } as RunEvent,
      progress(161),
    ]) {
      w.send(event);
      seen.push(w.readouts());
    }
    // The screenshot's moment is the second: 160 of 480, epoch 2 measured. Both say 2 until step 161.
    expect(seen).toEqual([
      { chip: 2, card: 2 },
      { chip: 2, card: 2 },
      { chip: 2, card: 2 },
      { chip: 2, card: 2 },
      { chip: 3, card: 3 },
    ]);
  });

  it('agree when the window opens in the middle of a run, seeded from the store (epochsDone counts finished epochs)', () => {
    const w = window();
    w.seed({
      id: ID,
      status: 'running',
      failure: null,
      warning: null,
      epochs: [metric(1), metric(2)],
      losses: [],
      iterationsDone: 200,
      iterationsTotal: TOTAL,
      epochsDone: 2,
    });
    expect(w.readouts()).toEqual({ chip: 3, card: 3 });
    w.send(progress(201));
    expect(w.readouts()).toEqual({ chip: 3, card: 3 });
  });

  it('agree with a paused run seeded at an epoch’s edge, before any event arrives', () => {
    const w = window();
    w.seed({
      id: ID,
      status: 'paused',
      failure: null,
      warning: null,
      epochs: [metric(1), metric(2)],
      losses: [],
      iterationsDone: 160,
      iterationsTotal: TOTAL,
      epochsDone: 2,
    });
    expect(w.readouts()).toEqual({ chip: 2, card: 2 });
  });
});
