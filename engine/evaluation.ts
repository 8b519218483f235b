// A trained network measured in detail on a split: accuracy, loss, the confusion matrix (which
// digit was taken for which) and the samples it got wrong — what a learner looks at after training.

import { gatherBatch, type DataSplit } from './data/dataset';
import { crossEntropy } from './layers/SoftmaxWithLoss';
import type { Network } from './network';

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

export function evaluateDetailed(network: Network, split: DataSplit, inputShape: readonly number[], maxMistakes = 100): DetailedEvaluation {
  const classes = network.plan.classes;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const mistakes: DetailedEvaluation['mistakes'] = [];
  let correct = 0;
  let lossSum = 0;
  const batch = 500;
  for (let from = 0; from < split.count; from += batch) {
    const to = Math.min(split.count, from + batch);
    const { x, t } = gatherBatch(split, inputShape, null, from, to, network.dtype);
    const y = network.probabilities(x);
    lossSum += crossEntropy(y, t) * (to - from);
    for (let r = 0; r < to - from; r++) {
      let best = 0;
      for (let j = 1; j < classes; j++) if (y.data[r * classes + j] > y.data[r * classes + best]) best = j;
      confusion[t[r]][best]++;
      if (best === t[r]) correct++;
      else if (mistakes.length < maxMistakes) mistakes.push({ index: from + r, label: t[r], predicted: best, probability: y.data[r * classes + best] });
    }
  }
  const count = split.count;
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count, confusion, mistakes };
}
