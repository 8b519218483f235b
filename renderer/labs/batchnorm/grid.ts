// The Batch Normalization lab without React: what a grid's settings mean (or why they cannot run), the
// runs they start, and the small charts the group's runs fill — one cell per weight scale, found from
// the runs' labels ("W:0.0464 · BN"), so a reopened lab draws its last grid again.

import { batchnormGrid, formatScale, MAX_GRID_EPOCHS, parseGridLabel, SCALE_COUNTS } from '../../../engine/labs/batchnorm';
import type { Comparison } from '../../../main/api/contract';
import type { GroupMember } from '../common/runGroup';

export type GridProblem = 'epochs.notWhole' | 'epochs.range' | 'scales.choice';

export interface GridInput {
  scales: number;
  /** As typed: the lab refuses a half-typed number with a sentence. */
  epochs: string;
}

/** The whole number of epochs typed, or NaN. */
export function parseEpochs(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

export function checkGrid({ scales, epochs }: GridInput): GridProblem | null {
  if (!(SCALE_COUNTS as readonly number[]).includes(scales)) return 'scales.choice';
  const n = parseEpochs(epochs);
  if (!Number.isInteger(n)) return 'epochs.notWhole';
  if (n < 1 || n > MAX_GRID_EPOCHS) return 'epochs.range';
  return null;
}

/** The grid's runs, one worker thread each so that two train at once. */
export function gridMembers({ scales, epochs }: GridInput): GroupMember[] {
  return batchnormGrid({ scales, epochs: parseEpochs(epochs) }).map(({ label, experiment }) => ({ label, experiment, workers: 1 }));
}

export interface CellRow {
  epoch: number;
  /** Training accuracy of the run with Batch Norm, and of the one without (null: no such epoch yet). */
  bn: number | null;
  plain: number | null;
}

export interface ScaleCell {
  /** The scale as titled: "0.0464". */
  key: string;
  scale: number;
  bnRunId: number | null;
  plainRunId: number | null;
  rows: CellRow[];
}

/** One cell per weight scale of the group, largest scale first, each with its two runs' accuracy per epoch. */
export function scaleCells(labels: Record<number, string>, comparison: Comparison | null): ScaleCell[] {
  const cells = new Map<string, ScaleCell>();
  for (const [id, label] of Object.entries(labels)) {
    const parsed = parseGridLabel(label);
    if (!parsed) continue;
    const key = formatScale(parsed.scale);
    const cell = cells.get(key) ?? { key, scale: parsed.scale, bnRunId: null, plainRunId: null, rows: [] };
    if (parsed.batchNorm) cell.bnRunId = Number(id);
    else cell.plainRunId = Number(id);
    cells.set(key, cell);
  }
  const ordered = [...cells.values()].sort((a, b) => b.scale - a.scale);
  for (const cell of ordered) {
    for (const { epoch, values } of comparison?.epochs ?? []) {
      const bn = cell.bnRunId === null ? null : (values[cell.bnRunId]?.trainAcc ?? null);
      const plain = cell.plainRunId === null ? null : (values[cell.plainRunId]?.trainAcc ?? null);
      if (bn !== null || plain !== null) cell.rows.push({ epoch, bn, plain });
    }
  }
  return ordered;
}

/** Whether a run of the grid is one without Batch Norm: the runs the figure expects may not learn. */
export function withoutBatchNorm(label: string): boolean {
  return parseGridLabel(label)?.batchNorm === false;
}

/** The last training accuracy a cell's series reached, or null before its first epoch. */
export function lastAccuracy(rows: readonly CellRow[], series: 'bn' | 'plain'): number | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const value = rows[i]![series];
    if (value !== null) return value;
  }
  return null;
}
