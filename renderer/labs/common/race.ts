// What every MNIST race of the labs shares (the optimizer lab's, book §6.1.8, and the initialization
// lab's, §6.2.4): the book's MultiLayerNet they all train, and the check of the numbers the learner
// types. Pure, so each lab's "lockstep" claim is tested without React or a run manager.

import type { InitSetting } from '../../../engine/init';
import { BUNDLED_MNIST_SPLIT, SEED_MAX } from '../../../main/api/constants';
import type { LayerSpec } from '../../../engine/model';

/** The numbers every race asks for (RaceFields.tsx keeps them as typed). */
export interface RaceNumbers {
  epochs: number;
  trainLimit: number;
  seed: number;
}

/** The bundled MNIST's training split holds this many images. */
export const MNIST_TRAIN_SIZE = BUNDLED_MNIST_SPLIT.train;

/** The book's MultiLayerNet: 784 → four hidden layers of 100 ReLU units → 10, every affine layer started by `init`. */
export function multiLayerNet(init: InitSetting): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < 4; i++) layers.push({ type: 'affine', units: 100, init }, { type: 'relu' });
  layers.push({ type: 'affine', units: 10, init }, { type: 'softmax-with-loss' });
  return layers;
}

export type RaceNumberProblem = 'epochs' | 'trainLimit' | 'seed';

/** Which typed number is wrong, or null: each problem has a sentence in raceText. */
export function checkRaceNumbers(numbers: RaceNumbers): RaceNumberProblem | null {
  if (!Number.isInteger(numbers.epochs) || numbers.epochs < 1 || numbers.epochs > 100) return 'epochs';
  if (!Number.isInteger(numbers.trainLimit) || numbers.trainLimit < 1 || numbers.trainLimit > MNIST_TRAIN_SIZE) return 'trainLimit';
  if (!Number.isInteger(numbers.seed) || numbers.seed < 0 || numbers.seed > SEED_MAX) return 'seed';
  return null;
}
