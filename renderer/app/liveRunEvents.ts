// The live-runs table as pure functions of the house's run events: what the top bar shows.

import { LIVE_STATUSES, epochUnderway } from '../../main/api/constants';
import type { RunEvent, RunStatus } from '../../main/api/contract';

export interface LiveRun {
  id: number;
  status: RunStatus;
  epoch: number;
  epochsTotal: number | null;
  iteration: number;
  iterationsTotal: number;
  loss: number | null;
}

export type LiveRuns = Record<number, LiveRun>;

export const isLive = (status: RunStatus): boolean => LIVE_STATUSES.includes(status);

export function blankRun(id: number, status: RunStatus = 'running'): LiveRun {
  return { id, status, epoch: 0, epochsTotal: null, iteration: 0, iterationsTotal: 0, loss: null };
}

export function applyRunEvent(runs: LiveRuns, event: RunEvent): LiveRuns {
  const current = runs[event.runId] ?? blankRun(event.runId);
  if (event.type === 'status') {
    if (!isLive(event.status)) {
      if (!(event.runId in runs)) return runs;
      const { [event.runId]: _ended, ...rest } = runs;
      return rest;
    }
    return { ...runs, [event.runId]: { ...current, status: event.status } };
  }
  if (event.type === 'progress') {
    return {
      ...runs,
      [event.runId]: {
        ...current,
        epoch: event.epoch,
        iteration: event.iteration,
        iterationsTotal: event.iterationsTotal,
        loss: event.loss,
      },
    };
  }
  if (event.type === 'measuring') return runs;
  // An epoch's metrics arrive after the next epoch's first progress: never step the counter back.
  return { ...runs, [event.runId]: { ...current, epoch: Math.max(current.epoch, event.metric.epoch) } };
}

/**
 * The epoch the top bar's chip shows: counted from the iteration it shows, with the rule the dashboard's
 * card and the progress events use (epochUnderway); the event's own count only while the totals are unknown.
 */
export function chipEpoch(run: LiveRun): number {
  if (run.epochsTotal && run.iterationsTotal > 0) return epochUnderway(run.iteration, run.iterationsTotal, run.epochsTotal);
  return Math.max(1, run.epoch);
}

/** The run to show in the top bar: the newest live one. */
export function newestLiveRun(runs: LiveRuns): LiveRun | null {
  const ids = Object.keys(runs).map(Number);
  if (ids.length === 0) return null;
  return runs[Math.max(...ids)] ?? null;
}
