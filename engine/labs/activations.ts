// The initialization lab's experiment (book §6.2.2, weight_init_activation_histogram.py): 1,000 random
// inputs of 100 features pass through 5 layers of 100 units (no biases, as in the book), with weights
// drawn from N(0, σ²) for a fixed σ (1, 0.01), Xavier's σ = √(1/n) or He's σ = √(2/n), and the
// activations of every layer are counted into histograms. Pure and seeded: the same seed gives the same
// numbers; the raw normal draws do not depend on the initialization, so two inits differ only by σ.

import { initStd, type InitSetting } from '../init';
import { Rng } from '../rng';

export type ActivationName = 'sigmoid' | 'tanh' | 'relu';

export const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu'];
/** The book's four initial weights: std 1, std 0.01, Xavier, He. */
export const INITS: readonly InitSetting[] = [1, 0.01, 'xavier', 'he'];

export interface ActivationSettings {
  activation: ActivationName;
  init: InitSetting;
  seed: number;
  /** Rows of the random input (the book: 1,000). */
  samples?: number;
  /** Units per layer, also the input's width (the book: 100). */
  units?: number;
  /** Hidden layers (the book: 5). */
  layers?: number;
  /** Histogram bins (the book: 30). */
  bins?: number;
}

export interface LayerHistogram {
  /** 1-based layer number. */
  layer: number;
  /** Equal-width bins over [lo, hi]; the last one includes hi. For ReLU, exact zeros are not in the bins. */
  counts: number[];
  /** Values in the bins. */
  binned: number;
  /** ReLU only: activations that are exactly 0 (a unit that is off); 0 for sigmoid and tanh. */
  zeros: number;
  /** Every activation of the layer (samples × units). */
  total: number;
  mean: number;
  std: number;
}

export interface ActivationResult {
  settings: Required<ActivationSettings>;
  /** The σ the weights were drawn with. */
  weightStd: number;
  /** The histogram range shared by the five layers. */
  lo: number;
  hi: number;
  layers: LayerHistogram[];
}

const activationFunctions: Record<ActivationName, (a: number) => number> = {
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  tanh: (a) => Math.tanh(a),
  relu: (a) => (a > 0 ? a : 0),
};

/**
 * The range the histograms are drawn over. Sigmoid (the book's) and tanh are bounded, so their whole
 * output range is used. ReLU is not: its range runs from 0 to the largest activation of any of the
 * five layers, rounded up to 1, 2 or 5 × 10ᵏ, so no value falls outside and a shrinking layer shows as shrinking.
 */
export function histogramRange(activation: ActivationName, largest: number): [number, number] {
  if (activation === 'sigmoid') return [0, 1];
  if (activation === 'tanh') return [-1, 1];
  return [0, niceCeiling(largest)];
}

/** The smallest of 1, 2, 5 × 10ᵏ that is ≥ value (1 for a value that is 0 or not finite). */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** Runs the book's experiment and returns one histogram per layer. */
export function simulateActivations(settings: ActivationSettings): ActivationResult {
  const s: Required<ActivationSettings> = { samples: 1000, units: 100, layers: 5, bins: 30, ...settings };
  if (!Number.isInteger(s.seed) || s.seed < 0) throw new Error('the seed must be a whole number ≥ 0');
  const n = s.units;
  const weightStd = initStd(s.init, n);
  const act = activationFunctions[s.activation];
  // Separate streams: the input does not change with anything but the seed, and the weights' raw
  // draws do not change with the initialization (only their scale σ does).
  const inputRng = new Rng(s.seed, 'activations:input');
  const weightRng = new Rng(s.seed, 'activations:weights');

  let x = new Float64Array(s.samples * n);
  for (let i = 0; i < x.length; i++) x[i] = inputRng.normal();

  const outputs: Float64Array[] = [];
  const w = new Float64Array(n * n);
  for (let layer = 0; layer < s.layers; layer++) {
    for (let i = 0; i < w.length; i++) w[i] = weightStd * weightRng.normal();
    const z = new Float64Array(s.samples * n);
    matmul(x, w, z, s.samples, n);
    for (let i = 0; i < z.length; i++) z[i] = act(z[i]!);
    outputs.push(z);
    x = z;
  }

  let largest = 0;
  for (const z of outputs) for (let i = 0; i < z.length; i++) if (z[i]! > largest) largest = z[i]!;
  const [lo, hi] = histogramRange(s.activation, largest);
  const layers = outputs.map((z, i) => countLayer(z, i + 1, lo, hi, s.bins, s.activation === 'relu'));
  return { settings: s, weightStd, lo, hi, layers };
}

/** out = x·w for x of rows × n and w of n × n (row-major), the plain i-k-j loop. */
function matmul(x: Float64Array, w: Float64Array, out: Float64Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * n;
    for (let k = 0; k < n; k++) {
      const xk = x[row + k]!;
      const wRow = k * n;
      for (let j = 0; j < n; j++) out[row + j]! += xk * w[wRow + j]!;
    }
  }
}

function countLayer(values: Float64Array, layer: number, lo: number, hi: number, bins: number, separateZeros: boolean): LayerHistogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  let zeros = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    if (separateZeros && v === 0) {
      zeros++;
      continue;
    }
    counts[Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)))]!++;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) * (values[i]! - mean);
  return { layer, counts, binned: values.length - zeros, zeros, total: values.length, mean, std: Math.sqrt(squares / values.length) };
}

/**
 * The fraction of a histogram's binned values whose bins lie wholly inside [from, to], read from the
 * counts alone (the value range of bin k is [lo + k·w, lo + (k+1)·w]).
 */
export function fractionBetween(result: Pick<ActivationResult, 'lo' | 'hi'>, layer: LayerHistogram, from: number, to: number): number {
  if (layer.binned === 0) return 0;
  const width = (result.hi - result.lo) / layer.counts.length;
  const tol = width * 1e-9;
  let inside = 0;
  layer.counts.forEach((count, k) => {
    const x0 = result.lo + k * width;
    const x1 = x0 + width;
    if (x0 >= from - tol && x1 <= to + tol) inside += count;
  });
  return inside / layer.binned;
}
