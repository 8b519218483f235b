// What a small histogram of the initialization lab shows, as pure functions: its bars (on a height
// shared by the row), the share under it (at the ends, or exact zeros for ReLU) and its numbers' format.

import { fractionBetween, type ActivationResult } from '../../../engine/labs/activations';

export const HIST_W = 160;
export const HIST_H = 80;

/** The share shown under a histogram: near the ends for sigmoid and tanh, exact zeros for ReLU. */
export function layerShare(result: ActivationResult, index: number): number {
  const layer = result.layers[index]!;
  if (result.settings.activation === 'relu') return layer.zeros / layer.total;
  return fractionBetween(result, layer, result.lo, result.lo + 0.1) + fractionBetween(result, layer, result.hi - 0.1, result.hi);
}

/** A standard deviation in three significant digits; powers of ten when it is tiny or huge. */
export function formatStd(value: number): string {
  if (value === 0) return '0';
  return value >= 1e-3 && value < 1e4 ? String(Number(value.toPrecision(3))) : value.toExponential(2);
}

export interface Bar {
  bin: number;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bars of layer `index`, scaled so the tallest bin of the whole row fills the chart's height. */
export function histogramBars(result: ActivationResult, index: number): Bar[] {
  const tallest = Math.max(1, ...result.layers.flatMap((l) => l.counts));
  const counts = result.layers[index]!.counts;
  const barW = HIST_W / counts.length;
  const bars: Bar[] = [];
  counts.forEach((count, bin) => {
    if (count === 0) return;
    const height = (count / tallest) * HIST_H;
    bars.push({ bin, count, x: bin * barW + 0.5, y: HIST_H - height, width: Math.max(0.5, barW - 1), height });
  });
  return bars;
}
