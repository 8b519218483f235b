// Long loss curves made short enough to draw: each point the mean of a bucket of neighbouring
// iterations, the very first and last iteration always kept as they are. And several runs' losses and
// epochs lined up side by side, for comparing them.

import type { Comparison, EpochMetric, IterationLoss } from '../api/contract';

/** [iteration, loss], sorted by iteration. */
export type LossPoint = [iteration: number, loss: number];

/**
 * At most `maxPoints` points: the first and last as they are, the ones between split into
 * maxPoints − 2 buckets of consecutive points, each becoming the mean of its iterations (rounded)
 * and of its losses.
 */
export function downsampleLosses(points: readonly LossPoint[], maxPoints: number): IterationLoss[] {
  return downsampleLossStream(points, points.length, maxPoints);
}

/**
 * The same, over `count` points read one at a time (the store iterates its rows): only the buckets are
 * held, never the whole curve, so a run of millions of iterations opens in the memory of its chart.
 * The sums run in the same order, so the points are the same numbers.
 */
export function downsampleLossStream(points: Iterable<LossPoint>, count: number, maxPoints: number): IterationLoss[] {
  const out: IterationLoss[] = [];
  if (count <= maxPoints) {
    for (const [iteration, loss] of points) out.push({ iteration, loss });
    return out;
  }
  const between = count - 2;
  const buckets = maxPoints - 2;
  let bucket = 0;
  let end = 1 + Math.floor(between / buckets);
  let iterations = 0;
  let losses = 0;
  let inBucket = 0;
  let index = 0;
  for (const [iteration, loss] of points) {
    if (index === 0 || index === count - 1) {
      out.push({ iteration, loss });
    } else {
      iterations += iteration;
      losses += loss;
      inBucket++;
      if (index + 1 === end) {
        out.push({ iteration: Math.round(iterations / inBucket), loss: losses / inBucket });
        bucket++;
        end = 1 + Math.floor(((bucket + 1) * between) / buckets);
        iterations = 0;
        losses = 0;
        inBucket = 0;
      }
    }
    index++;
  }
  return out;
}

export interface LossSeries {
  id: number;
  points: readonly LossPoint[];
}

/**
 * Several runs' losses on one iteration axis. When all the iterations together fit in `maxPoints`,
 * every one of them is a row; otherwise the first and last iteration stay rows of their own and the
 * range between is cut into maxPoints − 2 equal spans of iterations, each run's value in a span being
 * the mean of its losses there. A run with no loss at a row has null.
 */
export function alignLosses(series: readonly LossSeries[], maxPoints: number): Comparison['losses'] {
  const all = new Set<number>();
  for (const s of series) for (const [iteration] of s.points) all.add(iteration);
  if (all.size === 0) return [];
  const axis = [...all].sort((a, b) => a - b);
  const nulls = () => Object.fromEntries(series.map((s) => [s.id, null])) as Record<number, number | null>;

  if (axis.length <= maxPoints) {
    const rowOf = new Map(axis.map((iteration, i) => [iteration, i]));
    const rows = axis.map((iteration) => ({ iteration, values: nulls() }));
    for (const s of series) for (const [iteration, loss] of s.points) rows[rowOf.get(iteration)!]!.values[s.id] = loss;
    return rows;
  }

  const lo = axis[0]!;
  const hi = axis[axis.length - 1]!;
  const span = hi - lo - 1; // iterations strictly between lo and hi
  const buckets = maxPoints - 2;
  const first = { iteration: lo, values: nulls() };
  const last = { iteration: hi, values: nulls() };
  const middle = Array.from({ length: buckets }, (_, k) => {
    const start = lo + 1 + Math.ceil((k * span) / buckets);
    const end = lo + Math.ceil(((k + 1) * span) / buckets);
    return { iteration: Math.round((start + end) / 2), values: nulls(), seen: false };
  });
  for (const s of series) {
    const sums = new Float64Array(buckets);
    const counts = new Uint32Array(buckets);
    for (const [iteration, loss] of s.points) {
      if (iteration === lo) first.values[s.id] = loss;
      else if (iteration === hi) last.values[s.id] = loss;
      else {
        const k = Math.floor(((iteration - lo - 1) * buckets) / span);
        sums[k]! += loss;
        counts[k]!++;
      }
    }
    for (let k = 0; k < buckets; k++) {
      if (counts[k]) {
        middle[k]!.values[s.id] = sums[k]! / counts[k]!;
        middle[k]!.seen = true;
      }
    }
  }
  return [first, ...middle.filter((row) => row.seen).map(({ iteration, values }) => ({ iteration, values })), last];
}

/** Several runs' epochs side by side, by epoch number: a row per number any run has, null where a run has none. */
export function alignEpochs(runs: readonly { id: number; epochs: readonly EpochMetric[] }[]): Comparison['epochs'] {
  const byEpoch = new Map<number, Comparison['epochs'][number]>();
  for (const { id, epochs } of runs) {
    for (const { epoch, ...values } of epochs) {
      let row = byEpoch.get(epoch);
      if (!row) {
        row = { epoch, values: Object.fromEntries(runs.map((r) => [r.id, null])) };
        byEpoch.set(epoch, row);
      }
      row.values[id] = values;
    }
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}
