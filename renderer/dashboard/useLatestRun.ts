// The run the dashboard shows when none was picked: the newest one in the store, or one that starts
// while the dashboard is open. undefined while looking, null when there is none yet.

import { useEffect, useState } from 'react';
import { lab } from '../api/lab';
import { isLive } from '../live/runStatus';
import { liveRuns } from '../live/useLive';

export function useLatestRun(enabled: boolean): number | null | undefined {
  const [latest, setLatest] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    lab.listRuns({ sort: 'startedAt', order: 'desc', limit: 1 }).then(
      (page) => !cancelled && setLatest((current) => current ?? page.runs[0]?.id ?? null),
      () => !cancelled && setLatest((current) => current ?? null),
    );
    const off = liveRuns.subscribeStatuses((runId, status) => {
      if (isLive(status.status)) setLatest((current) => (current === undefined || current === null || runId > current ? runId : current));
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [enabled]);
  return latest;
}
