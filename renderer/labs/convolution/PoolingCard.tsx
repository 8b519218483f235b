// Pooling (book §7.5) with its own input, window and stride: step through the windows, each one
// shrinking to its maximum (the winning cell marked) or its average; the engine's Pooling layer
// checks the result.

import { useMemo, useState } from 'react';
import { useRemembered } from '../common/remembered';
import { checkPooling } from '../../../engine/labs/convolutionCheck';
import { outputSizeOf, poolingSteps, type PoolMode } from '../../../engine/labs/convolutionSteps';
import { commonText } from '../common/commonText';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { EditableGrid, NumberGrid, type CellMark } from './NumberGrid';
import { isGridText, parseGrids, type GridText } from './explorerState';
import { problemSentence } from './SizeFormula';
import type { ConvolutionKey } from './text';

export const POOL_EXAMPLE: GridText = [
  [1, 2, 1, 0],
  [0, 1, 2, 3],
  [3, 0, 1, 2],
  [2, 4, 0, 1],
].map((r) => r.map(String));
const SIZE_MAX = 4;

export function PoolingCard({ text }: { text: I18n<ConvolutionKey> }) {
  const { t, num } = text;
  const common = useI18n(commonText).t;
  const inRange = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= SIZE_MAX;
  const [cells, setCells] = useRemembered<GridText>('convolution.pool.cells', POOL_EXAMPLE, (v) => isGridText(v, { min: 1, max: 8 }));
  const [mode, setMode] = useRemembered<PoolMode>('convolution.pool.mode', 'max', (v) => v === 'max' || v === 'average');
  const [size, setSize] = useRemembered('convolution.pool.size', 2, inRange);
  const [stride, setStride] = useRemembered('convolution.pool.stride', 2, inRange);
  const [step, setStep] = useState(0);
  const parsed = useMemo(() => parseGrids([cells], 'input'), [cells]);
  const grid = 'grids' in parsed ? parsed.grids[0] : null;
  const walk = useMemo(() => (grid ? poolingSteps(grid, size, stride, mode) : null), [grid, size, stride, mode]);
  const agrees = useMemo(() => (walk && grid ? checkPooling(walk, grid, size, stride, mode) : null), [walk, grid, size, stride, mode]);
  const sizeInfo = outputSizeOf(cells.length, cells[0]!.length, size, size, 0, stride);
  const problem = problemSentence(sizeInfo, t);
  const total = walk?.steps.length ?? 0;
  const current = walk && step > 0 ? walk.steps[Math.min(step, total) - 1] : null;
  const fmt = (n: number) => num(n, 4);
  const change = (fn: () => void) => {
    fn();
    setStep(0);
  };
  const mark = (y: number, x: number): CellMark => {
    if (!current) return null;
    const i = current.cells.findIndex((c) => c.y === y && c.x === x);
    if (i < 0) return null;
    return i === current.chosen ? 'chosen' : 'window';
  };
  const resize = (rows: number, cols: number) =>
    change(() =>
      setCells(
        Array.from({ length: Math.min(8, Math.max(1, rows)) }, (_, y) =>
          Array.from({ length: Math.min(8, Math.max(1, cols)) }, (_, x) => cells[y]?.[x] ?? '0'),
        ),
      ),
    );
  const field = (label: string, value: number, min: number, max: number, id: string, set: (v: number) => void) => (
    <label className="pg-field cv-number">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        value={value}
        data-testid={`lab.convolution.pool.${id}`}
        onChange={(e) => e.target.value !== '' && set(Math.min(max, Math.max(min, Math.round(Number(e.target.value)))))}
      />
    </label>
  );
  const values = current ? current.cells.map((c) => fmt(c.value)).join(', ') : '';

  return (
    <section className="pg-card" data-testid="lab.convolution.pool">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('poolTitle')}</h3>
          <p className="pg-card-sub">{t('poolSub')}</p>
        </div>
      </header>
      <div className="lab-controls cv-controls">
        <label className="pg-field cv-number">
          <span>{t('mode')}</span>
          <select
            value={mode}
            data-testid="lab.convolution.pool.mode"
            onChange={(e) => change(() => setMode(e.target.value === 'average' ? 'average' : 'max'))}
          >
            <option value="max">{t('max')}</option>
            <option value="average">{t('average')}</option>
          </select>
        </label>
        {field(t('window'), size, 1, SIZE_MAX, 'size', (v) => change(() => setSize(v)))}
        {field(t('stride'), stride, 1, SIZE_MAX, 'stride', (v) => change(() => setStride(v)))}
        {field(`${t('poolInput')} · ${t('rows')}`, cells.length, 1, 8, 'rows', (v) => resize(v, cells[0]!.length))}
        {field(`${t('poolInput')} · ${t('cols')}`, cells[0]!.length, 1, 8, 'cols', (v) => resize(cells.length, v))}
      </div>
      <div className="pg-button-row cv-step-buttons">
        <button type="button" className="btn" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0} data-testid="lab.convolution.pool.back">
          {common('stepBack')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => setStep((s) => Math.min(total, s + 1))}
          disabled={step >= total}
          data-testid="lab.convolution.pool.step"
        >
          {common('step')}
        </button>
        <button type="button" className="btn" onClick={() => setStep(total)} disabled={step >= total} data-testid="lab.convolution.pool.all">
          {t('allWindows')}
        </button>
      </div>
      <div className="cv-step-grids">
        <EditableGrid
          cells={cells}
          testId="lab.convolution.pool.input"
          caption={t('poolInput')}
          bad={'bad' in parsed ? parsed.bad : null}
          onChange={(row, col, value) => change(() => setCells(cells.map((r, y) => (y === row ? r.map((v, x) => (x === col ? value : v)) : r))))}
        />
        {grid ? <NumberGrid values={grid} testId="lab.convolution.pool.view" format={fmt} mark={mark} caption={`${t('window')} ${size} × ${size}`} /> : null}
        {walk && !problem ? (
          <>
            <span className="cv-op">→</span>
            <NumberGrid
              values={walk.output.map((row, y) => row.map((v, x) => (y * sizeInfo.outW + x < step ? v : null)))}
              testId="lab.convolution.pool.output"
              format={fmt}
              caption={t('poolOutput')}
              mark={(y, x) => (current && current.oy === y && current.ox === x ? 'current' : null)}
            />
          </>
        ) : null}
      </div>
      {problem ? (
        <div className="pg-notice pg-notice-error" role="alert" data-testid="lab.convolution.pool.problem">
          {problem}
        </div>
      ) : null}
      {'bad' in parsed ? (
        <div className="pg-notice pg-notice-error" role="alert">
          {t('badCell', { which: t('which_input'), channel: '', row: parsed.bad.row + 1, col: parsed.bad.col + 1, text: parsed.bad.text })}
        </div>
      ) : null}
      {current ? (
        <p className="cv-sum-line" data-testid="lab.convolution.pool.line">
          {mode === 'max'
            ? t('poolMaxLine', { values, value: fmt(current.value) })
            : t('poolAvgLine', { values: values.replace(/, /g, ' + '), n: current.cells.length, value: fmt(current.value) })}
        </p>
      ) : null}
      {agrees !== null ? (
        <p className={agrees ? 'cv-check cv-check--ok' : 'pg-notice pg-notice-error'} data-testid="lab.convolution.pool.engine">
          {agrees ? t('poolEngineOk') : t('poolEngineBad')}
        </p>
      ) : null}
    </section>
  );
}
