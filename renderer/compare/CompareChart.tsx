// Several runs' curves on one chart, one colour per run (the page shows the legend once above the
// charts; the PNG export draws it into each image), with a PNG export of the chart.

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '../charts/ChartCard';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE, TOOLTIP_PROPS, axisLabel } from '../charts/chartTheme';
import { formatTick } from '../charts/format';
import type { LegendItem } from '../charts/SeriesLegend';
import type { NiceScale } from '../charts/ticks';
import { seriesKey } from './settings';

export interface CompareSeries {
  id: number;
  name: string;
  color: string;
}

export interface CompareChartProps {
  title: string;
  subtitle?: string;
  testId: string;
  pngName: string;
  data: Record<string, number | null>[];
  xKey: string;
  xLabel: string;
  yLabel: string;
  /** Axis ends and ticks (see charts/ticks.ts). */
  xScale: NiceScale;
  yScale: NiceScale;
  series: CompareSeries[];
  /** Tick labels, and the tooltip's values. */
  tickFormat: (value: number) => string;
  format: (value: number) => string;
  dots?: boolean;
  /** Shows the runs' legend on the chart itself (a lab's chart, with no legend of the page above it). */
  showLegend?: boolean;
}

export const CompareChart = memo(function CompareChart(props: CompareChartProps) {
  const { title, subtitle, testId, pngName, data, xKey, xLabel, yLabel, xScale, yScale, series, tickFormat, format, dots, showLegend } = props;
  const legend: LegendItem[] = series.map((s) => ({ name: s.name, color: s.color }));
  const nameOf = new Map(series.map((s) => [seriesKey(s.id), s.name]));
  const table = {
    columns: [xLabel, ...series.map((s) => s.name)],
    rows: data.map((row) => [
      String(row[xKey] ?? '—'),
      ...series.map((s) => {
        const value = row[seriesKey(s.id)];
        return value === null || value === undefined ? '—' : format(value);
      }),
    ]),
  };
  return (
    <ChartCard title={title} subtitle={subtitle} testId={testId} pngName={pngName} legend={legend} table={table} {...(showLegend ? { showLegend } : {})}>
      <LineChart responsive style={{ width: '100%', height: 280 }} data={data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey={xKey}
          type="number"
          domain={[xScale.min, xScale.max]}
          ticks={xScale.ticks}
          interval={0}
          tick={AXIS_TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
          tickFormatter={formatTick}
          label={axisLabel(xLabel, 'x')}
        />
        <YAxis
          domain={[yScale.min, yScale.max]}
          ticks={yScale.ticks}
          interval={0}
          tick={AXIS_TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
          tickFormatter={tickFormat}
          width={56}
          label={axisLabel(yLabel, 'y')}
        />
        <Tooltip
          {...TOOLTIP_PROPS}
          formatter={(value, key) => [format(Number(value)), nameOf.get(String(key)) ?? String(key)]}
          labelFormatter={(label) => `${xLabel} ${Number(label)}`}
        />
        {series.map((s) => (
          <Line
            key={s.id}
            type="linear"
            dataKey={seriesKey(s.id)}
            stroke={s.color}
            strokeWidth={2}
            dot={dots ? { r: 2.5 } : false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartCard>
  );
});
