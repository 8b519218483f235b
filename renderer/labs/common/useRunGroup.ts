// React's hold on a lab's run group: created once per mounted lab, loads the lab's latest group from
// the store, and re-renders the lab whenever the group's runs or curves change.

import { useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { lab } from '../../api/lab';
import { RunGroup, type GroupMember, type RunGroupState } from './runGroup';

export interface UseRunGroup extends RunGroupState {
  start(members: readonly GroupMember[]): Promise<void>;
  stop(): Promise<void>;
  /** Whether any run of the group is still queued, running or paused (or being started). */
  busy: boolean;
}

export function useRunGroup(labId: string, title: string): UseRunGroup {
  const titleRef = useRef(title);
  // Kept current after each commit (not during render) for the handlers and callbacks that read it later.
  useLayoutEffect(() => {
    titleRef.current = title;
  });
  // eslint-disable-next-line react-hooks/refs -- the group calls title() when it starts runs, never during render
  const group = useMemo(() => new RunGroup({ labId, title: () => titleRef.current, api: lab }), [labId]);
  useEffect(() => {
    void group.load();
    return () => group.close();
  }, [group]);
  const state = useSyncExternalStore(
    (listener) => group.subscribe(listener),
    () => group.get(),
  );
  const busy = state.starting || state.runs.some((r) => r.status === 'queued' || r.status === 'running' || r.status === 'paused');
  return { ...state, busy, start: (m) => group.start(m), stop: () => group.stop() };
}

export type { GroupMember };
