// The overfitting lab without React: what the typed λ, dropout ratio and epochs mean (or the sentence
// that says why they cannot run), the pair of runs one press of Run starts, and the train/test curves
// with the gap between them that each run's chart draws.

import { MAX_OVERFITTING_EPOCHS, MAX_WEIGHT_DECAY, overfittingPair, type Regularisation } from '../../../engine/labs/overfitting';
import type { Comparison, RunSummary } from '../../../main/api/contract';
import type { GroupMember } from '../common/runGroup';

export type OverfitProblem =
  'lambda.notNumber' | 'lambda.range' | 'dropout.notNumber' | 'dropout.range' | 'epochs.notWhole' | 'epochs.range' | 'nothingToCompare';

export interface OverfitInput {
  /** As typed. */
  weightDecay: string;
  dropout: string;
  epochs: string;
}

/** A plain decimal number as typed ("0.1", ".2", "1e-3"), or NaN. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? NaN : Number(trimmed);
}

const parseWhole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

export function checkOverfit(input: OverfitInput): OverfitProblem | null {
  const weightDecay = parseDecimal(input.weightDecay);
  const dropout = parseDecimal(input.dropout);
  const epochs = parseWhole(input.epochs);
  if (!Number.isFinite(weightDecay)) return 'lambda.notNumber';
  if (weightDecay < 0 || weightDecay > MAX_WEIGHT_DECAY) return 'lambda.range';
  if (!Number.isFinite(dropout)) return 'dropout.notNumber';
  if (dropout < 0 || dropout >= 1) return 'dropout.range';
  if (!Number.isInteger(epochs)) return 'epochs.notWhole';
  if (epochs < 1 || epochs > MAX_OVERFITTING_EPOCHS) return 'epochs.range';
  if (weightDecay === 0 && dropout === 0) return 'nothingToCompare';
  return null;
}

export interface PairLabels {
  plain: string;
  regularised: (settings: Regularisation) => string;
}

/** The plain run and the regularised one (same seed), one worker thread each so both train at once. */
export function pairMembers(input: OverfitInput, labels: PairLabels): GroupMember[] {
  const settings = { weightDecay: parseDecimal(input.weightDecay), dropout: parseDecimal(input.dropout), epochs: parseWhole(input.epochs) };
  return overfittingPair(settings).map((member) => ({
    label: member.regularised ? labels.regularised(settings) : labels.plain,
    experiment: member.experiment,
    workers: 1,
  }));
}

/** The group's runs in the order they were started: the plain one first, then the regularised one. */
export function pairRuns(runs: readonly RunSummary[]): { plain: RunSummary | null; regularised: RunSummary | null } {
  const ordered = [...runs].sort((a, b) => a.id - b.id);
  return { plain: ordered[0] ?? null, regularised: ordered[1] ?? null };
}

export interface GapRow {
  epoch: number;
  train: number;
  test: number;
  /** [test, train]: the band between the two curves. */
  gap: [number, number];
}

/** One run's accuracies per epoch, with the band between them. */
export function gapRows(comparison: Comparison | null, runId: number): GapRow[] {
  const rows: GapRow[] = [];
  for (const { epoch, values } of comparison?.epochs ?? []) {
    const v = values[runId];
    if (v) rows.push({ epoch, train: v.trainAcc, test: v.testAcc, gap: [Math.min(v.testAcc, v.trainAcc), Math.max(v.testAcc, v.trainAcc)] });
  }
  return rows;
}

export interface FinalGap {
  epoch: number;
  trainAcc: number;
  testAcc: number;
  /** train − test: positive when the network knows its training set better than new images. */
  gap: number;
}

export function finalGap(rows: readonly GapRow[]): FinalGap | null {
  const last = rows.at(-1);
  return last ? { epoch: last.epoch, trainAcc: last.train, testAcc: last.test, gap: last.train - last.test } : null;
}
