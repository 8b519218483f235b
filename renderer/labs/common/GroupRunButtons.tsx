// Run and Stop for a lab's run group: Run starts the group (off while the settings have a problem or
// runs are being started), Stop appears while any of its runs is still going.

import type { UseRunGroup } from './useRunGroup';

export interface GroupRunButtonsProps {
  group: UseRunGroup;
  /** Test ids `<testId>.run` and `<testId>.stop`, e.g. "lab.init.race". */
  testId: string;
  runLabel: string;
  stopLabel: string;
  /** Whether the settings forbid a start (a problem sentence is shown elsewhere). */
  blocked: boolean;
  onRun: () => void;
}

export function GroupRunButtons({ group, testId, runLabel, stopLabel, blocked, onRun }: GroupRunButtonsProps) {
  return (
    <>
      <div className="pg-field">
        <button type="button" className="btn btn--primary" disabled={blocked || group.starting} onClick={onRun} data-testid={`${testId}.run`}>
          {runLabel}
        </button>
      </div>
      {group.busy ? (
        <div className="pg-field">
          <button type="button" className="btn" onClick={() => void group.stop()} data-testid={`${testId}.stop`}>
            {stopLabel}
          </button>
        </div>
      ) : null}
    </>
  );
}
