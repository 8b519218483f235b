// Axis ticks a person would write: steps of 1, 2, 2.5 or 5 times a power of ten, covering the data.
// Recharts' own ticks follow the data's exact extent (0 … 2.6 in steps of 0.65); these do not.

export interface NiceScale {
  min: number;
  max: number;
  ticks: number[];
}

/** Tick labels with the same number of decimals, as many as the ticks need: 0.80, 0.85 … 1.00. */
export function tickLabeller(ticks: readonly number[]): (value: number) => string {
  let decimals = 0;
  for (const t of ticks) {
    while (decimals < 6 && Math.abs(Number(t.toFixed(decimals)) - t) > 1e-9) decimals++;
  }
  return (value) => value.toFixed(decimals);
}

/** About `count` round ticks from a round number at or below `lo` to one at or above `hi`. */
export function niceScale(lo: number, hi: number, count = 5): NiceScale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-12) ?? 10 * power;
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return { min: ticks[0]!, max: ticks[ticks.length - 1]!, ticks };
}
