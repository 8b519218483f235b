// Weight histograms (the book's §6.2 pictures of activation and weight distributions): equal-width
// bins over the values' range, with the summary numbers a learner compares between layers.

export interface HistogramBin {
  /** Left edge, right edge and centre of the bin. */
  x0: number;
  x1: number;
  mid: number;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
}

/**
 * `bins` equal-width bins from min to max of the finite values (the last bin includes max).
 * All-equal values get one bin of width 1 around them, so the chart still has an axis.
 */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  if (!(bins >= 1)) throw new Error('a histogram needs at least one bin');
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  if (count === 0) return { bins: [], count: 0, min: 0, max: 0, mean: 0, std: 0 };
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) squares += (v - mean) * (v - mean);
  }
  const std = Math.sqrt(squares / count);

  let lo = min;
  let hi = max;
  let n = bins;
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
    n = 1;
  }
  const width = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const k = Math.min(n - 1, Math.floor((v - lo) / width));
    counts[k]!++;
  }
  const out = counts.map((c, k) => {
    const x0 = lo + k * width;
    const x1 = k === n - 1 ? hi : lo + (k + 1) * width;
    return { x0, x1, mid: (x0 + x1) / 2, count: c };
  });
  return { bins: out, count, min, max, mean, std };
}
