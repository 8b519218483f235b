// CSV the way spreadsheets and pandas read it (RFC 4180): comma-separated, a field quoted when it holds
// a comma, a quote or a line break, quotes doubled, CRLF between records — and a text that a spreadsheet
// would take for a formula kept as text (csvField).

import type { Comparison } from '../../main/api/contract';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * What a spreadsheet runs as a formula when a cell begins with it (OWASP's list: = + - @, tab, carriage
 * return). A run named "=HYPERLINK(…)" must open as that text, not as a link.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers stay numbers (a negative one too: -0.5 is a value, not a formula); only texts are neutralised.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const raw = String(value);
  const neutral = typeof value === 'string' && FORMULA_START.test(raw);
  const text = neutral ? `'${raw}` : raw;
  return neutral || /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const COMPARISON_CSV_HEADER = ['run_id', 'run_name', 'epoch', 'iteration', 'train_loss', 'train_acc', 'test_loss', 'test_acc', 'seconds'] as const;

/**
 * A comparison in long format: one row per run and epoch, so a spreadsheet pivot or
 * pandas `df.pivot(index="epoch", columns="run_name")` puts the runs side by side.
 */
export function comparisonToCsv(comparison: Pick<Comparison, 'runs' | 'epochs'>): string {
  const rows: CsvCell[][] = [];
  for (const run of comparison.runs) {
    for (const row of comparison.epochs) {
      const m = row.values[run.id];
      if (!m) continue;
      rows.push([run.id, run.name, row.epoch, m.iteration, m.trainLoss, m.trainAcc, m.testLoss, m.testAcc, m.seconds]);
    }
  }
  return toCsv(COMPARISON_CSV_HEADER, rows);
}

/** A file name from a run name: letters, digits, Hangul, dashes; nothing a file system refuses. */
export function safeFileName(name: string, fallback = 'run'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return cleaned || fallback;
}
