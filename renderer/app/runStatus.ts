// The runs that are going right now, for the top bar: fed by the house's run events, seeded at start
// with the runs the store already lists as live (a run started from the CLI shows up too).

import { epochUnderway } from '../../main/api/constants';
import type { RunStatus } from '../../main/api/contract';
import { lab } from '../api/lab';
import { applyRunEvent, blankRun, isLive, type LiveRuns } from './liveRunEvents';
import { createStore } from './store';

export { newestLiveRun } from './liveRunEvents';

export const liveRuns = createStore<LiveRuns>({});

/** Runs seen ending, so a late trackStartedRun cannot bring one back. */
const ended = new Set<number>();
let started = false;

/** A run this window just started: its epoch count is known before the first event arrives. */
export function trackStartedRun(id: number, epochsTotal: number): void {
  if (ended.has(id)) return;
  liveRuns.set((runs) => ({ ...runs, [id]: { ...(runs[id] ?? blankRun(id, 'queued')), epochsTotal } }));
}

/** Starts listening once for the whole app (the app never stops listening). */
export function watchRuns(): void {
  if (started) return;
  started = true;
  lab.onRunEvent((event) => {
    if (event.type === 'status' && !isLive(event.status)) ended.add(event.runId);
    liveRuns.set((runs) => applyRunEvent(runs, event));
  });
  const live: RunStatus[] = ['queued', 'running', 'paused'];
  lab
    .listRuns({ status: live, limit: 20 })
    .then((page) => {
      liveRuns.set((runs) => {
        const next = { ...runs };
        for (const run of page.runs) {
          if (ended.has(run.id)) continue;
          // Events that already arrived are newer than the list: keep them, add the epoch count.
          if (next[run.id]) {
            next[run.id] = { ...next[run.id]!, epochsTotal: run.epochsTotal };
            continue;
          }
          next[run.id] = {
            ...blankRun(run.id, run.status),
            epoch: epochUnderway(run.iterationsDone, run.iterationsTotal, run.epochsTotal),
            epochsTotal: run.epochsTotal,
            iteration: run.iterationsDone,
            iterationsTotal: run.iterationsTotal,
          };
        }
        return next;
      });
    })
    .catch(() => {
      // Without the house's list the bar still fills from the events that arrive.
    });
}
