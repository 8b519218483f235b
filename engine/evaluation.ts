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
import type { FloatArray, Shape, Tensor } from './tensor';

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
const BATCH = 500;

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
  private y: FloatArray | null = null;

  constructor(readonly network: Network, readonly inputShape: Shape) {
    this.inference = FastInference.supports(network) ? new FastInference(network) : null;
    this.gatherer = new BatchGatherer(inputShape, network.dtype);
  }

  /**
   * Samples [start, end) of a split in batches of 500: accuracy, mean loss, and for each sample (when
   * `visit` is given) its label, the predicted class and that class's probability.
   */
  run(split: DataSplit, start = 0, end = split.count, visit?: (index: number, label: number, predicted: number, probability: number) => void): EvaluationSums {
    const classes = this.network.plan.classes;
    let correct = 0;
    let lossSum = 0;
    for (let from = start; from < end; from += BATCH) {
      const to = Math.min(end, from + BATCH);
      const n = to - from;
      const { x, t } = this.gatherer.gather(split, null, from, to);
      const scores = this.inference ? this.inference.predict(x) : this.network.predict(x, false);
      const y = this.softmax(scores, n, classes);
      // crossEntropy(y, t) of SoftmaxWithLoss.ts, times the batch size, as trainer.ts adds it up
      let logSum = 0;
      for (let r = 0; r < n; r++) logSum += Math.log(y[r * classes + t[r]] + 1e-7);
      lossSum += (-logSum / n) * n;
      for (let r = 0; r < n; r++) {
        const row = r * classes;
        let best = 0;
        for (let j = 1; j < classes; j++) if (y[row + j] > y[row + best]) best = j;
        if (best === t[r]) correct++;
        visit?.(from + r, t[r], best, y[row + best]);
      }
    }
    return { correct, lossSum, count: end - start };
  }

  /** SoftmaxWithLoss.ts's softmax into a kept buffer. */
  private softmax(x: Tensor, n: number, classes: number): FloatArray {
    if (!this.y || this.y.length < n * classes || (this.y instanceof Float64Array) !== (x.data instanceof Float64Array)) {
      this.y = x.data instanceof Float64Array ? new Float64Array(Math.max(n, BATCH) * classes) : new Float32Array(Math.max(n, BATCH) * classes);
    }
    const y = this.y;
    softmaxInto(x.data, y, n, classes);
    return y;
  }
}

/** Accuracy and mean loss of samples [start, end): trainer.ts's `evaluate`, the same numbers. */
export function evaluateRange(evaluator: Evaluator, split: DataSplit, start = 0, end = split.count): { accuracy: number; loss: number; correct: number; count: number } {
  const { correct, lossSum, count } = evaluator.run(split, start, end);
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count };
}

/** The detailed measurement of samples [start, end) of a split (all of it by default). */
export function evaluateDetailed(
  network: Network, split: DataSplit, inputShape: readonly number[], maxMistakes = 100, start = 0, end = split.count,
): DetailedEvaluation & { lossSum: number } {
  const classes = network.plan.classes;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const mistakes: DetailedEvaluation['mistakes'] = [];
  const sums = new Evaluator(network, inputShape).run(split, start, end, (index, label, predicted, probability) => {
    confusion[label][predicted]++;
    if (predicted !== label && mistakes.length < maxMistakes) mistakes.push({ index, label, predicted, probability });
  });
  const { correct, lossSum, count } = sums;
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count, confusion, mistakes, lossSum };
}

/** Parts of one split measured separately (by several workers, over consecutive ranges) as one measurement. */
export function mergeDetailed(parts: (DetailedEvaluation & { lossSum: number })[], maxMistakes = 100): DetailedEvaluation {
  const classes = parts[0]?.confusion.length ?? 0;
  const confusion = Array.from({ length: classes }, (_, i) => Array.from({ length: classes }, (_, j) => parts.reduce((s, p) => s + p.confusion[i][j], 0)));
  let correct = 0, count = 0, lossSum = 0;
  for (const p of parts) {
    correct += p.correct;
    count += p.count;
    lossSum += p.lossSum;
  }
  const mistakes = parts.flatMap((p) => p.mistakes).slice(0, maxMistakes);
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count, confusion, mistakes };
}
