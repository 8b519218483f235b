// Small 2-D classification sets, drawn on the spot: a learner can watch a decision boundary form in
// seconds. The same settings always give the same points — the seeds are derived from the name and the
// number of samples — so a run can be repeated and shared.
//
// `noise` is the standard deviation of Gaussian jitter added to both coordinates of every point: each
// coordinate gets noise × z, where z is a standard normal draw from a jitter stream of its own. Neither
// the seeds nor the draws depend on the noise, so a noise slider shows the very same points, in the same
// order and classes, getting noisier: point i at noise 0.2 is point i at noise 0 plus twice its jitter at
// noise 0.1 (up to the Float32 rounding of the stored coordinates).
// Classes are balanced (counts differ by at most one) in the whole set and in each split; the points of
// each split are shuffled; the last 20 % (rounded) of the points form the test split.

import { labError } from '../errors';
import { describeValue } from '../fields';
import { Rng } from '../rng';
import type { Dataset, DataSplit } from './dataset';
import { groupDigits } from './idx';

export const toyNames = ['spiral', 'circles', 'xor', 'blobs'] as const;
export type ToyName = (typeof toyNames)[number];

export interface ToySettings {
  /** Total number of points, training and test together. */
  samples: number;
  /** Standard deviation of the Gaussian jitter on each coordinate. */
  noise: number;
}

export const toyDefaults: Readonly<Record<ToyName, Readonly<ToySettings>>> = {
  spiral: { samples: 300, noise: 0.1 },
  circles: { samples: 300, noise: 0.1 },
  xor: { samples: 300, noise: 0.1 },
  blobs: { samples: 300, noise: 0.1 },
};

export const toyClasses: Readonly<Record<ToyName, number>> = { spiral: 3, circles: 2, xor: 2, blobs: 3 };

export const toyDescriptions: Readonly<Record<ToyName, string>> = {
  spiral: 'Spiral: three interleaved spiral arms, one class each (the cs231n example); a straight line cannot separate them.',
  circles: 'Circles: a ring of radius 0.5 inside a ring of radius 1, two classes.',
  xor: 'XOR: points in the four quadrants, one class where x and y have the same sign, the other where they differ.',
  blobs: 'Blobs: three round Gaussian clusters, one class each; almost linearly separable.',
};

export const TOY_SAMPLES_MIN = 10;
export const TOY_SAMPLES_MAX = 100_000;
export const TOY_NOISE_MAX = 2;
export const TOY_TEST_FRACTION = 0.2;

/** The seed every toy set starts from; the stream names add the name and the number of samples (never the noise). */
const TOY_SEED = 0x70e5;

export function isToyName(name: string): name is ToyName {
  return (toyNames as readonly string[]).includes(name);
}

/** How many of `samples` points form the test split. */
export function toyTestCount(samples: number): number {
  return Math.round(samples * TOY_TEST_FRACTION);
}

type Generator = (classIndex: number, i: number, count: number, rng: Rng, out: Float64Array, at: number) => void;

// Each generator writes the noiseless point number i (of `count`) of one class to out[at], out[at + 1].
const generators: Record<ToyName, Generator> = {
  // cs231n: radius from 0 to 1 along the arm, angle from 4k to 4k + 4 radians.
  spiral(k, i, count, _rng, out, at) {
    const r = count > 1 ? i / (count - 1) : 0;
    const t = 4 * k + 4 * r;
    out[at] = r * Math.sin(t);
    out[at + 1] = r * Math.cos(t);
  },
  circles(k, _i, _count, rng, out, at) {
    const radius = k === 0 ? 0.5 : 1;
    const angle = 2 * Math.PI * rng.uniform();
    out[at] = radius * Math.cos(angle);
    out[at + 1] = radius * Math.sin(angle);
  },
  // Class 0 in the quadrants where x and y share a sign, class 1 in the others; a margin of 0.1 keeps
  // the noiseless points off the axes.
  xor(k, _i, _count, rng, out, at) {
    const sx = rng.uniform() < 0.5 ? -1 : 1;
    const sy = k === 0 ? sx : -sx;
    out[at] = sx * (0.1 + 0.9 * rng.uniform());
    out[at + 1] = sy * (0.1 + 0.9 * rng.uniform());
  },
  // Centres on a circle of radius 0.75, 120° apart; each cluster has a spread of 0.2 of its own, so the
  // clusters are round even without noise.
  blobs(k, _i, _count, rng, out, at) {
    const angle = Math.PI / 2 + (2 * Math.PI * k) / 3;
    out[at] = 0.75 * Math.cos(angle) + 0.2 * rng.normal();
    out[at + 1] = 0.75 * Math.sin(angle) + 0.2 * rng.normal();
  },
};

function checkSettings(name: string, settings: ToySettings): void {
  if (!isToyName(name)) {
    throw labError('data', 'data.toyUnknown', { name, toys: toyNames.join(', ') });
  }
  const { samples, noise } = settings;
  if (typeof samples !== 'number' || !Number.isInteger(samples) || samples < TOY_SAMPLES_MIN || samples > TOY_SAMPLES_MAX) {
    throw labError('data', 'data.toySamples', { name, min: String(TOY_SAMPLES_MIN), max: groupDigits(TOY_SAMPLES_MAX), value: describeValue(samples) });
  }
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0 || noise > TOY_NOISE_MAX) {
    throw labError('data', 'data.toyNoise', { name, max: String(TOY_NOISE_MAX), value: describeValue(noise) });
  }
}

export function makeToyDataset(name: ToyName, settings: ToySettings): Dataset {
  checkSettings(name, settings);
  const { samples, noise } = settings;
  const classes = toyClasses[name];
  // The layout (noiseless points, shuffles, class order) and the jitter come from two streams, neither
  // seeded by the noise; every point takes its two jitter draws whatever the noise, even 0.
  const rng = new Rng(TOY_SEED, `toy:${name}:${samples}`);
  const jitter = new Rng(TOY_SEED, `toy:${name}:${samples}:jitter`);
  const generate = generators[name];

  // Points of each class, in the order the generator draws them, then shuffled within the class.
  const perClass: Float64Array[] = [];
  for (let k = 0; k < classes; k++) {
    const count = Math.floor(samples / classes) + (k < samples % classes ? 1 : 0);
    const points = new Float64Array(2 * count);
    for (let i = 0; i < count; i++) {
      generate(k, i, count, rng, points, 2 * i);
      points[2 * i]! += noise * jitter.normal();
      points[2 * i + 1]! += noise * jitter.normal();
    }
    const order = rng.permutation(count);
    const shuffled = new Float64Array(2 * count);
    for (let i = 0; i < count; i++) {
      shuffled[2 * i] = points[2 * order[i]!]!;
      shuffled[2 * i + 1] = points[2 * order[i]! + 1]!;
    }
    perClass.push(shuffled);
  }

  // Slot s takes the next point of class s mod K: any run of consecutive slots is balanced to within one
  // point per class, so both splits are balanced; then each split is shuffled on its own.
  const testCount = toyTestCount(samples);
  const trainCount = samples - testCount;
  const taken = new Array<number>(classes).fill(0);
  const split = (from: number, count: number): DataSplit => {
    const order = rng.permutation(count);
    const x = new Float32Array(2 * count);
    const y = new Uint8Array(count);
    for (let r = 0; r < count; r++) {
      const k = (from + r) % classes;
      const j = taken[k]!++;
      const o = order[r]!;
      x[2 * o] = perClass[k]![2 * j]!;
      x[2 * o + 1] = perClass[k]![2 * j + 1]!;
      y[o] = k;
    }
    return { x, y, count };
  };
  const train = split(0, trainCount);
  const test = split(trainCount, testCount);

  return {
    source: name,
    description: `${toyDescriptions[name]} ${groupDigits(samples)} points, noise ${noise}.`,
    inputShape: [2],
    classes,
    train,
    test,
  };
}
