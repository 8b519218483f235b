// React's window onto the live-metrics store: one hook per topic, each subscribing to exactly that
// topic of that run, so only the component showing a value re-renders when it changes.

import { useCallback, useSyncExternalStore } from 'react';
import type { EpochMetric } from '../../main/api/contract';
import { lab } from '../api/lab';
import type { LossPoint } from '../charts/downsample';
import { LiveRuns, type LiveProgress, type LiveStatus, type Topic } from './liveRuns';

/** The app's one live store, connected to the lab's run events on first use. */
export const liveRuns = new LiveRuns((listener) => lab.onRunEvent(listener));

function useTopic<T>(runId: number | null, topic: Topic, read: (id: number) => T, empty: T): T {
  const subscribe = useCallback((onChange: () => void) => (runId === null ? () => {} : liveRuns.subscribe(runId, topic, onChange)), [runId, topic]);
  const snapshot = useCallback(() => (runId === null ? empty : read(runId)), [runId, read, empty]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

const readStatus = (id: number) => liveRuns.status(id);
const readProgress = (id: number) => liveRuns.progress(id);
const readLosses = (id: number) => liveRuns.losses(id);
const readEpochs = (id: number) => liveRuns.epochs(id);
const NO_POINTS: readonly LossPoint[] = [];
const NO_EPOCHS: readonly EpochMetric[] = [];

export function useLiveStatus(runId: number | null): LiveStatus | null {
  return useTopic(runId, 'status', readStatus, null);
}

export function useLiveProgress(runId: number | null): LiveProgress | null {
  return useTopic(runId, 'progress', readProgress, null);
}

export function useLiveLosses(runId: number | null): readonly LossPoint[] {
  return useTopic(runId, 'losses', readLosses, NO_POINTS);
}

export function useLiveEpochs(runId: number | null): readonly EpochMetric[] {
  return useTopic(runId, 'epochs', readEpochs, NO_EPOCHS);
}
