// The book's batch_norm_test (§6.3.2, figure 6-19) as experiments: for each initial weight scale, the
// same 5×100 ReLU network trained twice — with Batch Normalization after every hidden Affine and
// without — on the first 1,000 MNIST training samples, SGD 0.01, batch 100. Both runs of a pair share
// the seed, so they start from the same weights and see the same mini-batches. Pure data: the lab's
// page and the tests both build their runs here.

import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment } from '../experiment';
import type { LayerSpec, ModelSpec } from '../model';

/** The book's settings. `scales` weight scales from 10^0 down to 10^-4, as np.logspace(0, -4, num=16). */
export const BOOK_BATCHNORM = {
  scales: 16,
  fromExponent: 0,
  toExponent: -4,
  hiddenLayers: 5,
  units: 100,
  trainLimit: 1000,
  lr: 0.01,
  batchSize: 100,
  epochs: 20,
  seed: 1,
} as const;

/** Grid sizes a classroom can choose: the quick ones and the book's 16. Two runs each, at most 50 runs. */
export const SCALE_COUNTS = [2, 4, 8, 16] as const;
export const MAX_GRID_EPOCHS = 100;

/**
 * numpy's logspace: `num` powers of ten with exponents evenly spaced from `start` to `stop`, both ends
 * included. Negative powers are taken as 1 / 10^k so that whole exponents land exactly on 0.01, 1e-4…
 * (V8's 10 ** -4 is 0.00009999999999999999).
 */
export function logspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 1) throw new RangeError(`logspace needs a whole number of points, not ${num}`);
  const power = (e: number) => (e < 0 ? 1 / 10 ** -e : 10 ** e);
  if (num === 1) return [power(start)];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => power(i === num - 1 ? stop : start + i * step));
}

/** The grid's initial weight standard deviations, largest first: 1 … 1e-4. */
export function weightScales(count: number = BOOK_BATCHNORM.scales): number[] {
  return logspace(BOOK_BATCHNORM.fromExponent, BOOK_BATCHNORM.toExponent, count);
}

/** A scale as the book's subplot titles show it, to three significant digits: "0.0398", "0.0001". */
export function formatScale(scale: number): string {
  return String(Number(scale.toPrecision(3)));
}

/** Affine → [BatchNorm] → ReLU, five times, then Affine → Softmax-with-Loss; every Affine starts at `scale`. */
export function batchnormModel(scale: number, batchNorm: boolean): ModelSpec {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < BOOK_BATCHNORM.hiddenLayers; i++) {
    layers.push({ type: 'affine', units: BOOK_BATCHNORM.units, init: scale });
    if (batchNorm) layers.push({ type: 'batchnorm' });
    layers.push({ type: 'relu' });
  }
  layers.push({ type: 'affine', units: 10, init: scale }, { type: 'softmax-with-loss' });
  return { input: [1, 28, 28], layers };
}

export interface GridSettings {
  /** How many weight scales (2 runs each). */
  scales: number;
  epochs: number;
  seed?: number;
}

export interface GridMember {
  /** "W:0.0398 · BN" or "W:0.0398": the same in every language, and read back by parseGridLabel. */
  label: string;
  scale: number;
  batchNorm: boolean;
  experiment: Experiment;
}

const BN_MARK = ' · BN';

export function gridLabel(scale: number, batchNorm: boolean): string {
  return `W:${formatScale(scale)}${batchNorm ? BN_MARK : ''}`;
}

/** Reads a run's label back (a lab reopened finds its runs by name); null for a label of another kind. */
export function parseGridLabel(label: string): { scale: number; batchNorm: boolean } | null {
  const match = /^W:([0-9.e+-]+)( · BN)?$/.exec(label);
  if (!match) return null;
  const scale = Number(match[1]);
  return Number.isFinite(scale) && scale > 0 ? { scale, batchNorm: match[2] !== undefined } : null;
}

export function batchnormExperiment(scale: number, batchNorm: boolean, epochs: number, seed: number = BOOK_BATCHNORM.seed): Experiment {
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    name: `Batch Normalization, ${gridLabel(scale, batchNorm)}`,
    description: `The book's batch_norm_test (§6.3.2): 5 hidden layers of 100 ReLU units ${batchNorm ? 'with' : 'without'} Batch Normalization, every weight initialised with std ${formatScale(scale)}.`,
    model: batchnormModel(scale, batchNorm),
    data: { source: 'mnist', trainLimit: BOOK_BATCHNORM.trainLimit },
    training: { optimizer: { type: 'sgd', lr: BOOK_BATCHNORM.lr }, batchSize: BOOK_BATCHNORM.batchSize, epochs, weightDecay: 0, seed },
  };
}

/** The grid's runs, scale by scale (largest first), each scale's BN run before its plain twin. */
export function batchnormGrid({ scales, epochs, seed = BOOK_BATCHNORM.seed }: GridSettings): GridMember[] {
  return weightScales(scales).flatMap((scale) =>
    [true, false].map((batchNorm) => ({
      label: gridLabel(scale, batchNorm),
      scale,
      batchNorm,
      experiment: batchnormExperiment(scale, batchNorm, epochs, seed),
    })),
  );
}
