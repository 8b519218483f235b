// The explorer's inputs: the book's examples, channels, the sizes of the input and the filter, padding
// and stride, and the grids themselves to type into.

import type { Dispatch } from 'react';
import type { I18n } from '../../i18n/useI18n';
import { EditableGrid } from './NumberGrid';
import { LIMITS, type BadCell, type ExampleName, type ExplorerAction, type ExplorerState, type Which } from './explorerState';
import type { ConvolutionKey } from './text';

const EXAMPLES: ExampleName[] = ['seed', 'padding', 'stride', 'channels'];

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  testId: string;
  onChange: (value: number) => void;
}

function NumberField({ label, value, min, max, testId, onChange }: NumberFieldProps) {
  return (
    <label className="pg-field cv-number">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        data-testid={testId}
        onChange={(e) => e.target.value !== '' && onChange(Number(e.target.value))}
      />
    </label>
  );
}

export interface SettingsCardProps {
  state: ExplorerState;
  dispatch: Dispatch<ExplorerAction>;
  bad: BadCell | null;
  text: I18n<ConvolutionKey>;
}

export function SettingsCard({ state, dispatch, bad, text }: SettingsCardProps) {
  const { t } = text;
  const channels = state.input.length;
  const size = (which: Which) => ({ rows: state[which][0]!.length, cols: state[which][0]![0]?.length ?? 0 });
  const grids = (which: Which) =>
    state[which].map((cells, c) => (
      <EditableGrid
        key={c}
        cells={cells}
        testId={`lab.convolution.${which}.${c}`}
        caption={channels > 1 ? `${t(which)} · ${t('channel', { n: c + 1 })}` : t(which)}
        bad={bad && bad.which === which && bad.channel === c ? bad : null}
        onChange={(row, col, value) => dispatch({ type: 'cell', which, channel: c, row, col, text: value })}
      />
    ));
  const sizeFields = (which: Which) => {
    const { rows, cols } = size(which);
    const limit = LIMITS[which];
    return (
      <>
        <NumberField
          label={`${t(which)} · ${t('rows')}`}
          value={rows}
          min={limit.min}
          max={limit.max}
          testId={`lab.convolution.${which}.rows`}
          onChange={(v) => dispatch({ type: 'resize', which, rows: v, cols })}
        />
        <NumberField
          label={`${t(which)} · ${t('cols')}`}
          value={cols}
          min={limit.min}
          max={limit.max}
          testId={`lab.convolution.${which}.cols`}
          onChange={(v) => dispatch({ type: 'resize', which, rows, cols: v })}
        />
      </>
    );
  };
  return (
    <section className="pg-card" data-testid="lab.convolution.settings">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('settingsTitle')}</h3>
          <p className="pg-card-sub">{t('settingsSub')}</p>
        </div>
      </header>
      <div className="cv-examples">
        <span className="muted">{t('examples')}</span>
        {EXAMPLES.map((name) => (
          <button
            key={name}
            type="button"
            className="btn btn--small"
            data-testid={`lab.convolution.example.${name}`}
            onClick={() => dispatch({ type: 'example', name })}
          >
            {t(`example.${name}`)}
          </button>
        ))}
      </div>
      <div className="lab-controls cv-controls">
        <label className="pg-field cv-number">
          <span>{t('channels')}</span>
          <select
            value={channels}
            data-testid="lab.convolution.channels"
            onChange={(e) => dispatch({ type: 'channels', value: Number(e.target.value) === 3 ? 3 : 1 })}
          >
            <option value={1}>1</option>
            <option value={3}>3</option>
          </select>
        </label>
        {sizeFields('input')}
        {sizeFields('filter')}
        <NumberField
          label={t('pad')}
          value={state.pad}
          min={LIMITS.pad.min}
          max={LIMITS.pad.max}
          testId="lab.convolution.pad"
          onChange={(v) => dispatch({ type: 'pad', value: v })}
        />
        <NumberField
          label={t('stride')}
          value={state.stride}
          min={LIMITS.stride.min}
          max={LIMITS.stride.max}
          testId="lab.convolution.stride"
          onChange={(v) => dispatch({ type: 'stride', value: v })}
        />
      </div>
      <div className="cv-edit-grids">
        <div className="cv-grid-row">{grids('input')}</div>
        <div className="cv-grid-row">{grids('filter')}</div>
      </div>
    </section>
  );
}
