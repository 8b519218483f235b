// Grids of numbers for the explorer: one to read (the padded input with its window, the filter, the
// output filling in, pooling's windows) and one to type into (the input and filter as the learner
// edits them). Plain HTML tables: every cell has a test id `<testId>.<row>.<col>`.

import type { GridText } from './explorerState';

export type CellMark = 'window' | 'chosen' | 'padding' | 'current' | null;

export interface NumberGridProps {
  /** null: a cell not computed yet (drawn empty). */
  values: readonly (readonly (number | null)[])[];
  testId: string;
  format: (n: number) => string;
  /** How to draw each cell; padding cells are drawn as a distinct border. */
  mark?: (row: number, col: number) => CellMark | CellMark[];
  caption?: string;
  small?: boolean;
}

export function NumberGrid({ values, testId, format, mark, caption, small }: NumberGridProps) {
  return (
    <figure className={`cv-grid-figure${small ? ' cv-grid--small' : ''}`}>
      {caption ? <figcaption className="cv-grid-caption">{caption}</figcaption> : null}
      <table className="cv-grid" data-testid={testId}>
        <tbody>
          {values.map((row, y) => (
            <tr key={y}>
              {row.map((v, x) => {
                const marks = [mark?.(y, x) ?? null].flat().filter(Boolean);
                return (
                  <td key={x} className={marks.map((m) => `cv-cell--${m}`).join(' ')} data-testid={`${testId}.${y}.${x}`}>
                    {v === null ? '' : format(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface EditableGridProps {
  cells: GridText;
  testId: string;
  caption?: string;
  /** The cell that is not a number, drawn in red. */
  bad?: { row: number; col: number } | null;
  onChange: (row: number, col: number, text: string) => void;
}

export function EditableGrid({ cells, testId, caption, bad, onChange }: EditableGridProps) {
  return (
    <figure className="cv-grid-figure">
      {caption ? <figcaption className="cv-grid-caption">{caption}</figcaption> : null}
      <table className="cv-grid cv-grid--edit" data-testid={testId}>
        <tbody>
          {cells.map((row, y) => (
            <tr key={y}>
              {row.map((text, x) => (
                <td key={x}>
                  <input
                    value={text}
                    inputMode="decimal"
                    aria-label={`${caption ?? testId} ${y + 1}, ${x + 1}`}
                    aria-invalid={bad?.row === y && bad.col === x ? true : undefined}
                    data-testid={`${testId}.${y}.${x}`}
                    onChange={(e) => onChange(y, x, e.target.value)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
