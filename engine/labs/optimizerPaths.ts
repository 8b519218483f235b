// The optimizer lab's picture (book §6.1.7, optimizer_compare_naive.py): the engine's own optimizers,
// unchanged, moving two scalar parameters x and y down f(x, y) = x²/20 + y² from (−7, 2), with the
// analytic gradient (x/10, 2y). Also the level sets of f, which are ellipses, for the contour plot.
// Pure: no DOM, no randomness. A path that runs away is cut where it leaves the plot, never drawn as garbage.

import { findOptimizerType, optimizerTypes } from '../optimizers/registry';
import { Tensor } from '../tensor';

/** The book's bowl: long in x, narrow in y, so the gradient mostly points across the valley. */
export function bowl(x: number, y: number): number {
  return (x * x) / 20 + y * y;
}

/** ∂f/∂x = x/10, ∂f/∂y = 2y. */
export function bowlGradient(x: number, y: number): [number, number] {
  return [x / 10, 2 * y];
}

export const PATH_START = { x: -7, y: 2 } as const;
export const PATH_STEPS = 30;
/** The book's figure: x from −10 to 10, y from −5 to 5. */
export const PLOT_BOUNDS = { xMin: -10, xMax: 10, yMin: -5, yMax: 5 } as const;

/** The learning rates the lab starts with, one per optimizer: each definition's `pathLearningRate`. */
export const PATH_LEARNING_RATES: Readonly<Record<string, number>> = Object.fromEntries(optimizerTypes.map((o) => [o.type, o.pathLearningRate]));

export interface PathPoint {
  step: number;
  x: number;
  y: number;
  f: number;
}

export type LearningRateProblem = 'notNumber' | 'notPositive' | 'tooLarge';

export interface OptimizerPath {
  type: string;
  lr: number;
  /** Step 0 (the start) to the last step whose coordinates are finite numbers. */
  points: PathPoint[];
  /** The first step whose point lies outside PLOT_BOUNDS, or null if the path stays in the picture. */
  leftAt: number | null;
  /** The first step whose coordinates overflowed to ±∞ or NaN (its point is not kept), or null. */
  brokeAt: number | null;
}

/** Whether `lr` is a learning rate the optimizer's own field accepts (the engine's table sets the bounds). */
export function checkLearningRate(type: string, lr: number): LearningRateProblem | null {
  const field = findOptimizerType(type)?.fields.find((f) => f.name === 'lr');
  if (!Number.isFinite(lr)) return 'notNumber';
  if (lr <= 0) return 'notPositive';
  if (field?.max !== undefined && lr > field.max) return 'tooLarge';
  return null;
}

export function insidePlot(x: number, y: number): boolean {
  const b = PLOT_BOUNDS;
  return x >= b.xMin && x <= b.xMax && y >= b.yMin && y <= b.yMax;
}

/**
 * Runs `steps` updates of the engine's optimizer `type` (its other settings at the engine's defaults)
 * on the two parameters, in float64 like the book's NumPy. Point k is where the parameters are after
 * k updates; point 0 is the start.
 */
export function optimizerPath(type: string, lr: number, steps = PATH_STEPS, start: { x: number; y: number } = PATH_START): OptimizerPath {
  const optimizerType = findOptimizerType(type);
  if (!optimizerType) throw new Error(`unknown optimizer "${type}"`);
  const problem = checkLearningRate(type, lr);
  if (problem) throw new Error(`${optimizerType.label}: learning rate ${lr} is not usable (${problem})`);
  const optimizer = optimizerType.create({ lr });
  const params = { x: Tensor.from([1], [start.x], 'float64'), y: Tensor.from([1], [start.y], 'float64') };
  const grads = { x: Tensor.zeros([1], 'float64'), y: Tensor.zeros([1], 'float64') };

  const points: PathPoint[] = [{ step: 0, x: start.x, y: start.y, f: bowl(start.x, start.y) }];
  let leftAt: number | null = insidePlot(start.x, start.y) ? null : 0;
  let brokeAt: number | null = null;
  for (let step = 1; step <= steps; step++) {
    const [gx, gy] = bowlGradient(params.x.data[0]!, params.y.data[0]!);
    grads.x.data[0] = gx;
    grads.y.data[0] = gy;
    optimizer.update(params, grads);
    const x = params.x.data[0]!;
    const y = params.y.data[0]!;
    const f = bowl(x, y);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(f)) {
      brokeAt = step;
      if (leftAt === null) leftAt = step;
      break;
    }
    points.push({ step, x, y, f });
    if (leftAt === null && !insidePlot(x, y)) leftAt = step;
  }
  return { type, lr, points, leftAt, brokeAt };
}

/** The contour levels drawn: f = 0.25 … 8 (f(−7, 2) = 6.45 lies between 6 and 7). */
export const CONTOUR_LEVELS: readonly number[] = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8];

/**
 * The level set f(x, y) = c of the bowl, exactly: the ellipse x = √(20c)·cos θ, y = √c·sin θ,
 * as `segments` points (closed: the first point is not repeated). Empty for c ≤ 0 (c = 0 is the minimum itself).
 */
export function contourEllipse(level: number, segments = 120): { x: number; y: number }[] {
  if (!(level > 0) || !Number.isFinite(level)) return [];
  const a = Math.sqrt(20 * level);
  const b = Math.sqrt(level);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < segments; i++) {
    const theta = (2 * Math.PI * i) / segments;
    out.push({ x: a * Math.cos(theta), y: b * Math.sin(theta) });
  }
  return out;
}

/**
 * The part of a path that can be drawn: its points up to the last one inside the plot and, if it leaves,
 * the point where its next segment crosses the plot's edge (Liang–Barsky clipping), so a path that blows
 * up ends at the border instead of sending coordinates like 10³⁸ to the screen.
 */
export function visiblePath(path: OptimizerPath): { x: number; y: number }[] {
  const end = path.leftAt ?? path.points.length;
  const out = path.points.slice(0, end).map(({ x, y }) => ({ x, y }));
  if (path.leftAt === null || path.leftAt === 0 || out.length === 0) return out;
  const from = out[out.length - 1]!;
  const to = path.points[path.leftAt];
  // With an overflowed last step there is no point to aim at: the line stops at the last one inside.
  if (!to) return out;
  const exit = clipExit(from, to);
  if (exit) out.push(exit);
  return out;
}

/** Where the segment from an inside point `a` to an outside point `b` first leaves PLOT_BOUNDS. */
function clipExit(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const b_ = PLOT_BOUNDS;
  let tMax = 1;
  const limit = (delta: number, distance: number) => {
    // Moving by `delta` per unit t, the edge is `distance` away (≥ 0 for an inside point).
    if (delta > 0) tMax = Math.min(tMax, distance / delta);
  };
  limit(dx, b_.xMax - a.x);
  limit(-dx, a.x - b_.xMin);
  limit(dy, b_.yMax - a.y);
  limit(-dy, a.y - b_.yMin);
  if (!(tMax >= 0 && tMax <= 1)) return null;
  return { x: a.x + tMax * dx, y: a.y + tMax * dy };
}
