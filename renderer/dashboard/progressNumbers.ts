// The numbers of the dashboard's progress card that are counted, not just shown: kept out of the component
// so that they are tested beside the top bar's (renderer/app/liveRunEvents.ts), which must agree with them.

import { epochUnderway } from '../../main/api/constants';

/**
 * The epoch the card shows: counted from the iteration it shows, by the rule the top bar and the progress
 * events use (epochUnderway). 0 for a run that never took a step and never will (it ended before starting).
 */
export function cardEpoch(iteration: number, iterationsTotal: number, epochsTotal: number, live: boolean): number {
  if (iteration === 0 && !live) return 0;
  return epochUnderway(iteration, iterationsTotal, epochsTotal);
}
