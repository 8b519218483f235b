// The convolution explorer (book §7.2–7.5): edit an input and a filter, choose padding and stride, and
// step through the convolution window by window; the output size formula with the numbers in it; the
// im2col matrix that turns it all into one matrix product; and pooling. Every number comes from
// engine/labs/convolutionSteps.ts and is checked against the engine's own layers.

import './convolution.css';
import { useEffect, useMemo, useReducer } from 'react';
import { checkConvolution } from '../../../engine/labs/convolutionCheck';
import { convolutionSteps, outputSizeOf } from '../../../engine/labs/convolutionSteps';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { Im2colCard } from './Im2colCard';
import { PoolingCard } from './PoolingCard';
import { SettingsCard } from './SettingsCard';
import { SizeFormula } from './SizeFormula';
import { StepCard } from './StepCard';
import { keep, recall } from '../common/remembered';
import { example, explorerReducer, isExplorerState, parseGrids } from './explorerState';
import { convolutionText } from './text';

const FORMULA = [
  'OH = (H + 2P − FH)/S + 1',
  'OW = (W + 2P − FW)/S + 1',
  'out(i, j) = Σc Σky Σkx x(c, i·S + ky − P, j·S + kx − P) · w(c, ky, kx)',
  'out = im2col(x) · w   ((OH·OW) × (C·FH·FW)) · ((C·FH·FW) × 1)',
];

export function ConvolutionLab() {
  const text = useI18n(convolutionText);
  const { t } = text;
  // The grids, padding and stride are kept for the session (common/remembered.ts); the walk starts again.
  const [state, dispatch] = useReducer(explorerReducer, undefined, () => recall('convolution.explorer', example('seed'), isExplorerState));
  useEffect(() => keep('convolution.explorer', { ...state, step: 0 }), [state]);
  const input = useMemo(() => parseGrids(state.input, 'input'), [state.input]);
  const filter = useMemo(() => parseGrids(state.filter, 'filter'), [state.filter]);
  const bad = 'bad' in input ? input.bad : 'bad' in filter ? filter.bad : null;
  const h = state.input[0]!.length,
    w = state.input[0]![0]?.length ?? 0;
  const fh = state.filter[0]!.length,
    fw = state.filter[0]![0]?.length ?? 0;
  const size = outputSizeOf(h, w, fh, fw, state.pad, state.stride);
  const grids = useMemo(() => ('grids' in input && 'grids' in filter ? { input: input.grids, filter: filter.grids } : null), [input, filter]);
  const fits = size.problem === null;
  const walk = useMemo(
    () => (grids && fits ? convolutionSteps(grids.input, grids.filter, state.stride, state.pad) : null),
    [grids, fits, state.stride, state.pad],
  );
  const agreement = useMemo(
    () => (walk && grids ? checkConvolution(walk, grids.input, grids.filter, state.stride, state.pad) : null),
    [walk, grids, state.stride, state.pad],
  );
  const channels = state.input.length;

  return (
    <LabFrame id="convolution" chapter="7.2–7.5" title={t('title')} idea={[t('idea1'), t('idea2'), t('idea3')]} formula={FORMULA}>
      <SettingsCard state={state} dispatch={dispatch} bad={bad} text={text} />
      {bad ? (
        <div className="pg-notice pg-notice-error" role="alert" data-testid="lab.convolution.badCell">
          {t('badCell', {
            which: t(bad.which === 'input' ? 'which_input' : 'which_filter'),
            channel: channels > 1 ? t('badCellChannel', { n: bad.channel + 1 }) : '',
            row: bad.row + 1,
            col: bad.col + 1,
            text: bad.text,
          })}
        </div>
      ) : null}
      <SizeFormula h={h} w={w} fh={fh} fw={fw} pad={state.pad} stride={state.stride} size={size} text={text} />
      {walk && grids ? (
        <>
          <StepCard
            walk={walk}
            input={grids.input}
            filter={grids.filter}
            pad={state.pad}
            step={state.step}
            dispatch={dispatch}
            agreement={agreement}
            text={text}
          />
          <Im2colCard walk={walk} filter={grids.filter} step={state.step} text={text} />
        </>
      ) : null}
      <PoolingCard text={text} />
    </LabFrame>
  );
}
