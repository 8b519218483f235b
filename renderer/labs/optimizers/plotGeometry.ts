// Where things go in the optimizer lab's contour plot: the mapping from (x, y) to SVG pixels (equal
// scales on both axes, like the book's figure), the contour polygons and each path's drawn polyline.
// Pure, so tests can check that nothing is ever drawn outside the picture.

import { CONTOUR_LEVELS, contourEllipse, insidePlot, PLOT_BOUNDS, visiblePath, type OptimizerPath } from '../../../engine/labs/optimizerPaths';

export const UNIT = 28;
export const MARGIN = { left: 34, right: 10, top: 10, bottom: 26 };
export const PLOT_W = (PLOT_BOUNDS.xMax - PLOT_BOUNDS.xMin) * UNIT;
export const PLOT_H = (PLOT_BOUNDS.yMax - PLOT_BOUNDS.yMin) * UNIT;
export const VIEW_W = MARGIN.left + PLOT_W + MARGIN.right;
export const VIEW_H = MARGIN.top + PLOT_H + MARGIN.bottom;

export const px = (x: number): number => MARGIN.left + (x - PLOT_BOUNDS.xMin) * UNIT;
export const py = (y: number): number => MARGIN.top + (PLOT_BOUNDS.yMax - y) * UNIT;

export function toPoints(points: readonly { x: number; y: number }[]): string {
  return points.map((p) => `${px(p.x).toFixed(2)},${py(p.y).toFixed(2)}`).join(' ');
}

/** One SVG polygon per contour level (clipped to the plot by the SVG). */
export const CONTOUR_POLYGONS: readonly { level: number; points: string }[] = CONTOUR_LEVELS.map((level) => ({
  level,
  points: toPoints(contourEllipse(level)),
}));

export interface PathDrawing {
  /** The polyline through the path's points, ending at the border if it leaves. */
  line: string;
  /** The steps' own points inside the plot (small dots). */
  dots: { step: number; cx: number; cy: number }[];
  /** The big dot at the chosen step, or null when the path is not in the picture there. */
  at: { cx: number; cy: number } | null;
}

export function drawPath(path: OptimizerPath, step: number): PathDrawing {
  const inside = path.points.slice(0, path.leftAt ?? undefined);
  const point = path.points[step];
  return {
    line: toPoints(visiblePath(path)),
    dots: inside.map((p) => ({ step: p.step, cx: px(p.x), cy: py(p.y) })),
    at: point && insidePlot(point.x, point.y) ? { cx: px(point.x), cy: py(point.y) } : null,
  };
}

/**
 * A coordinate for the table: up to 4 decimals; powers of ten for a run-away path's 10³⁸ and for a
 * value so close to 0 that 4 decimals would round it to a 0 it has not reached (AdaGrad's y ≈ 10⁻⁶).
 */
export function formatCoordinate(value: number, num: (v: number, digits?: number) => string): string {
  const size = Math.abs(value);
  return size >= 1e5 || (size > 0 && size < 5e-5) ? value.toExponential(2) : num(value, 4);
}

export type PathNote = { key: 'leftPlot'; step: number } | { key: 'overflowed'; step: number; left: number } | null;

/** What the table says about a path beside its numbers: where it left the plot or overflowed. */
export function pathNote(path: OptimizerPath): PathNote {
  if (path.brokeAt !== null) return { key: 'overflowed', step: path.brokeAt, left: path.leftAt ?? path.brokeAt };
  if (path.leftAt !== null) return { key: 'leftPlot', step: path.leftAt };
  return null;
}
