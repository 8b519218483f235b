// The gradient check lab's arithmetic and formatting, without React: the models it offers, how many
// entries a check will compare, the numbers of the table, and the honest comparison of the two times
// (measured when every entry was checked; scaled by proportion — and said so — when only a sample was).

import { analyzeModel, type ModelSpec } from '../../../engine/model';
import { sizeOf } from '../../../engine/tensor';
import type { GradientCheckParam, GradientCheckReport } from '../../../main/api/contract';
import { GRADIENT_CHECK_BATCH_MAX, GRADIENT_CHECK_SAMPLES_MAX } from '../../../main/api/constants';
import { findPreset } from '../../model/presets';

export type ModelChoice = 'draft' | 'twoLayerNet' | 'convNet';

/** TwoLayerNet(784, 50, 10) as the book checks it in ch05/gradient_check.py (its first 3 training images). */
export function twoLayerNet(): ModelSpec {
  const preset = findPreset('twoLayerNet')!;
  return { input: [...preset.input], layers: preset.layers.map((l) => ({ ...l })) };
}

/**
 * The small SimpleConvNet of the book's ch07/gradient_check.py: a 1×10×10 input, 10 filters of 3×3, a
 * hidden layer of 10, weight_init_std 0.01. Its input is not MNIST-sized, so the check feeds it seeded
 * random images, as the book feeds it np.random.rand.
 */
export function smallConvNet(): ModelSpec {
  return {
    input: [1, 10, 10],
    layers: [
      { type: 'conv', filters: 10, kernel: 3, stride: 1, pad: 0, init: 0.01 },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2, stride: 2, pad: 0 },
      { type: 'affine', units: 10, init: 0.01 },
      { type: 'relu' },
      { type: 'affine', units: 10, init: 0.01 },
      { type: 'softmax-with-loss' },
    ],
  };
}

/** Entries the check will compare (samples per parameter, 0 = all) and the model's total; null if the model cannot be built. */
export function countEntries(model: ModelSpec, samples: number): { checked: number; total: number; params: number } | null {
  const analysis = analyzeModel(model);
  if (analysis.error) return null;
  let checked = 0;
  let total = 0;
  let params = 0;
  for (const layer of analysis.layers) {
    for (const p of layer.params) {
      const size = sizeOf(p.shape);
      params++;
      total += size;
      checked += samples > 0 ? Math.min(samples, size) : size;
    }
  }
  return { checked, total, params };
}

/** "1.23e-9"; exactly 0 stays "0". */
export function scientific(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(2).split('e') as [string, string];
  return `${mantissa}e${exponent.replace('+', '')}`;
}

/** "1e-5", "1.5e-7": scientific without trailing zeros, for constants in sentences. */
export function compactScientific(value: number): string {
  return scientific(value).replace(/\.?0+e/, 'e');
}

/** A duration the way people read one: "0.42 ms", "37 ms", "18.3 s". */
export function duration(ms: number, num: (value: number, digits?: number) => string): string {
  if (ms < 1) return `${num(ms, 2)} ms`;
  if (ms < 1000) return `${num(ms, ms < 10 ? 1 : 0)} ms`;
  return `${num(ms / 1000, ms < 10_000 ? 2 : 1)} s`;
}

export interface TimeComparison {
  /** Every entry was checked: the two times are for the same gradient, measured. */
  complete: boolean;
  numericalMs: number;
  backpropMs: number;
  /** The numerical time scaled to every entry (equal to numericalMs when complete). */
  numericalAllMs: number;
  /** How many times faster backprop computed the whole gradient. */
  ratio: number;
}

export function compareTimes(report: GradientCheckReport): TimeComparison {
  const complete = report.checkedEntries >= report.totalEntries;
  const numericalAllMs = complete ? report.numericalMs : (report.numericalMs * report.totalEntries) / Math.max(1, report.checkedEntries);
  // A backward pass faster than the clock can tell is still at least a microsecond.
  const ratio = numericalAllMs / Math.max(report.backpropMs, 1e-3);
  return { complete, numericalMs: report.numericalMs, backpropMs: report.backpropMs, numericalAllMs, ratio };
}

/** 1234.5 → "1,200", 56.7 → "57", 3.21 → "3.2": a ratio with no more precision than the clock has. */
export function roundRatio(ratio: number): number {
  if (ratio >= 1000) return Math.round(ratio / 100) * 100;
  if (ratio >= 10) return Math.round(ratio);
  return Math.round(ratio * 10) / 10;
}

export interface Row {
  name: string;
  shape: string;
  checked: number;
  total: number;
  atKinks: number;
  mean: string;
  max: string;
  relative: string;
  passed: boolean;
}

export function tableRows(report: GradientCheckReport): Row[] {
  return report.params.map((p: GradientCheckParam) => ({
    name: p.name,
    shape: p.shape.join('×'),
    checked: p.checked,
    total: p.total,
    atKinks: p.atKinks,
    mean: scientific(p.meanAbsDiff),
    max: scientific(p.maxAbsDiff),
    relative: scientific(p.maxRelError),
    passed: p.passed,
  }));
}

/** What the entries field means: a whole number of entries from 1 up, or null when the text is not one. */
export function readSamples(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= GRADIENT_CHECK_SAMPLES_MAX ? n : null;
}

export function readBatch(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= GRADIENT_CHECK_BATCH_MAX ? n : null;
}
