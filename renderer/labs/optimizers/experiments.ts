// The optimizer lab's MNIST race as experiments (book §6.1.8, optimizer_compare_mnist.py): one network,
// one seed, one data set and batch size, and only the optimizer differs between the runs. Pure, so the
// "lockstep" claim is tested without React or a run manager.

import { BUNDLED_MNIST_SPLIT, SEED_MAX } from '../../../main/api/constants';
import type { Experiment } from '../../../engine/experiment';
import type { LayerSpec } from '../../../engine/model';
import { findOptimizerType, optimizerTypes, type OptimizerTypeName } from '../../../engine/optimizers/registry';
import type { GroupMember } from '../common/runGroup';

/** Every optimizer of the engine, in its family-tree order (the order of the colours too). */
export const OPTIMIZER_ORDER: readonly OptimizerTypeName[] = optimizerTypes.map((o) => o.type);

/** The four the book races; the lab starts with these ticked. */
export const BOOK_OPTIMIZERS: readonly OptimizerTypeName[] = ['sgd', 'momentum', 'adagrad', 'adam'];

/** The bundled MNIST's training split holds this many images. */
export const MNIST_TRAIN_SIZE = BUNDLED_MNIST_SPLIT.train;

/**
 * Learning rates on MNIST: each optimizer's default from the registry, which for SGD, Momentum, AdaGrad
 * (0.01) and Adam (0.001) are the book's optimizer_compare_mnist.py rates; Nesterov and RMSProp 0.01
 * like the book's classes, AdaDelta 1, Nadam 0.002.
 */
export function mnistLearningRate(type: string): number {
  const lr = findOptimizerType(type)?.fields.find((f) => f.name === 'lr')?.default;
  if (typeof lr !== 'number') throw new Error(`unknown optimizer "${type}"`);
  return lr;
}

export interface RaceSettings {
  optimizers: readonly string[];
  epochs: number;
  trainLimit: number;
  seed: number;
}

export const defaultRace: RaceSettings = { optimizers: BOOK_OPTIMIZERS, epochs: 3, trainLimit: MNIST_TRAIN_SIZE, seed: 1 };

/** The book's MultiLayerNet: 784 → four hidden layers of 100 ReLU units (He init, its default) → 10. */
export function raceLayers(): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < 4; i++) layers.push({ type: 'affine', units: 100, init: 'he' }, { type: 'relu' });
  layers.push({ type: 'affine', units: 10, init: 'he' }, { type: 'softmax-with-loss' });
  return layers;
}

export type RaceProblem = 'noOptimizer' | 'epochs' | 'trainLimit' | 'seed';

/** What is wrong with the settings, or null: each problem has a sentence in the lab's text. */
export function checkRace(settings: RaceSettings): RaceProblem | null {
  if (settings.optimizers.length === 0) return 'noOptimizer';
  if (!Number.isInteger(settings.epochs) || settings.epochs < 1 || settings.epochs > 100) return 'epochs';
  if (!Number.isInteger(settings.trainLimit) || settings.trainLimit < 1 || settings.trainLimit > MNIST_TRAIN_SIZE) return 'trainLimit';
  if (!Number.isInteger(settings.seed) || settings.seed < 0 || settings.seed > SEED_MAX) return 'seed';
  return null;
}

/** One run per chosen optimizer (in registry order), identical but for training.optimizer. */
export function raceMembers(settings: RaceSettings): GroupMember[] {
  const chosen = OPTIMIZER_ORDER.filter((type) => settings.optimizers.includes(type));
  return chosen.map((type) => {
    const label = findOptimizerType(type)?.label ?? type;
    const experiment: Experiment = {
      format: 'dlab-experiment',
      version: 1,
      name: `Optimizer race: ${label}`,
      description: "The book's optimizer_compare_mnist: a 5-layer net of 100 ReLU units, batch 128; only the optimizer differs.",
      model: { input: [1, 28, 28], layers: raceLayers() },
      data: { source: 'mnist', trainLimit: settings.trainLimit },
      training: { optimizer: { type, lr: mnistLearningRate(type) }, batchSize: 128, epochs: settings.epochs, weightDecay: 0, seed: settings.seed },
    };
    // One thread each, so two runs train at once on a two-core machine.
    return { label, experiment, workers: 1 };
  });
}
