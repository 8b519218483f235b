// Small valid things to store: an experiment, a weights file for it, epoch metrics. No Node or test
// imports, so the bundled child process can use them too.

import type { Experiment } from '../../../engine/experiment';
import { Network } from '../../../engine/network';
import { exportWeights, weightsToJson } from '../../../engine/weights';
import type { EpochMetric } from '../../../main/api/contract';

export interface ExperimentOptions {
  lr?: number;
  units?: number;
  source?: string;
  seed?: number;
  trainLimit?: number;
  optimizer?: string;
}

/** A small valid experiment (2 inputs, 3 classes), as validateExperiment would store it. */
export function experiment(options: ExperimentOptions = {}): Experiment {
  return {
    format: 'dlab-experiment',
    version: 1,
    model: {
      input: [2],
      layers: [
        { type: 'affine', units: options.units ?? 8, init: 'he' },
        { type: 'relu' },
        { type: 'affine', units: 3, init: 'xavier' },
        { type: 'softmax-with-loss' },
      ],
    },
    data: { source: options.source ?? 'spiral', ...(options.trainLimit !== undefined ? { trainLimit: options.trainLimit } : {}) },
    training: { optimizer: { type: options.optimizer ?? 'sgd', lr: options.lr ?? 0.1 }, batchSize: 10, epochs: 3, weightDecay: 0, seed: options.seed ?? 1 },
  };
}

/** The text of a weights file for the experiment's model. */
export function weightsText(exp: Experiment, seed = 3): string {
  return weightsToJson(exportWeights(new Network(exp.model, { seed }), { test: true }));
}

export function epochMetric(epoch: number, iterationsPerEpoch = 10): EpochMetric {
  return {
    epoch,
    iteration: epoch * iterationsPerEpoch,
    trainLoss: 1 / (epoch + 1),
    trainAcc: 0.5 + epoch / 100,
    testAcc: 0.45 + epoch / 100,
    testLoss: 1.1 / (epoch + 1),
    seconds: 0.25 * epoch,
  };
}
