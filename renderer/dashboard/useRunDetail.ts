// A run's stored detail (experiment, history, final metrics), fetched when the dashboard opens it and
// again when the run ends; its history seeds the live store so the curves start where the run is.

import { useCallback, useEffect, useState } from 'react';
import type { RunDetail } from '../../main/api/contract';
import { lab } from '../api/lab';
import { isLive } from '../live/runStatus';
import { liveRuns, useLiveStatus } from '../live/useLive';
import { messageOf } from '../api/messageOf';

export const CHART_POINTS = 400;

export interface RunDetailState {
  detail: RunDetail | null;
  error: string | null;
  reload: () => void;
}

export function useRunDetail(runId: number): RunDetailState {
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const live = useLiveStatus(runId);
  const ended = live !== null && !isLive(live.status);

  useEffect(() => {
    let cancelled = false;
    lab.getRun(runId, CHART_POINTS).then(
      (d) => {
        if (cancelled) return;
        liveRuns.seed(d);
        setDetail(d);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [runId, version, ended]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { detail, error, reload };
}
