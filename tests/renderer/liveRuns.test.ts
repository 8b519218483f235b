import { describe, expect, it } from 'vitest';
import type { EpochMetric } from '../../main/api/contract';
import { applyRunEvent, newestLiveRun, type LiveRuns } from '../../renderer/app/liveRunEvents';

const metric: EpochMetric = { epoch: 1, iteration: 60, trainLoss: 0.3, trainAcc: 0.9, testAcc: 0.88, testLoss: 0.35, seconds: 2 };

describe('the top bar’s live runs', () => {
  it('follows a run from start to finish', () => {
    let runs: LiveRuns = {};
    runs = applyRunEvent(runs, { type: 'status', runId: 4, status: 'running' });
    expect(runs[4]!.status).toBe('running');
    runs = applyRunEvent(runs, {
      type: 'progress',
      runId: 4,
      iteration: 30,
      iterationsTotal: 300,
      epoch: 1,
      loss: 0.5,
      samplesPerSecond: 900,
      etaSeconds: 10,
      recent: [],
    });
    expect(runs[4]).toMatchObject({ iteration: 30, iterationsTotal: 300, loss: 0.5 });
    runs = applyRunEvent(runs, { type: 'epoch', runId: 4, metric: { ...metric, epoch: 2 } });
    expect(runs[4]!.epoch).toBe(2);
    // Epoch 3 has begun before epoch 2's metrics arrive: the counter does not step back.
    runs = applyRunEvent(runs, {
      type: 'progress',
      runId: 4,
      iteration: 121,
      iterationsTotal: 300,
      epoch: 3,
      loss: 0.4,
      samplesPerSecond: 900,
      etaSeconds: 8,
      recent: [],
    });
    runs = applyRunEvent(runs, { type: 'epoch', runId: 4, metric: { ...metric, epoch: 2 } });
    expect(runs[4]!.epoch).toBe(3);
    runs = applyRunEvent(runs, { type: 'status', runId: 4, status: 'done' });
    expect(runs).toEqual({});
  });

  it('ignores the end of a run it never saw, and shows the newest', () => {
    const runs: LiveRuns = {};
    expect(applyRunEvent(runs, { type: 'status', runId: 1, status: 'failed' })).toBe(runs);
    let two = applyRunEvent(runs, { type: 'status', runId: 2, status: 'paused' });
    two = applyRunEvent(two, { type: 'status', runId: 7, status: 'queued' });
    expect(newestLiveRun(two)?.id).toBe(7);
    expect(newestLiveRun({})).toBeNull();
  });
});
