// Mounts a heavy part of a page a moment after the rest, each part in its own task, so opening a page
// never blocks the window for long: the first paint shows the frame and placeholders, then the charts
// and panels arrive one by one within a fraction of a second.

import { useEffect, useState, type ReactNode } from 'react';

const STAGE_MS = 40;

export function Deferred({ stage, height, children }: { stage: number; height: number; children: ReactNode }) {
  const [ready, setReady] = useState(stage <= 0);
  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setReady(true), stage * STAGE_MS);
    return () => clearTimeout(timer);
  }, [ready, stage]);
  return ready ? <>{children}</> : <div className="pg-skeleton" style={{ height }} aria-hidden="true" />;
}
