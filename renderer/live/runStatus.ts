// What a run's status means for the buttons and panels.

import type { RunStatus } from '../../main/api/contract';

/** Still going: the run may be training right now. */
export function isLive(status: RunStatus | null | undefined): boolean {
  return status === 'running' || status === 'paused' || status === 'queued';
}
