// One overlaid chart of a lab's run group: the iteration losses, or the train or test accuracy per
// epoch, one colour per run, named with the lab's labels. Built on the Compare page's chart.

import { memo, useMemo } from 'react';
import type { Comparison, EpochMetric } from '../../../main/api/contract';
import { accuracyFloor, seriesColor } from '../../charts/chartTheme';
import { formatAccuracy, formatLoss } from '../../charts/format';
import { niceScale, tickLabeller } from '../../charts/ticks';
import { CompareChart, type CompareSeries } from '../../compare/CompareChart';
import { toChartRows } from '../../compare/settings';
import { labLabelOrName } from '../../i18n/runName';
import { useLanguage } from '../../i18n/useI18n';

export type GroupMetric = 'loss' | 'trainAcc' | 'testAcc';

export interface GroupCurveProps {
  comparison: Comparison | null;
  labels: Record<number, string>;
  metric: GroupMetric;
  title: string;
  subtitle?: string;
  testId: string;
  xLabel: string;
  yLabel: string;
  pngName: string;
  /** Colour per run id; by default the series palette in run order. */
  colorOf?: (runId: number, index: number) => string;
}

type EpochValues = Omit<EpochMetric, 'epoch'>;

export const GroupCurve = memo(function GroupCurve(props: GroupCurveProps) {
  const { comparison, labels, metric, colorOf } = props;
  const lang = useLanguage();
  const chart = useMemo(() => {
    if (!comparison) return null;
    const ids = comparison.runs.map((r) => r.id);
    const series: CompareSeries[] = comparison.runs.map((r, i) => ({
      id: r.id,
      name: labLabelOrName(lang, labels[r.id], r.name),
      color: colorOf ? colorOf(r.id, i) : seriesColor(i),
    }));
    if (metric === 'loss') {
      const data = toChartRows<number>(
        comparison.losses.map((l) => ({ x: l.iteration, values: l.values })),
        ids,
        (v) => v,
        'iteration',
      );
      const values = comparison.losses.flatMap((l) => Object.values(l.values).filter((v): v is number => v !== null && Number.isFinite(v)));
      const yScale = niceScale(0, Math.max(0.1, ...values), 5);
      const last = comparison.losses.length ? comparison.losses[comparison.losses.length - 1]!.iteration : 1;
      return {
        series,
        data,
        xKey: 'iteration',
        yScale,
        xScale: niceScale(0, Math.max(1, last), 6),
        tickFormat: tickLabeller(yScale.ticks),
        format: formatLoss,
        dots: false,
      };
    }
    const rows = comparison.epochs.map((e) => ({ x: e.epoch, values: e.values }));
    const data = toChartRows<EpochValues>(rows, ids, (v) => v[metric], 'epoch');
    const values = comparison.epochs.flatMap((e) => Object.values(e.values).flatMap((v) => (v ? [v[metric]] : [])));
    const yScale = niceScale(accuracyFloor(values), 1, 5);
    const lastEpoch = comparison.epochs.length ? comparison.epochs[comparison.epochs.length - 1]!.epoch : 1;
    const step = Math.max(1, Math.ceil(lastEpoch / 10));
    const ticks = Array.from({ length: Math.ceil(lastEpoch / step) }, (_, i) => 1 + i * step);
    return {
      series,
      data,
      xKey: 'epoch',
      yScale,
      xScale: { min: 1, max: Math.max(2, lastEpoch), ticks },
      tickFormat: tickLabeller(yScale.ticks),
      format: formatAccuracy,
      dots: lastEpoch <= 30,
    };
  }, [comparison, labels, metric, colorOf, lang]);
  if (!chart) return null;
  return (
    <CompareChart
      title={props.title}
      subtitle={props.subtitle}
      testId={props.testId}
      pngName={props.pngName}
      data={chart.data}
      xKey={chart.xKey}
      xLabel={props.xLabel}
      yLabel={props.yLabel}
      xScale={chart.xScale}
      yScale={chart.yScale}
      series={chart.series}
      tickFormat={chart.tickFormat}
      format={chart.format}
      dots={chart.dots}
      showLegend
    />
  );
});
