// The book's overfit_weight_decay and overfit_dropout (§6.4) as experiments: a network far too big for
// its data — 6 hidden layers of 100 ReLU units trained on only the first 300 MNIST samples, SGD 0.01,
// batch 100 — learns the training set by heart while the test accuracy stays far below. Weight decay
// (λ on every weight, not on biases) and Dropout (after every hidden ReLU) are the two cures the lab
// lets a learner switch on. Pure data: the lab's page and the engine test build their runs here.

import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment } from '../experiment';
import type { LayerSpec, ModelSpec } from '../model';

export const BOOK_OVERFITTING = {
  trainLimit: 300,
  hiddenLayers: 6,
  units: 100,
  lr: 0.01,
  batchSize: 100,
  epochs: 201,
  /** The book's λ in overfit_weight_decay.py. */
  weightDecay: 0.1,
  /** The book's dropout_ratio in overfit_dropout.py. */
  dropout: 0.2,
  seed: 1,
} as const;

export const MAX_OVERFITTING_EPOCHS = 1000;
/** The experiment file's bound on λ; the lab's slider stops far below it. */
export const MAX_WEIGHT_DECAY = 100;

export interface Regularisation {
  /** λ of ½λ‖W‖² (0 = off). */
  weightDecay: number;
  /** Fraction of activations dropped while training (0 = off); must be below 1. */
  dropout: number;
}

export interface OverfittingSettings extends Regularisation {
  epochs: number;
  seed?: number;
}

/** Affine → ReLU → [Dropout], six times, then Affine → Softmax-with-Loss; He initial weights as the book's MultiLayerNet. */
export function overfittingModel(dropout: number): ModelSpec {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < BOOK_OVERFITTING.hiddenLayers; i++) {
    layers.push({ type: 'affine', units: BOOK_OVERFITTING.units, init: 'he' }, { type: 'relu' });
    if (dropout > 0) layers.push({ type: 'dropout', ratio: dropout });
  }
  layers.push({ type: 'affine', units: 10, init: 'he' }, { type: 'softmax-with-loss' });
  return { input: [1, 28, 28], layers };
}

export function isRegularised({ weightDecay, dropout }: Regularisation): boolean {
  return weightDecay > 0 || dropout > 0;
}

/** "λ = 0.1, dropout 0.2", "λ = 0.1", "dropout 0.2", or "none": language-free, as run names show it. */
export function regularisationLabel({ weightDecay, dropout }: Regularisation): string {
  const parts = [weightDecay > 0 ? `λ = ${weightDecay}` : '', dropout > 0 ? `dropout ${dropout}` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

export function overfittingExperiment({ weightDecay, dropout, epochs, seed = BOOK_OVERFITTING.seed }: OverfittingSettings): Experiment {
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    name: `Overfitting, regularisation: ${regularisationLabel({ weightDecay, dropout })}`,
    description: `The book's overfitting setup (§6.4): 6 hidden layers of 100 ReLU units on only ${BOOK_OVERFITTING.trainLimit} training samples.`,
    model: overfittingModel(dropout),
    data: { source: 'mnist', trainLimit: BOOK_OVERFITTING.trainLimit },
    training: { optimizer: { type: 'sgd', lr: BOOK_OVERFITTING.lr }, batchSize: BOOK_OVERFITTING.batchSize, epochs, weightDecay, seed },
  };
}

export interface OverfittingMember {
  label: string;
  regularised: boolean;
  experiment: Experiment;
}

/**
 * One press of Run: the plain network and the regularised one, same seed (same initial weights and
 * mini-batches), so the only difference between the two curves is the cure. Nothing to compare — and
 * so no runs — when both cures are off.
 */
export function overfittingPair(settings: OverfittingSettings): OverfittingMember[] {
  if (!isRegularised(settings)) return [];
  const plain = { ...settings, weightDecay: 0, dropout: 0 };
  return [
    { label: regularisationLabel(plain), regularised: false, experiment: overfittingExperiment(plain) },
    { label: regularisationLabel(settings), regularised: true, experiment: overfittingExperiment(settings) },
  ];
}

/** train − test accuracy: how much of what the network learned is memorised, not general. */
export function accuracyGap(trainAcc: number, testAcc: number): number {
  return trainAcc - testAcc;
}
