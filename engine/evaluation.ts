// A trained network measured on a split: accuracy and loss (what every epoch reports), and in detail the
// confusion matrix (which digit was taken for which) and the samples it got wrong — what a learner looks
// at after training.
//
// The numbers are trainer.ts's `evaluate`, bit for bit: batches of 500 from the first sample, softmax
// and cross-entropy computed as SoftmaxWithLoss.ts computes them. What differs is the speed: a float32
// network on its fast layers runs FastInference (layers/fast/inference.ts) and every buffer — the
// batch, the probabilities — is kept from one batch to the next, so measuring allocates nothing per batch.

import type { DataSplit } from './data/dataset';
import { FastInference } from './layers/fast/inference';
import { softmaxInto } from './layers/SoftmaxWithLoss';
import type { Network } from './network';
import { BatchGatherer } from './parallel/gather';
import { sizeOf, type FloatArray, type Shape, type Tensor } from './tensor';

export interface DetailedEvaluation {
  accuracy: number;
  loss: number;
  correct: number;
  count: number;
  /** confusion[actual][predicted]: how many samples of class `actual` were predicted as `predicted`. */
  confusion: number[][];
  /** The first misclassified samples: index in the split, true label, prediction and its probability. */
  mistakes: { index: number; label: number; predicted: number; probability: number }[];
}

/** Samples per batch, as trainer.ts's `evaluate` takes them (the loss is summed batch by batch). */
export const EVALUATION_BATCH = 500;

/** What one pass over a range of a split adds up to. */
export interface EvaluationSums {
  correct: number;
  /** Σ over batches of (mean cross-entropy of the batch) × (its size). */
  lossSum: number;
  count: number;
}

/** Measures one network again and again (every epoch, or a whole split) without allocating per batch. */
export class Evaluator {
  private readonly inference: FastInference | null;
  private readonly gatherer: BatchGatherer;
  /** Values per sample. */
  private readonly size: number;
  private y: FloatArray | null = null;

  constructor(
    readonly network: Network,
    readonly inputShape: Shape,
  ) {
    this.inference = FastInference.supports(network) ? new FastInference(network) : null;
    this.gatherer = new BatchGatherer(inputShape, network.dtype);
    this.size = sizeOf(inputShape);
  }

  /**
   * Samples [start, end) of a split in batches of 500: accuracy, mean loss, and for each sample (when
   * `visit` is given) its label, the predicted class and that class's probability.
   */
  run(split: DataSplit, start = 0, end = split.count, visit?: (index: number, label: number, predicted: number, probability: number) => void): EvaluationSums {
    const classes = this.network.plan.classes;
    let correct = 0;
    let lossSum = 0;
    for (let from = start; from < end; from += EVALUATION_BATCH) {
      const to = Math.min(end, from + EVALUATION_BATCH);
      const n = to - from;
      // Pixel bytes go straight to a network that begins with affine layers (FastInference.predictPixels);
      // otherwise, or when it cannot take them, the batch is gathered as floats.
      const pixels =
        this.inference && split.x instanceof Uint8Array ? this.inference.predictPixels(bytesView(split.x, from * this.size, n * this.size), n) : null;
      const { x, t } = pixels ? { x: null, t: bytesView(split.y, from, n) } : this.gatherer.gather(split, null, from, to);
      const scores = pixels ?? (this.inference ? this.inference.predict(x!) : this.network.predict(x!, false));
      const y = this.softmax(scores, n, classes);
      // crossEntropy(y, t) of SoftmaxWithLoss.ts, times the batch size, as trainer.ts adds it up
      let logSum = 0;
      for (let r = 0; r < n; r++) logSum += Math.log(y[r * classes + t[r]!]! + 1e-7);
      lossSum += (-logSum / n) * n;
      for (let r = 0; r < n; r++) {
        const row = r * classes;
        let best = 0;
        for (let j = 1; j < classes; j++) if (y[row + j]! > y[row + best]!) best = j;
        if (best === t[r]) correct++;
        visit?.(from + r, t[r]!, best, y[row + best]!);
      }
    }
    return { correct, lossSum, count: end - start };
  }

  /** SoftmaxWithLoss.ts's softmax into a kept buffer. */
  private softmax(x: Tensor, n: number, classes: number): FloatArray {
    if (!this.y || this.y.length < n * classes || this.y instanceof Float64Array !== x.data instanceof Float64Array) {
      this.y =
        x.data instanceof Float64Array ? new Float64Array(Math.max(n, EVALUATION_BATCH) * classes) : new Float32Array(Math.max(n, EVALUATION_BATCH) * classes);
    }
    const y = this.y;
    softmaxInto(x.data, y, n, classes);
    return y;
  }
}

/**
 * `length` bytes of a split's pixels or labels from `start`, as a plain Uint8Array view: a Node Buffer's
 * subarray would build a Buffer through its species, costing as much as the copy it feeds.
 */
function bytesView(bytes: Uint8Array, start: number, length: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, length);
}

/** Accuracy and mean loss of samples [start, end): trainer.ts's `evaluate`, the same numbers. */
export function evaluateRange(
  evaluator: Evaluator,
  split: DataSplit,
  start = 0,
  end = split.count,
): { accuracy: number; loss: number; correct: number; count: number } {
  const { correct, lossSum, count } = evaluator.run(split, start, end);
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count };
}

/** The detailed measurement of samples [start, end) of a split (all of it by default), on this thread alone: what a shared measurement (evaluateTaking, mergeTaken) must come to. */
export function evaluateDetailed(
  network: Network,
  split: DataSplit,
  inputShape: readonly number[],
  maxMistakes = 100,
  start = 0,
  end = split.count,
): DetailedEvaluation & { lossSum: number } {
  const classes = network.plan.classes;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const mistakes: DetailedEvaluation['mistakes'] = [];
  const sums = new Evaluator(network, inputShape).run(split, start, end, (index, label, predicted, probability) => {
    confusion[label]![predicted]!++;
    if (predicted !== label && mistakes.length < maxMistakes) mistakes.push({ index, label, predicted, probability });
  });
  const { correct, lossSum, count } = sums;
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count, confusion, mistakes, lossSum };
}

/**
 * One split measured by several threads together: the batches of 500 are numbered, and each thread
 * takes the next one nobody has taken (an atomic counter) as soon as it has finished its last. A core
 * that runs faster, or that the rest of the machine leaves alone, simply measures more batches, where
 * fixed halves would leave it waiting for the slower one. Every batch's figures go into its own slot and
 * are added up afterwards in batch order, so the result is one thread's pass to the last bit.
 */
export interface SharedEvaluation {
  /** [0]: the number of the next batch to take. */
  next: Int32Array;
  /** Per batch b: [2b] its correct count, [2b + 1] its loss sum (its mean cross-entropy × its size). */
  sums: Float64Array;
}

/** The shared counter and slots for measuring a split of `count` samples. */
export function sharedEvaluation(count: number): SharedEvaluation {
  const batches = Math.ceil(count / EVALUATION_BATCH);
  return { next: new Int32Array(new SharedArrayBuffer(4)), sums: new Float64Array(new SharedArrayBuffer(Math.max(1, batches * 2) * 8)) };
}

/** What one thread saw of a shared measurement: the figures of each batch are in the shared slots. */
export interface TakenPart {
  confusion: number[][];
  /** This thread's first misclassified samples, in index order. */
  mistakes: DetailedEvaluation['mistakes'];
}

/**
 * Batches of a shared measurement of `split` measured on this thread until none is left (see
 * SharedEvaluation), each batch's figures written to its slot; `visit` sees every sample measured here.
 */
export function takeBatches(
  evaluator: Evaluator,
  split: DataSplit,
  shared: SharedEvaluation,
  visit?: (index: number, label: number, predicted: number, probability: number) => void,
): void {
  const batches = Math.ceil(split.count / EVALUATION_BATCH);
  if (shared.sums.length < 2 * batches)
    throw new Error(`a shared measurement for ${shared.sums.length / 2} batches cannot hold the ${batches} of ${split.count} samples`);
  for (let b = Atomics.add(shared.next, 0, 1); b < batches; b = Atomics.add(shared.next, 0, 1)) {
    const from = b * EVALUATION_BATCH;
    const { correct, lossSum } = evaluator.run(split, from, Math.min(split.count, from + EVALUATION_BATCH), visit);
    shared.sums[2 * b] = correct;
    shared.sums[2 * b + 1] = lossSum;
  }
}

/** The correct count and loss sum of a finished shared measurement of `count` samples: its batches' figures added up in batch order, as Evaluator.run adds them. */
export function sumTaken(shared: SharedEvaluation, count: number): EvaluationSums {
  let correct = 0,
    lossSum = 0;
  for (let b = 0; b < Math.ceil(count / EVALUATION_BATCH); b++) {
    correct += shared.sums[2 * b]!;
    lossSum += shared.sums[2 * b + 1]!;
  }
  return { correct, lossSum, count };
}

/** This thread's share of a shared measurement of `split` (see SharedEvaluation): batches until none is left. */
export function evaluateTaking(network: Network, split: DataSplit, inputShape: readonly number[], shared: SharedEvaluation, maxMistakes = 100): TakenPart {
  const classes = network.plan.classes;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const mistakes: DetailedEvaluation['mistakes'] = [];
  takeBatches(new Evaluator(network, inputShape), split, shared, (index, label, predicted, probability) => {
    confusion[label]![predicted]!++;
    if (predicted !== label && mistakes.length < maxMistakes) mistakes.push({ index, label, predicted, probability });
  });
  return { confusion, mistakes };
}

/**
 * The threads' parts of a shared measurement of `count` samples as one measurement. Each thread took its
 * batches in increasing order and kept its own first mistakes, so the first `maxMistakes` of all of
 * them, by index, are the split's first.
 */
export function mergeTaken(parts: TakenPart[], shared: SharedEvaluation, count: number, maxMistakes = 100): DetailedEvaluation {
  const classes = parts[0]?.confusion.length ?? 0;
  const confusion = Array.from({ length: classes }, (_, i) => Array.from({ length: classes }, (_, j) => parts.reduce((s, p) => s + p.confusion[i]![j]!, 0)));
  const { correct, lossSum } = sumTaken(shared, count);
  const mistakes = parts
    .flatMap((p) => p.mistakes)
    .sort((a, b) => a.index - b.index)
    .slice(0, maxMistakes);
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count, confusion, mistakes };
}
