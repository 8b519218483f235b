// A finished run's weights, fetched once and loaded into the engine's Network in this window, so the
// drawing pad and the sample gallery predict without a round trip per stroke.

import { useEffect, useState } from 'react';
import { lab } from '../api/lab';
import { parseWeights, type LoadedWeights } from '../../engine/weights';
import { messageOf } from '../api/messageOf';

export interface RunNetworkState {
  loaded: LoadedWeights | null;
  /** The weights file's text (evaluateWeights takes it as it is). */
  text: string | null;
  error: string | null;
}

export function useRunNetwork(runId: number, enabled: boolean): RunNetworkState {
  const [state, setState] = useState<RunNetworkState>({ loaded: null, text: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    lab.exportWeights(runId).then(
      (text) => {
        // Parse after the next paint: a big network's file takes a moment, and the page should show first.
        setTimeout(() => {
          if (cancelled) return;
          try {
            setState({ loaded: parseWeights(text, `run ${runId}`), text, error: null });
          } catch (e) {
            setState({ loaded: null, text, error: (e as Error).message });
          }
        }, 30);
      },
      (e: unknown) => !cancelled && setState({ loaded: null, text: null, error: messageOf(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [runId, enabled]);
  return state;
}
