// The class's measured accuracies as a histogram of ten bins from 0 to 1: what the board's distribution
// chart draws. Pure, so it is tested without a page.

import type { Board } from '../../main/api/contract';

export interface Bin {
  /** The bin's lower edge: 0, 0.1, … 0.9 (the last bin holds 1.0 too). */
  from: number;
  count: number;
  /** The students in it, by name. */
  names: string[];
}

export function accuracyBins(board: Pick<Board, 'rows'>, bins = 10): Bin[] {
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, count: 0, names: [] }));
  for (const row of board.rows) {
    const measured = row.best === null ? null : (row.runs[row.best]?.measured ?? null);
    if (measured === null) continue;
    const bin = out[Math.min(bins - 1, Math.max(0, Math.floor(measured.accuracy * bins)))]!;
    bin.count++;
    bin.names.push(row.student.name);
  }
  return out;
}
