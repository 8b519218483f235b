// The iteration loss of one run, live: a memoised line over at most a few hundred points (the store
// downsamples), no animation, numeric iteration axis with units.

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useText } from '../live/useText';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE, LOSS_COLOR, axisLabel } from './chartTheme';
import type { LossPoint } from './downsample';
import { formatLoss, formatTick } from './format';

export interface LossChartProps {
  points: readonly LossPoint[];
  height?: number;
}

export const LossChart = memo(function LossChart({ points, height = 260 }: LossChartProps) {
  const { t } = useText();
  return (
    <LineChart responsive style={{ width: '100%', height }} data={points as LossPoint[]} margin={CHART_MARGIN}>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" />
      <XAxis
        dataKey="iteration"
        type="number"
        domain={['dataMin', 'dataMax']}
        allowDecimals={false}
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={AXIS_LINE}
        tickFormatter={formatTick}
        label={axisLabel(t('chart.iteration'), 'x')}
      />
      <YAxis
        dataKey="loss"
        domain={[0, 'auto']}
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={AXIS_LINE}
        tickFormatter={formatTick}
        width={56}
        label={axisLabel(t('chart.lossAxis'), 'y')}
      />
      <Tooltip
        isAnimationActive={false}
        formatter={(value) => [formatLoss(Number(value)), t('chart.loss')]}
        labelFormatter={(label) => `${t('chart.iteration')} ${label}`}
      />
      <Line type="linear" dataKey="loss" stroke={LOSS_COLOR} strokeWidth={1.6} dot={false} isAnimationActive={false} />
    </LineChart>
  );
});
