// Gradient check (book §4.4 and §5.7.3): the numerical gradient — nudge one parameter by ±h and
// watch the loss, (f(w + h) − f(w − h)) / 2h — is slow but hard to get wrong; backpropagation is fast
// but easy to get wrong. Comparing the two, parameter by parameter, is how a layer earns our trust.
// Run it on a float64 network: in float32 the difference quotient drowns in round-off.

import type { Network } from './network';
import { Rng } from './rng';
import type { FloatArray, Tensor } from './tensor';

/** Central difference ∂f/∂x[i] for each index i, restoring x afterwards. */
export function numericalGradient(f: () => number, x: FloatArray, indices: ArrayLike<number>, h = 1e-4): Float64Array {
  const grad = new Float64Array(indices.length);
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n]!;
    const saved = x[i]!;
    x[i] = saved + h;
    const plus = f();
    x[i] = saved - h;
    const minus = f();
    x[i] = saved;
    grad[n] = (plus - minus) / (2 * h);
  }
  return grad;
}

/**
 * How far apart two gradient values are, relative to their size: |a − b| / max(|a|, |b|, floor).
 * The floor keeps values that are both next to zero from looking wildly different: a difference
 * quotient carries round-off of about 1e-16·|loss|/h ≈ 1e-11, so a true gradient of 0 may read as 1e-11.
 */
export const RELATIVE_ERROR_FLOOR = 1e-4;

export function relativeError(a: number, b: number, floor = RELATIVE_ERROR_FLOOR): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

export interface ParamCheck {
  name: string;
  shape: readonly number[];
  /** How many of the parameter's entries were looked at. */
  checked: number;
  /** Of those, how many sat on a kink of the loss (not smooth there: no verdict possible). */
  atKinks: number;
  total: number;
  meanAbsDiff: number;
  maxAbsDiff: number;
  maxRelError: number;
  passed: boolean;
}

export interface GradientCheckResult {
  params: ParamCheck[];
  tolerance: number;
  passed: boolean;
  /** Wall-clock time of the numerical and the backprop gradients — why backpropagation exists. */
  numericalMs: number;
  backpropMs: number;
}

export interface GradientCheckOptions {
  /** Entries compared per parameter (chosen at random, seeded); 0 or Infinity ⇒ all of them. */
  samples?: number;
  /** The largest relative error that still passes. */
  tolerance?: number;
  h?: number;
  seed?: number;
  /** Monotonic milliseconds; the engine has no clock of its own. */
  now?: () => number;
}

export const DEFAULT_TOLERANCE = 1e-5;
/** More entries on kinks than this means the check could not see enough to pass. */
export const MAX_KINK_FRACTION = 0.05;
/**
 * The book nudges by h = 1e-4. In float64 a smaller step is as accurate and far less likely to step
 * across a ReLU or max-pooling kink, where the difference quotient is wrong though backprop is right.
 */
export const DEFAULT_H = 1e-5;

/** Compares backprop with the numerical gradient for every parameter of `network` on one batch. */
export function gradientCheck(network: Network, x: Tensor, t: ArrayLike<number>, options: GradientCheckOptions = {}): GradientCheckResult {
  if (network.dtype !== 'float64') throw new Error('gradientCheck needs a float64 network');
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const now = options.now ?? (() => 0);
  const pick = new Rng(options.seed ?? 0, 'gradcheck');

  // Dropout must draw the same mask on every evaluation, and BatchNorm's running statistics must
  // come out as they went in: the check observes the network, it does not train it.
  // It also compares against the exact cross-entropy −log y, whose gradient backprop computes: the
  // book's log(y + 1e-7) differs from it by up to 1e-7/y, which would read as a backprop error.
  const maskState = network.rng.getState();
  const savedDelta = network.lossLayer.delta;
  network.lossLayer.delta = 0;
  const savedBuffers = Object.values(network.buffers).map((b) => b.data.slice());
  const restore = () => {
    network.lossLayer.delta = savedDelta;
    network.rng.setState(maskState);
    Object.values(network.buffers).forEach((b, i) => b.data.set(savedBuffers[i]!));
  };
  const lossAt = () => {
    network.lossLayer.delta = 0;
    network.rng.setState(maskState);
    return network.loss(x, t, true);
  };

  const backpropStart = now();
  restore();
  network.lossLayer.delta = 0;
  network.gradient(x, t);
  const backpropMs = now() - backpropStart;

  let numericalMs = 0;
  const params: ParamCheck[] = [];
  const h = options.h ?? DEFAULT_H;
  for (const [name, param] of Object.entries(network.params)) {
    const indices = chooseIndices(param.size, options.samples ?? 0, pick);
    const start = now();
    const numerical = numericalGradient(lossAt, param.data, indices, h);
    const backprop = network.grads[name]!.data;
    let sumAbs = 0,
      maxAbs = 0,
      maxRel = 0,
      kinks = 0,
      compared = 0;
    for (let n = 0; n < indices.length; n++) {
      const b = backprop[indices[n]!]!;
      let estimate = numerical[n]!;
      if (relativeError(estimate, b) > tolerance) {
        // A step of ±h may have crossed a kink (ReLU at 0, a change of winner in max pooling), where
        // the difference quotient is wrong though backprop is right. A ten times smaller step tells:
        // if it agrees with backprop, the first step crossed a kink; if it disagrees with the first
        // estimate as well, the loss is not smooth here and this entry cannot be judged.
        const finer = numericalGradient(lossAt, param.data, [indices[n]!], h / 10)[0]!;
        if (relativeError(finer, b) <= tolerance) estimate = finer;
        else if (relativeError(finer, estimate) > tolerance) {
          kinks++;
          continue;
        }
      }
      compared++;
      const diff = Math.abs(estimate - b);
      sumAbs += diff;
      maxAbs = Math.max(maxAbs, diff);
      maxRel = Math.max(maxRel, relativeError(estimate, b));
    }
    numericalMs += now() - start;
    params.push({
      name,
      shape: param.shape,
      checked: indices.length,
      total: param.size,
      atKinks: kinks,
      meanAbsDiff: compared ? sumAbs / compared : 0,
      maxAbsDiff: maxAbs,
      maxRelError: maxRel,
      passed: maxRel <= tolerance && kinks <= MAX_KINK_FRACTION * indices.length,
    });
  }
  restore();
  return { params, tolerance, passed: params.every((p) => p.passed), numericalMs, backpropMs };
}

/**
 * Moves every bias (and BatchNorm beta) off zero, to N(0, std²). Freshly initialised biases are 0, and
 * a blank patch of an image (most of an MNIST digit) then feeds a ReLU exactly 0: its kink, where the
 * difference quotient averages the two sides while backprop takes one. A check at a point off the
 * kinks tests the same backward pass without that artefact.
 */
export function randomizeBiases(network: Network, seed: number, std = 0.1): void {
  const rng = new Rng(seed, 'gradcheck-biases');
  for (const [name, param] of Object.entries(network.params)) {
    if (!/^(b|beta)\d+$/.test(name)) continue;
    for (let i = 0; i < param.size; i++) param.data[i] = std * rng.normal();
  }
}

function chooseIndices(size: number, samples: number, rng: Rng): Uint32Array {
  if (!samples || samples >= size) return Uint32Array.from({ length: size }, (_, i) => i);
  return rng.permutation(size).subarray(0, samples).sort();
}
