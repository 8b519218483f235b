// The optimizers of the path plot as a table: show or hide each one, edit its learning rate, and read
// its coordinates at the chosen step — with a sentence, not numbers, where a path ran away.

import type { ReactNode } from 'react';
import { bowl, PATH_STEPS, type OptimizerPath } from '../../../engine/labs/optimizerPaths';
import { formatCoordinate, pathNote } from './plotGeometry';
import { useI18n } from '../../i18n/useI18n';
import { optimizersText } from './text';

export interface PathRow {
  type: string;
  label: string;
  color: string;
  shown: boolean;
  lrText: string;
  /** A sentence about the typed learning rate, or null when it is usable. */
  lrError: string | null;
  path: OptimizerPath | null;
}

export interface PathTableProps {
  rows: readonly PathRow[];
  step: number;
  onStep: (step: number) => void;
  onShow: (type: string, shown: boolean) => void;
  onLearningRate: (type: string, text: string) => void;
}

export function PathTable({ rows, step, onStep, onShow, onLearningRate }: PathTableProps) {
  const { t, num } = useI18n(optimizersText);
  const coord = (v: number) => formatCoordinate(v, num);
  const note = (row: PathRow): ReactNode => {
    if (row.lrError) return row.lrError;
    const said = row.path ? pathNote(row.path) : null;
    if (!said) return null;
    return said.key === 'overflowed' ? t('overflowed', { step: said.step, left: said.left }) : t('leftPlot', { step: said.step });
  };
  return (
    <div className="opt-table-wrap">
      <label className="opt-step">
        <span>{t('stepSlider')}</span>
        <input type="range" min={0} max={PATH_STEPS} value={step} onChange={(e) => onStep(Number(e.target.value))} data-testid="lab.optimizers.step" />
        <output data-testid="lab.optimizers.step.value">{t('stepLabel', { step, total: PATH_STEPS })}</output>
      </label>
      <table className="pg-table opt-table">
        <thead>
          <tr>
            <th>{t('show')}</th>
            <th>{t('optimizer')}</th>
            <th>{t('learningRate')}</th>
            <th className="pg-num">{t('x')}</th>
            <th className="pg-num">{t('y')}</th>
            <th className="pg-num">{t('f')}</th>
            <th>{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const point = row.path?.points[step];
            const id = `lab.optimizers.path.${row.type}`;
            return (
              <tr key={row.type} data-testid={id} className={row.shown ? undefined : 'opt-row-hidden'}>
                <td>
                  <input
                    type="checkbox"
                    checked={row.shown}
                    onChange={(e) => onShow(row.type, e.target.checked)}
                    aria-label={row.label}
                    data-testid={`${id}.show`}
                  />
                </td>
                <td>
                  <span className="opt-swatch" style={{ background: row.color }} aria-hidden="true" />
                  {row.label}
                </td>
                <td>
                  <input
                    className="opt-lr"
                    type="text"
                    inputMode="decimal"
                    value={row.lrText}
                    onChange={(e) => onLearningRate(row.type, e.target.value)}
                    aria-invalid={row.lrError !== null}
                    aria-label={`${t('learningRate')} ${row.label}`}
                    data-testid={`${id}.lr`}
                  />
                </td>
                {point ? (
                  <>
                    <td className="pg-num" data-testid={`${id}.x`}>
                      {coord(point.x)}
                    </td>
                    <td className="pg-num" data-testid={`${id}.y`}>
                      {coord(point.y)}
                    </td>
                    <td className="pg-num" data-testid={`${id}.f`}>
                      {coord(bowl(point.x, point.y))}
                    </td>
                  </>
                ) : (
                  <td className="pg-num muted" colSpan={3}>
                    {row.path?.brokeAt != null ? t('afterBreak', { step: row.path.brokeAt - 1 }) : '—'}
                  </td>
                )}
                <td className="opt-note" data-testid={`${id}.note`}>
                  {note(row)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
