// The training loop (book §4.5 and common/trainer.py): each epoch shuffles the training set, walks
// through it in mini-batches — gradient by backprop, then one optimizer step — and measures accuracy
// on the training and test splits. An epoch is ⌊N / batch⌋ full mini-batches, as the book's
// iter_per_epoch: the few samples left over are simply in another batch next epoch, where a ragged
// last batch of 4 would make one noisy step right before every measurement. The loop is a generator: the caller pulls one event at a time, so
// it can draw progress, pause, or stop (cancel) simply by not asking for more.

import { epochOrder, gatherBatch, type DataSplit, type Dataset } from './data/dataset';
import { LabError, labError } from './errors';
import type { TrainingSettings } from './experiment';
import type { ModelPlan } from './model';
import { Evaluator, evaluateRange } from './evaluation';
import type { Network } from './network';
import { BatchGatherer } from './parallel/gather';
import { fastOptimizer } from './fast/optimizers';
import { findOptimizerType } from './optimizers/registry';
import type { Optimizer } from './optimizers/Optimizer';
import { Rng } from './rng';
import { formatShape, sizeOf } from './tensor';

export interface IterationEvent {
  type: 'iteration';
  /** 1-based over the whole run. */
  iteration: number;
  epoch: number;
  loss: number;
}

export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  iteration: number;
  /** Mean of the epoch's mini-batch losses (cross-entropy + weight decay: what was minimised). */
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
  /** Mean cross-entropy on the test split. */
  testLoss: number;
}

export type TrainEvent = IterationEvent | EpochEvent;

export interface Evaluation {
  accuracy: number;
  loss: number;
  correct: number;
  count: number;
}

/** Refuses a model that does not fit the data, with the fix in the sentence. */
export function checkModelFitsData(plan: ModelPlan, dataset: Dataset): void {
  if (formatShape(plan.input) !== formatShape(dataset.inputShape)) {
    throw labError(
      'spec',
      'data.modelInputMismatch',
      {
        model: formatShape(plan.input),
        source: dataset.source,
        data: formatShape(dataset.inputShape),
        values: String(sizeOf(dataset.inputShape)),
        input: JSON.stringify(dataset.inputShape),
      },
      { path: 'model.input' },
    );
  }
  if (plan.classes !== dataset.classes) {
    throw labError(
      'spec',
      'data.classesMismatch',
      { scores: String(plan.classes), source: dataset.source, classes: String(dataset.classes) },
      { path: 'model.layers', layerIndex: plan.layers.length - 2 },
    );
  }
}

/**
 * The optimizer training runs: the readable one, or its fast twin where it has one (fast/optimizers.ts,
 * the same numbers). The one place training picks it — the one-thread trainer and every worker call this.
 */
export function createOptimizer(settings: TrainingSettings['optimizer']): Optimizer {
  const type = findOptimizerType(settings.type);
  if (!type) throw new LabError('spec', `Unknown optimizer "${settings.type}".`, { path: 'training.optimizer.type' });
  return fastOptimizer(type.create(settings));
}

/**
 * Whether an optimizer createOptimizer made can step on two workers' gradient shares itself (the fast
 * Adam: parallel/training.ts then hands it the shares instead of their sum). Asked here, beside where the
 * fast twin is chosen, so that nothing else looks at which side runs.
 */
export { takesShares } from './fast/optimizers';

/** Accuracy and mean cross-entropy of the network on a split (or samples start…end of it), at inference. */
export function evaluate(network: Network, split: DataSplit, inputShape: readonly number[], start = 0, end = split.count, batchSize = 500): Evaluation {
  let correct = 0;
  let lossSum = 0;
  for (let from = start; from < end; from += batchSize) {
    const to = Math.min(end, from + batchSize);
    const { x, t } = gatherBatch(split, inputShape, null, from, to, network.dtype);
    const s = network.score(x, t);
    correct += s.correct;
    lossSum += s.loss * (to - from);
  }
  const count = end - start;
  return { accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, correct, count };
}

export class Trainer {
  readonly iterationsPerEpoch: number;
  /** The experiment's batch size, or the whole training set when that is smaller. */
  readonly batchSize: number;
  private readonly optimizer: Optimizer;
  private readonly shuffleRng: Rng;

  constructor(
    readonly network: Network,
    readonly dataset: Dataset,
    readonly settings: TrainingSettings,
  ) {
    checkModelFitsData(network.plan, dataset);
    network.weightDecay = settings.weightDecay;
    this.optimizer = createOptimizer(settings.optimizer);
    this.shuffleRng = new Rng(settings.seed, 'shuffle');
    this.batchSize = Math.min(settings.batchSize, dataset.train.count);
    this.iterationsPerEpoch = Math.floor(dataset.train.count / this.batchSize);
  }

  get totalIterations(): number {
    return this.iterationsPerEpoch * this.settings.epochs;
  }

  /** Trains epoch by epoch; throws LabError('diverged') when the loss stops being a number. */
  *run(): Generator<TrainEvent, void, void> {
    const { network, dataset, settings } = this;
    const train = dataset.train;
    // `gatherBatch` and `evaluate` above, number for number, on buffers kept from one call to the next
    // (what the worker threads run: parallel/training.ts)
    const gatherer = new BatchGatherer(dataset.inputShape, network.dtype);
    const evaluator = new Evaluator(network, dataset.inputShape);
    let iteration = 0;
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const order = epochOrder(this.shuffleRng, train.count, this.iterationsPerEpoch * this.batchSize, settings.batches);
      let lossSum = 0;
      for (let step = 0; step < this.iterationsPerEpoch; step++) {
        const from = step * this.batchSize;
        const { x, t } = gatherer.gather(train, order, from, from + this.batchSize);
        const loss = network.gradient(x, t);
        iteration++;
        if (!Number.isFinite(loss)) throw divergence(loss, iteration);
        this.optimizer.update(network.params, network.grads);
        lossSum += loss;
        yield { type: 'iteration', iteration, epoch, loss };
      }
      const trainEval = evaluateRange(evaluator, train);
      const testEval = evaluateRange(evaluator, dataset.test);
      if (!Number.isFinite(testEval.loss)) throw divergence(testEval.loss, iteration);
      yield {
        type: 'epoch',
        epoch,
        iteration,
        trainLoss: lossSum / this.iterationsPerEpoch,
        trainAcc: trainEval.accuracy,
        testAcc: testEval.accuracy,
        testLoss: testEval.loss,
      };
    }
  }
}

function divergence(loss: number, iteration: number): LabError {
  const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
  return labError('diverged', 'train.lossNotFinite', { what, iteration: String(iteration) }, { iteration });
}
