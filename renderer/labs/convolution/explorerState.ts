// The convolution explorer's state and its edits, as pure functions (no React): the input and filter
// grids as the learner typed them (text, so "-" or "" can sit in a cell while typing), padding, stride,
// the number of channels, and how many windows have been stepped through. Any change to the numbers
// starts the stepping again from the first window.

import type { Grid } from '../../../engine/labs/convolutionSteps';

export type GridText = string[][];

export interface ExplorerState {
  /** One grid of cell texts per channel (1 or 3). */
  input: GridText[];
  filter: GridText[];
  pad: number;
  stride: number;
  /** Windows computed so far: 0 (none) … the number of windows. */
  step: number;
}

export const LIMITS = {
  input: { min: 1, max: 9 },
  filter: { min: 1, max: 7 },
  pad: { min: 0, max: 3 },
  stride: { min: 1, max: 4 },
} as const;

const toText = (g: Grid): GridText => g.map((row) => row.map(String));
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : lo)));

export const SEED_INPUT: Grid = [
  [1, 2, 3, 0],
  [0, 1, 2, 3],
  [3, 0, 1, 2],
  [2, 3, 0, 1],
];
export const SEED_FILTER: Grid = [
  [2, 0, 1],
  [0, 1, 2],
  [1, 0, 2],
];
/** The 7×7 input of the seed slides' stride slide ("스트라이드: 2"), cell for cell: the book's figure 7-7. */
export const SEED_STRIDE_INPUT: Grid = [
  [1, 2, 3, 0, 1, 2, 3],
  [0, 1, 2, 3, 0, 1, 2],
  [3, 0, 1, 2, 3, 0, 1],
  [2, 3, 0, 1, 2, 3, 0],
  [1, 2, 3, 0, 1, 2, 3],
  [0, 1, 2, 3, 0, 1, 2],
  [3, 0, 1, 2, 3, 0, 1],
];

/** Whether `value` is a grid of cell texts, rectangular, of rows and columns within `limit`. */
export function isGridText(value: unknown, limit: { min: number; max: number }): value is GridText {
  if (!Array.isArray(value) || value.length < limit.min || value.length > limit.max) return false;
  const cols = Array.isArray(value[0]) ? value[0].length : -1;
  return cols >= limit.min && cols <= limit.max && value.every((row) => Array.isArray(row) && row.length === cols && row.every((v) => typeof v === 'string'));
}

/** Whether a kept value can stand for the explorer's settings: 1 or 3 channels, sizes within LIMITS. */
export function isExplorerState(value: unknown): value is ExplorerState {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const channels = (grids: unknown, limit: { min: number; max: number }) =>
    Array.isArray(grids) &&
    (grids.length === 1 || grids.length === 3) &&
    grids.every((g) => isGridText(g, limit)) &&
    grids.every((g: GridText) => g.length === grids[0]!.length && g[0]!.length === grids[0]![0]!.length);
  const within = (n: unknown, limit: { min: number; max: number }) => Number.isInteger(n) && (n as number) >= limit.min && (n as number) <= limit.max;
  return (
    channels(v.input, LIMITS.input) &&
    channels(v.filter, LIMITS.filter) &&
    (v.input as unknown[]).length === (v.filter as unknown[]).length &&
    within(v.pad, LIMITS.pad) &&
    within(v.stride, LIMITS.stride) &&
    v.step === 0
  );
}

export type ExampleName = 'seed' | 'padding' | 'stride' | 'channels';

/**
 * The book's examples: figure 7-4 (the seed), 7-6 (pad 1), 7-7 (7×7, stride 2) and 7-8 (three channels).
 * The first three use the seed slides' own grids (the "합성곱 계산", "패딩" and "스트라이드: 2" slides); the
 * slides show no three-channel numbers, so channels 2 and 3 of that example are ours.
 */
export function example(name: ExampleName): ExplorerState {
  switch (name) {
    case 'seed':
      return { input: [toText(SEED_INPUT)], filter: [toText(SEED_FILTER)], pad: 0, stride: 1, step: 0 };
    case 'padding':
      return { ...example('seed'), pad: 1 };
    case 'stride':
      return { input: [toText(SEED_STRIDE_INPUT)], filter: [toText(SEED_FILTER)], pad: 0, stride: 2, step: 0 };
    case 'channels':
      return {
        input: [
          SEED_INPUT,
          [
            [0, 1, 2, 1],
            [1, 0, 1, 2],
            [2, 1, 0, 1],
            [1, 2, 1, 0],
          ],
          [
            [1, 1, 1, 1],
            [0, 0, 0, 0],
            [2, 2, 2, 2],
            [1, 1, 1, 1],
          ],
        ].map(toText),
        filter: [
          SEED_FILTER,
          [
            [1, 0, 1],
            [0, 1, 0],
            [1, 0, 1],
          ],
          [
            [0, 1, 0],
            [1, 0, 1],
            [0, 1, 0],
          ],
        ].map(toText),
        pad: 0,
        stride: 1,
        step: 0,
      };
  }
}

export type Which = 'input' | 'filter';

export type ExplorerAction =
  | { type: 'cell'; which: Which; channel: number; row: number; col: number; text: string }
  | { type: 'resize'; which: Which; rows: number; cols: number }
  | { type: 'pad'; value: number }
  | { type: 'stride'; value: number }
  | { type: 'channels'; value: 1 | 3 }
  | { type: 'example'; name: ExampleName }
  | { type: 'step'; by: number; total: number }
  | { type: 'goto'; step: number; total: number };

function resized(grid: GridText, rows: number, cols: number): GridText {
  return Array.from({ length: rows }, (_, y) => Array.from({ length: cols }, (_, x) => grid[y]?.[x] ?? '0'));
}

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case 'cell': {
      const grids = state[action.which].map((g, c) =>
        c !== action.channel ? g : g.map((row, y) => (y !== action.row ? row : row.map((v, x) => (x === action.col ? action.text : v)))),
      );
      return { ...state, [action.which]: grids, step: 0 };
    }
    case 'resize': {
      const limit = LIMITS[action.which];
      const rows = clamp(action.rows, limit.min, limit.max),
        cols = clamp(action.cols, limit.min, limit.max);
      return { ...state, [action.which]: state[action.which].map((g) => resized(g, rows, cols)), step: 0 };
    }
    case 'pad':
      return { ...state, pad: clamp(action.value, LIMITS.pad.min, LIMITS.pad.max), step: 0 };
    case 'stride':
      return { ...state, stride: clamp(action.value, LIMITS.stride.min, LIMITS.stride.max), step: 0 };
    case 'channels': {
      if (action.value === state.input.length) return state;
      const widen = (grids: GridText[]) =>
        action.value === 1 ? grids.slice(0, 1) : [grids[0]!, ...[1, 2].map(() => grids[0]!.map((row) => row.map(() => '0')))];
      return { ...state, input: widen(state.input), filter: widen(state.filter), step: 0 };
    }
    case 'example':
      return example(action.name);
    case 'step':
      return { ...state, step: clamp(state.step + action.by, 0, action.total) };
    case 'goto':
      return { ...state, step: clamp(action.step, 0, action.total) };
  }
}

export interface BadCell {
  which: Which;
  channel: number;
  row: number;
  col: number;
  text: string;
}

/** The grids as numbers, or the first cell that is not a number. */
export function parseGrids(grids: readonly GridText[], which: Which): { grids: Grid[] } | { bad: BadCell } {
  const out: Grid[] = [];
  for (let c = 0; c < grids.length; c++) {
    const grid: Grid = [];
    for (let y = 0; y < grids[c]!.length; y++) {
      const row: number[] = [];
      for (let x = 0; x < grids[c]![y]!.length; x++) {
        const text = grids[c]![y]![x]!.trim().replace('−', '-');
        const value = text === '' ? NaN : Number(text);
        if (!Number.isFinite(value)) return { bad: { which, channel: c, row: y, col: x, text: grids[c]![y]![x]! } };
        row.push(value);
      }
      grid.push(row);
    }
    out.push(grid);
  }
  return { grids: out };
}
