// Step / Back / Reset / Play over a fixed number of steps; Play advances on a timer and stops at the end.

import { useEffect, useState } from 'react';

export const PLAY_INTERVAL_MS = 900;

export interface Stepper {
  index: number;
  playing: boolean;
  step: () => void;
  back: () => void;
  reset: () => void;
  togglePlay: () => void;
}

/**
 * `count` steps, numbered 0 … count − 1. The position belongs to `resetKey` (the graph shown): another
 * key starts at step 0, not playing — derived on render, so no effect can race it.
 */
export function useStepper(count: number, resetKey: string): Stepper {
  const [state, setState] = useState({ key: resetKey, index: 0, playing: false });
  const last = Math.max(0, count - 1);
  const mine = state.key === resetKey;
  const index = mine ? Math.min(state.index, last) : 0;
  const playing = mine && state.playing;
  const set = (next: { index?: number; playing?: boolean }) => setState({ key: resetKey, index: next.index ?? index, playing: next.playing ?? playing });

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(
      () => setState((s) => (s.key !== resetKey ? s : { ...s, index: Math.min(s.index + 1, last), playing: s.index + 1 < last })),
      PLAY_INTERVAL_MS,
    );
    return () => clearTimeout(timer);
  }, [playing, index, last, resetKey]);

  return {
    index,
    playing,
    step: () => set({ index: Math.min(index + 1, last) }),
    back: () => set({ index: Math.max(index - 1, 0) }),
    reset: () => set({ index: 0, playing: false }),
    // Play at the end starts over.
    togglePlay: () => set(playing ? { playing: false } : { playing: true, index: index >= last ? 0 : index }),
  };
}
