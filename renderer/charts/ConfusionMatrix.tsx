// The confusion matrix (which digit was taken for which): rows are the true classes, columns the
// predictions; each cell shaded by its share of its row, the diagonal (right answers) in the accent,
// mistakes in a warm colour, with each class's recall at the end of its row. Where the page can show a
// cell's mistakes, each cell of mistakes is a button that picks it.

import { memo, type KeyboardEvent } from 'react';
import { pagesText, useI18n } from '../i18n/useI18n';
import { classLabel } from '../model/classNames';

export interface ConfusionMatrixProps {
  confusion: number[][];
  classNames?: readonly string[];
  testId?: string;
  /** The cell picked, and how to pick one (off-diagonal cells with mistakes). */
  selected?: { actual: number; predicted: number } | null;
  onSelect?: (cell: { actual: number; predicted: number }) => void;
}

/** A cell's background: `share` (0…1) of the colour over the surface, so it follows light and dark themes. */
function shade(color: string, share: number): string {
  return `color-mix(in srgb, ${color} ${Math.round(Math.max(0, Math.min(1, share)) * 100)}%, var(--surface))`;
}

export const ConfusionMatrix = memo(function ConfusionMatrix({ confusion, classNames, testId, selected, onSelect }: ConfusionMatrixProps) {
  const { t, lang } = useI18n(pagesText);
  const name = (i: number) => classLabel(lang, classNames, i);
  const totals = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const maxWrong = Math.max(1e-9, ...confusion.flatMap((row, i) => row.filter((_, j) => j !== i).map((v) => v / Math.max(1, totals[i]!))));
  return (
    <div className="pg-confusion-wrap" data-testid={testId}>
      <table className="pg-confusion">
        <caption className="visually-hidden">{t('confusion.caption')}</caption>
        <thead>
          <tr>
            <th className="pg-confusion-corner" scope="col">
              <span>{t('confusion.actual')}</span> \ <span>{t('confusion.predicted')}</span>
            </th>
            {confusion.map((_, j) => (
              <th key={j} scope="col">
                {name(j)}
              </th>
            ))}
            <th scope="col" className="pg-confusion-recall">
              {t('confusion.recall')}
            </th>
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => (
            <tr key={i}>
              <th scope="row">{name(i)}</th>
              {row.map((count, j) => {
                const share = totals[i] ? count / totals[i] : 0;
                const intensity = i === j ? share : share / maxWrong;
                const background = count === 0 ? undefined : shade(i === j ? 'var(--accent)' : 'var(--danger)', i === j ? intensity : 0.15 + 0.85 * intensity);
                const strong = i === j ? intensity > 0.55 : intensity > 0.6;
                const pickable = onSelect !== undefined && i !== j && count > 0;
                const isSelected = selected?.actual === i && selected.predicted === j;
                const pick = () => onSelect?.({ actual: i, predicted: j });
                return (
                  <td
                    key={j}
                    style={{ background, color: strong ? 'var(--on-accent)' : undefined }}
                    className={
                      [count === 0 ? 'is-zero' : '', pickable ? 'is-pickable' : '', isSelected ? 'is-selected' : ''].filter(Boolean).join(' ') || undefined
                    }
                    {...(pickable
                      ? {
                          role: 'button',
                          tabIndex: 0,
                          'aria-pressed': isSelected,
                          onClick: pick,
                          onKeyDown: (e: KeyboardEvent) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              e.preventDefault();
                              pick();
                            }
                          },
                        }
                      : {})}
                    title={t('confusion.cell', { actual: name(i), predicted: name(j), count: String(count) })}
                    data-testid={testId ? `${testId}.${i}.${j}` : undefined}
                  >
                    {count}
                  </td>
                );
              })}
              <td className="pg-confusion-recall">{totals[i] ? `${((row[i]! / totals[i]) * 100).toFixed(1)}%` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
