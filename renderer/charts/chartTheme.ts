// Colours and axis styling shared by every chart, from the theme's tokens (theme.css), so charts
// follow light and dark mode; a PNG export resolves them to concrete colours (svgImage.ts).
// Blue and orange come first: they stay apart for the common colour-vision deficiencies.

export const SERIES_COLORS = [
  'var(--series-1)',
  'var(--series-2)',
  'var(--series-3)',
  'var(--series-4)',
  'var(--series-5)',
  'var(--series-6)',
  '#c99a06',
  '#7a869a',
] as const;

export const TRAIN_COLOR = 'var(--series-1)';
export const TEST_COLOR = 'var(--series-2)';
export const LOSS_COLOR = 'var(--series-1)';

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

export const AXIS_TICK = { fontSize: 12, fill: 'var(--text-muted)' } as const;
export const AXIS_LINE = { stroke: 'var(--border-strong)' } as const;
export const GRID_STROKE = 'var(--border)';
export const CHART_MARGIN = { top: 8, right: 16, bottom: 22, left: 8 } as const;

/** An axis label in Recharts' label-object form. */
export function axisLabel(
  value: string,
  axis: 'x' | 'y',
): { value: string; position: 'insideBottom' | 'insideLeft'; offset: number; angle?: number; style: Record<string, string | number> } {
  return axis === 'x'
    ? { value, position: 'insideBottom', offset: -12, style: { fontSize: 12, fill: 'var(--text-muted)' } }
    : { value, position: 'insideLeft', offset: 12, angle: -90, style: { fontSize: 12, fill: 'var(--text-muted)', textAnchor: 'middle' } };
}

/** A lower bound for an accuracy axis: a tenth below the lowest value, never under 0, so progress near 1 is visible. */
export function accuracyFloor(values: readonly (number | null | undefined)[]): number {
  let min = 1;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v) && v < min) min = v;
  return Math.max(0, Math.floor((min - 0.02) * 10) / 10);
}

/** Tooltip settings shared by the charts: no animation (it would lag the pointer), a plain separator. */
export const TOOLTIP_PROPS = { isAnimationActive: false, separator: ' ', cursor: { stroke: 'var(--border-strong)' } } as const;
