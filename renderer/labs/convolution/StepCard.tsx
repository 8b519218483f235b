// Stepping through the convolution: the padded input with the current window on it, the filter, the
// output filling in cell by cell, and the window's multiply-adds written out (per channel, then summed
// over the channels). Below, whether the engine's Convolution layer agrees.

import { useEffect, useState, type Dispatch } from 'react';
import type { EngineAgreement } from '../../../engine/labs/convolutionCheck';
import { multiplyAddText, padGrid, type ConvolutionWalk, type Grid } from '../../../engine/labs/convolutionSteps';
import { commonText } from '../common/commonText';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { NumberGrid, type CellMark } from './NumberGrid';
import type { ExplorerAction } from './explorerState';
import type { ConvolutionKey } from './text';

const PLAY_MS = 700;

export interface StepCardProps {
  walk: ConvolutionWalk;
  input: Grid[];
  filter: Grid[];
  pad: number;
  step: number;
  dispatch: Dispatch<ExplorerAction>;
  agreement: EngineAgreement | null;
  text: I18n<ConvolutionKey>;
}

export function StepCard({ walk, input, filter, pad, step, dispatch, agreement, text }: StepCardProps) {
  const { t, num } = text;
  const common = useI18n(commonText).t;
  const total = walk.steps.length;
  const current = step > 0 ? walk.steps[step - 1] : null;
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    if (step >= total) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- playing stops when the last step is reached
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => dispatch({ type: 'step', by: 1, total }), PLAY_MS);
    return () => clearTimeout(timer);
  }, [playing, step, total, dispatch]);

  const padded = input.map((g) => padGrid(g, pad));
  const h = input[0]!.length,
    w = input[0]![0]!.length;
  const fh = filter[0]!.length,
    fw = filter[0]![0]!.length;
  const inputMark = (y: number, x: number): CellMark[] => {
    const marks: CellMark[] = [];
    if (y < pad || x < pad || y >= h + pad || x >= w + pad) marks.push('padding');
    if (current && y >= current.top && y < current.top + fh && x >= current.left && x < current.left + fw) marks.push('window');
    return marks;
  };
  const output = walk.output.map((row, y) => row.map((v, x) => (y * walk.size.outW + x < step ? v : null)));
  const channels = input.length;
  const fmt = (n: number) => num(n, 4);
  const go = (by: number) => dispatch({ type: 'step', by, total });

  return (
    <section className="pg-card" data-testid="lab.convolution.steps">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('stepTitle')}</h3>
          <p className="pg-card-sub">{t('stepSub')}</p>
        </div>
      </header>
      <div className="pg-button-row cv-step-buttons">
        <button type="button" className="btn" onClick={() => go(-1)} disabled={step === 0} data-testid="lab.convolution.back">
          {common('stepBack')}
        </button>
        <button type="button" className="btn btn--primary" onClick={() => go(1)} disabled={step >= total} data-testid="lab.convolution.step">
          {common('step')}
        </button>
        <button type="button" className="btn" onClick={() => setPlaying((p) => !p)} disabled={!playing && step >= total} data-testid="lab.convolution.play">
          {playing ? common('pause') : common('play')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => dispatch({ type: 'goto', step: total, total })}
          disabled={step >= total}
          data-testid="lab.convolution.all"
        >
          {t('allWindows')}
        </button>
        <button
          type="button"
          className="btn btn--ghost"
          onClick={() => dispatch({ type: 'goto', step: 0, total })}
          disabled={step === 0}
          data-testid="lab.convolution.reset"
        >
          {common('reset')}
        </button>
      </div>
      <div className="cv-step-grids">
        <div className="cv-channel-rows">
          {padded.map((grid, c) => (
            <div key={c} className="cv-channel-row">
              <NumberGrid
                values={grid}
                testId={`lab.convolution.padded.${c}`}
                format={fmt}
                mark={inputMark}
                caption={channels > 1 ? `${t('paddedInput', { pad })} · ${t('channel', { n: c + 1 })}` : t('paddedInput', { pad })}
              />
              <span className="cv-op">⊛</span>
              <NumberGrid
                values={filter[c]!}
                testId={`lab.convolution.filterView.${c}`}
                format={fmt}
                caption={channels > 1 ? `${t('filter')} · ${t('channel', { n: c + 1 })}` : t('filter')}
              />
            </div>
          ))}
        </div>
        <span className="cv-op">{channels > 1 ? 'Σ =' : '='}</span>
        <NumberGrid
          values={output}
          testId="lab.convolution.output"
          format={fmt}
          caption={t('output')}
          mark={(y, x) => (current && current.oy === y && current.ox === x ? 'current' : null)}
        />
      </div>
      <div className="cv-sum" data-testid="lab.convolution.sum" aria-live="polite">
        {current ? (
          <>
            <p className="muted" data-testid="lab.convolution.window">
              {t('windowOf', { n: step, total, row: current.oy + 1, col: current.ox + 1 })}
            </p>
            {Array.from({ length: channels }, (_, c) => (
              <p key={c} className="cv-sum-line" data-testid={`lab.convolution.sum.${c}`}>
                {channels > 1 ? <span className="cv-sum-label">{t('channelLine', { n: c + 1 })} </span> : null}
                {multiplyAddText(
                  current.terms.filter((term) => term.channel === c),
                  current.channelSums[c]!,
                  fmt,
                )}
              </p>
            ))}
            {channels > 1 ? (
              <p className="cv-sum-line cv-sum-total" data-testid="lab.convolution.sum.total">
                <span className="cv-sum-label">{t('channelsAdd')} </span>
                {current.channelSums.map(fmt).join(' + ')} = {fmt(current.sum)}
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted">{t('notStarted')}</p>
        )}
        {step >= total ? <p className="muted">{t('finished', { total })}</p> : null}
      </div>
      {agreement ? (
        <p className={agreement.convolution && agreement.im2col ? 'cv-check cv-check--ok' : 'pg-notice pg-notice-error'} data-testid="lab.convolution.engine">
          {agreement.convolution && agreement.im2col ? t('engineOk') : t('engineBad')}
        </p>
      ) : null}
    </section>
  );
}
