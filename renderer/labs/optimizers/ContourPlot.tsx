// The bowl f(x, y) = x²/20 + y² as contour lines (its exact level-set ellipses), with one path per shown
// optimizer and a dot where each one is at the chosen step. Plain SVG with equal scales on both axes,
// like the book's figure 6-8 (x from −10 to 10, y from −5 to 5).

import { memo } from 'react';
import type { OptimizerPath } from '../../../engine/labs/optimizerPaths';
import { CONTOUR_POLYGONS, drawPath, MARGIN as M, PLOT_H, PLOT_W, px, py, VIEW_H, VIEW_W } from './plotGeometry';

const X_TICKS = [-10, -5, 0, 5, 10];
const Y_TICKS = [-4, -2, 0, 2, 4];

export interface ShownPath {
  path: OptimizerPath;
  color: string;
  label: string;
}

export interface ContourPlotProps {
  paths: readonly ShownPath[];
  step: number;
  label: string;
  minimumLabel: string;
}

export const ContourPlot = memo(function ContourPlot({ paths, step, label, minimumLabel }: ContourPlotProps) {
  return (
    <svg className="opt-plot" viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="img" aria-label={label} data-testid="lab.optimizers.plot">
      <defs>
        <clipPath id="opt-plot-clip">
          <rect x={M.left} y={M.top} width={PLOT_W} height={PLOT_H} />
        </clipPath>
      </defs>
      <rect className="opt-plot-frame" x={M.left} y={M.top} width={PLOT_W} height={PLOT_H} />
      {X_TICKS.map((x) => (
        <g key={`x${x}`}>
          <line className="opt-plot-grid" x1={px(x)} x2={px(x)} y1={M.top} y2={M.top + PLOT_H} />
          <text className="opt-plot-tick" x={px(x)} y={M.top + PLOT_H + 16} textAnchor="middle">
            {x}
          </text>
        </g>
      ))}
      {Y_TICKS.map((y) => (
        <g key={`y${y}`}>
          <line className="opt-plot-grid" x1={M.left} x2={M.left + PLOT_W} y1={py(y)} y2={py(y)} />
          <text className="opt-plot-tick" x={M.left - 6} y={py(y) + 4} textAnchor="end">
            {y}
          </text>
        </g>
      ))}
      <g clipPath="url(#opt-plot-clip)">
        {CONTOUR_POLYGONS.map((c) => (
          <polygon key={c.level} className="opt-contour" points={c.points} data-level={c.level} />
        ))}
        {paths.map(({ path, color, label: name }) => {
          const drawing = drawPath(path, step);
          return (
            <g key={path.type} data-testid={`lab.optimizers.plot.${path.type}`}>
              <title>{name}</title>
              <polyline points={drawing.line} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" />
              {drawing.dots.map((d) => (
                <circle key={d.step} cx={d.cx} cy={d.cy} r={2} fill={color} />
              ))}
              {drawing.at ? <circle cx={drawing.at.cx} cy={drawing.at.cy} r={6} fill={color} stroke="var(--surface)" strokeWidth={2} /> : null}
            </g>
          );
        })}
      </g>
      <g className="opt-minimum">
        <line x1={px(0) - 6} x2={px(0) + 6} y1={py(0)} y2={py(0)} />
        <line x1={px(0)} x2={px(0)} y1={py(0) - 6} y2={py(0) + 6} />
        <text x={px(0) + 6} y={py(0) + 18}>
          {minimumLabel}
        </text>
      </g>
    </svg>
  );
});
