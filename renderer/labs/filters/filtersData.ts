// The filters lab without React: the SimpleConvNet experiment the lab trains (the settings of
// examples/simple-convnet.dlab.json, with fewer epochs and images), which stored runs it can show, and
// numbers → pictures: each filter and each feature map scaled to its own minimum and maximum, as the
// book's filter_show lets matplotlib's imshow do.

import simpleConvNet from '../../../examples/simple-convnet.dlab.json';
import { validateExperiment, type Experiment } from '../../../engine/experiment';
import { firstConv, type FeatureMaps, type FirstConv } from '../../../engine/labs/filtersNetwork';
import type { RunDetail, RunSummary } from '../../../main/api/contract';
import { grayImage, weightImages, type RgbaImage } from '../../charts/imageData';

/** Training images the lab offers (MNIST has 8,004 bundled); "all" leaves trainLimit out. */
export const TRAIN_LIMITS = [300, 1000, 3000, 'all'] as const;
export type TrainLimit = (typeof TRAIN_LIMITS)[number];
export const EPOCHS = [1, 2, 3, 5] as const;
/** The book's SimpleConvNet weight_init_std = 0.01 (the lab's default), or the example's He initialisation. */
export const INITS = [0.01, 'he'] as const;
export type ConvInit = (typeof INITS)[number];

/**
 * What the lab trains unless told otherwise: the book's std 0.01, under which figure 7-9's change shows
 * (2 epochs of 3,000 images move the filters by several times their starting size, where He's larger
 * start moves them by a few percent and before and after look alike).
 */
export const DEFAULT_FILTER_TRAINING: { epochs: (typeof EPOCHS)[number]; trainLimit: TrainLimit; init: ConvInit } = { epochs: 2, trainLimit: 3000, init: 0.01 };

/**
 * The book's SimpleConvNet as examples/simple-convnet.dlab.json sets it up, trained for a few epochs;
 * `init` replaces the initial weights of every layer that has them (the example's He, or the book's 0.01).
 */
export function convNetExperiment(epochs: number, trainLimit: TrainLimit, init: ConvInit = 'he'): Experiment {
  const base = validateExperiment(simpleConvNet).experiment;
  return {
    ...base,
    model: { ...base.model, layers: base.model.layers.map((l) => ('init' in l && l.init !== undefined ? { ...l, init } : l)) },
    data: trainLimit === 'all' ? { source: 'mnist' } : { source: 'mnist', trainLimit },
    training: { ...base.training, epochs },
  };
}

const LIVE = new Set(['queued', 'running', 'paused']);

/** A run the lab can show: its model starts with a convolution, and it has weights (stored, or live). */
export function showableConv(run: RunSummary, detail: Pick<RunDetail, 'experiment'>): FirstConv | null {
  if (!run.hasWeights && !LIVE.has(run.status)) return null;
  try {
    return firstConv(detail.experiment.model);
  } catch {
    return null;
  }
}

/**
 * The first layer's filters [F, C, kh, kw] as pictures, each stretched between its own smallest and
 * largest weight and drawn dark for large weights (the book's gray_r), so every filter shows its
 * pattern whatever its scale — and no two filters can be compared by brightness.
 */
export function filterPictures(shape: readonly number[], data: ArrayLike<number>): RgbaImage[] {
  return weightImages(shape, data, [shape[1]!, shape[2]!, shape[3]!], shape[0]);
}

/** One picture per feature map, each stretched over its own range (bright = large). */
export function mapPictures(maps: FeatureMaps): RgbaImage[] {
  const [f, h, w] = maps.shape;
  return Array.from({ length: f }, (_, i) => grayImage(maps.data, w, h, {}, i * h * w));
}

/** The smallest and largest value of map (or filter) i of a [count, …] block: what black and white stand for. */
export function rangeOf(data: ArrayLike<number>, index: number, size: number): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = index * size; i < (index + 1) * size; i++) {
    lo = Math.min(lo, data[i]!);
    hi = Math.max(hi, data[i]!);
  }
  return [lo, hi];
}

/** How far training moved the filters: ‖after − before‖ / ‖before‖ over all of them. */
export function relativeChange(before: ArrayLike<number>, after: ArrayLike<number>): number {
  if (before.length !== after.length) throw new Error(`the weights have ${before.length} and ${after.length} values`);
  let moved = 0,
    size = 0;
  for (let i = 0; i < before.length; i++) {
    moved += (after[i]! - before[i]!) ** 2;
    size += before[i]! ** 2;
  }
  return size > 0 ? Math.sqrt(moved / size) : 0;
}

/** 0.01234 → "1.23%", as the lab prints the change. */
export const formatChange = (value: number): string => `${(value * 100).toFixed(2)}%`;
