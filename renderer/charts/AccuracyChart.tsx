// Train and test accuracy per epoch (the book's Figure 5-... curves): two lines over the epochs so far.

import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetric } from '../../main/api/contract';
import { pagesText, useI18n } from '../i18n/useI18n';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE, TEST_COLOR, TOOLTIP_PROPS, TRAIN_COLOR, accuracyFloor, axisLabel } from './chartTheme';
import { pickEvenly } from './downsample';
import { formatAccuracy } from './format';
import { niceScale, tickLabeller } from './ticks';

export interface AccuracyChartProps {
  epochs: readonly EpochMetric[];
  epochsTotal: number;
  height?: number;
  /** What the dashed curve was measured on: the test split, or validation data held out of the training split. */
  evaluatedOn?: 'test' | 'validation';
}

/** Most epochs drawn: a longer run is drawn through this many of its epochs, evenly spread (the table lists them all). */
const MOST_EPOCHS_DRAWN = 400;
/** Each epoch is a dot while there are few enough to tell apart. */
const MOST_DOTS = 60;

export const AccuracyChart = memo(function AccuracyChart({ epochs, epochsTotal, height = 260, evaluatedOn = 'test' }: AccuracyChartProps) {
  const { t } = useI18n(pagesText);
  const drawn = useMemo(() => pickEvenly(epochs, MOST_EPOCHS_DRAWN), [epochs]);
  const dot = drawn.length <= MOST_DOTS ? { r: 3 } : false;
  const y = useMemo(() => {
    const scale = niceScale(accuracyFloor(epochs.flatMap((m) => [m.trainAcc, m.testAcc])), 1, 5);
    return { ...scale, label: tickLabeller(scale.ticks) };
  }, [epochs]);
  const ticks = useMemo(() => {
    const last = Math.max(1, epochsTotal, epochs.length ? epochs[epochs.length - 1]!.epoch : 1);
    const step = Math.max(1, Math.ceil(last / 10));
    const out: number[] = [];
    for (let e = 1; e <= last; e += step) out.push(e);
    return out;
  }, [epochs, epochsTotal]);
  return (
    <LineChart responsive style={{ width: '100%', height }} data={drawn} margin={CHART_MARGIN}>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="epoch"
        type="number"
        domain={[1, Math.max(1, epochsTotal)]}
        ticks={ticks}
        interval={0}
        allowDecimals={false}
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={AXIS_LINE}
        label={axisLabel(t('chart.epoch'), 'x')}
      />
      <YAxis
        domain={[y.min, 1]}
        ticks={y.ticks}
        interval={0}
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={AXIS_LINE}
        tickFormatter={y.label}
        width={56}
        label={axisLabel(t('chart.accuracyAxis'), 'y')}
      />
      <Tooltip
        {...TOOLTIP_PROPS}
        formatter={(value, name) => [
          formatAccuracy(Number(value)),
          name === 'trainAcc' ? t('chart.train') : evaluatedOn === 'validation' ? t('chart.validation') : t('chart.test'),
        ]}
        labelFormatter={(label) => `${t('chart.epoch')} ${Number(label)}`}
      />
      <Line type="linear" dataKey="trainAcc" stroke={TRAIN_COLOR} strokeWidth={2} dot={dot} isAnimationActive={false} />
      <Line type="linear" dataKey="testAcc" stroke={TEST_COLOR} strokeWidth={2} strokeDasharray="6 3" dot={dot} isAnimationActive={false} />
    </LineChart>
  );
});
