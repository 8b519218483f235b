// The search's trials as results: each run's learning rate and weight decay (read from the stored
// experiments' differences, so a reopened lab needs nothing else), its final validation accuracy and its
// validation curve; the best ranked as the book ranks them (by the last epoch's validation accuracy);
// and the colour scale and log axes of the scatter. No React here.

import type { Comparison, RunStatus, RunSummary } from '../../../main/api/contract';

export const LR_PATH = 'training.optimizer.lr';
export const WEIGHT_DECAY_PATH = 'training.weightDecay';

export interface TrialResult {
  runId: number;
  label: string;
  status: RunStatus;
  lr: number | null;
  weightDecay: number | null;
  /** The last epoch's validation accuracy (the run's stored testAcc), or null before its first epoch. */
  validationAcc: number | null;
  /** Validation accuracy per epoch so far. */
  curve: number[];
}

function numberAt(comparison: Comparison | null, path: string, runId: number): number | null {
  const value = comparison?.differences.find((d) => d.path === path)?.values[runId];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** One result per run of the group, in the order they were started. */
export function trialResults(runs: readonly RunSummary[], comparison: Comparison | null, labels: Record<number, string>): TrialResult[] {
  return runs.map((run) => ({
    runId: run.id,
    label: labels[run.id] ?? run.name,
    status: run.status,
    lr: numberAt(comparison, LR_PATH, run.id),
    weightDecay: numberAt(comparison, WEIGHT_DECAY_PATH, run.id),
    validationAcc: run.testAcc,
    curve: (comparison?.epochs ?? []).flatMap((row) => {
      const value = row.values[run.id]?.testAcc;
      return value === undefined ? [] : [value];
    }),
  }));
}

/** The finished trials, best validation accuracy first (ties: the earlier trial first), at most `shown`. */
export function rankTrials(results: readonly TrialResult[], shown: number): TrialResult[] {
  return results
    .filter((r) => r.status === 'done' && r.validationAcc !== null)
    .sort((a, b) => (b.validationAcc as number) - (a.validationAcc as number) || a.runId - b.runId)
    .slice(0, shown);
}

/** Stops of a perceptually even scale from dark blue (0) to yellow (1), after matplotlib's viridis. */
const STOPS: readonly [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of a validation accuracy in [0, 1] (clamped). */
export function accuracyColor(accuracy: number): string {
  const a = Math.min(1, Math.max(0, Number.isFinite(accuracy) ? accuracy : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(a));
  const f = a - i;
  const [r, g, b] = STOPS[i]!.map((c, k) => Math.round(c + (STOPS[i + 1]![k]! - c) * f));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Whole decades covering the values: [10^floor(log min), 10^ceil(log max)] as exponents, at least one decade wide. */
export function decadeDomain(values: readonly number[]): { min: number; max: number } | null {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
  if (logs.length === 0) return null;
  const min = Math.floor(Math.min(...logs));
  const max = Math.max(min + 1, Math.ceil(Math.max(...logs)));
  return { min, max };
}

/** The integer exponents of a decade domain, for the ticks "10⁻⁶" … "10⁻²". */
export function decadeTicks(domain: { min: number; max: number }): number[] {
  return Array.from({ length: domain.max - domain.min + 1 }, (_, i) => domain.min + i);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** −6 → "10⁻⁶". */
export function powerOfTen(exponent: number): string {
  return `10${String(exponent)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;
}
