// The iteration loss of one run, live: a memoised line over at most a few hundred points (the store
// downsamples), no animation. The iteration axis spans the whole run, so the line grows across it.

import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { pagesText, useI18n } from '../i18n/useI18n';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE, LOSS_COLOR, TOOLTIP_PROPS, axisLabel } from './chartTheme';
import type { LossPoint } from './downsample';
import { formatLoss, formatTick } from './format';
import { niceScale } from './ticks';

export interface LossChartProps {
  points: readonly LossPoint[];
  /** The run's last iteration: the end of the axis. */
  iterationsTotal: number;
  height?: number;
}

export const LossChart = memo(function LossChart({ points, iterationsTotal, height = 260 }: LossChartProps) {
  const { t } = useI18n(pagesText);
  const x = useMemo(() => niceScale(0, Math.max(iterationsTotal, points.length ? points[points.length - 1]!.iteration : 1), 6), [points, iterationsTotal]);
  const y = useMemo(() => {
    let lo = 0;
    let hi = 0;
    for (const p of points) {
      if (p.loss > hi) hi = p.loss;
      if (p.loss < lo) lo = p.loss;
    }
    return niceScale(lo, hi, 5);
  }, [points]);
  return (
    <LineChart responsive style={{ width: '100%', height }} data={points} margin={CHART_MARGIN}>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="iteration"
        type="number"
        domain={[x.min, x.max]}
        ticks={x.ticks}
        interval={0}
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={AXIS_LINE}
        tickFormatter={formatTick}
        label={axisLabel(t('chart.iteration'), 'x')}
      />
      <YAxis
        dataKey="loss"
        domain={[y.min, y.max]}
        ticks={y.ticks}
        interval={0}
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={AXIS_LINE}
        tickFormatter={formatTick}
        width={56}
        label={axisLabel(t('chart.lossAxis'), 'y')}
      />
      <Tooltip
        {...TOOLTIP_PROPS}
        formatter={(value) => [formatLoss(Number(value)), t('chart.loss')]}
        labelFormatter={(label) => `${t('chart.iteration')} ${Number(label)}`}
      />
      <Line type="linear" dataKey="loss" stroke={LOSS_COLOR} strokeWidth={1.6} dot={false} isAnimationActive={false} />
    </LineChart>
  );
});
