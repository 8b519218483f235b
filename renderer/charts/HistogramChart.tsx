// A small histogram of one parameter's values (book §6.2): bars over equal-width bins, the range below,
// mean and standard deviation beside the name. Plain SVG: dozens of them redraw cheaply.

import { memo } from 'react';
import type { Histogram } from './histogram';

export interface HistogramChartProps {
  name: string;
  shape: readonly number[];
  histogram: Histogram;
  color?: string;
  /** A short remark under the chart ("updates when training stops"). */
  note?: string;
}

const W = 240;
const H = 72;

export const HistogramChart = memo(function HistogramChart({ name, shape, histogram, color = 'var(--series-1)', note }: HistogramChartProps) {
  const peak = Math.max(1, ...histogram.bins.map((b) => b.count));
  const barWidth = histogram.bins.length ? W / histogram.bins.length : W;
  const { min, max } = histogram;
  const zeroX = min < 0 && max > 0 ? ((0 - min) / (max - min)) * W : null;
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
  return (
    <figure className="pg-histogram">
      <figcaption>
        <strong>{name}</strong>
        <span className="muted"> {shape.join('×')}</span>
        <span className="pg-histogram-stats">
          μ {fmt(histogram.mean)} · σ {fmt(histogram.std)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="pg-histogram-svg" data-chart="histogram" role="img" aria-label={name}>
        {histogram.bins.map((bin, i) => {
          const h = (bin.count / peak) * (H - 2);
          return <rect key={i} x={i * barWidth + 0.5} y={H - h} width={Math.max(0.5, barWidth - 1)} height={h} fill={color} rx={1} />;
        })}
        <line x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} stroke="var(--border-strong)" />
        {zeroX !== null && <line x1={zeroX} x2={zeroX} y1={0} y2={H} stroke="var(--text-muted)" strokeDasharray="2 2" strokeWidth={0.8} />}
      </svg>
      <div className="pg-histogram-range">
        <span>{fmt(histogram.min)}</span>
        <span>{fmt(histogram.max)}</span>
      </div>
      {note && <p className="pg-histogram-note">{note}</p>}
    </figure>
  );
});
