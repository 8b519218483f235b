// Calls `poll` every `intervalMs` while `active`, never two at once (a slow answer delays the next call
// instead of piling calls up), and once more when it stops being active, so the last state is shown.

import { useEffect, useLayoutEffect, useRef } from 'react';

export function usePolling(poll: () => Promise<void>, intervalMs: number, active: boolean): void {
  const latest = useRef(poll);
  // Kept current after each commit (not during render) for the handlers and callbacks that read it later.
  useLayoutEffect(() => {
    latest.current = poll;
  });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await latest.current();
      } catch {
        // a failed poll is retried on the next tick; the panel shows its own error state
      }
      if (!stopped && active) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, active]);
}
