// The initialization lab's MNIST comparison as experiments (book §6.2.4, weight_init_compare.py): the
// book's MultiLayerNet (4 hidden layers of 100 ReLU units + the output layer = 5 layers), SGD lr 0.01,
// batch 128, one seed for all; only every layer's `init` differs. Pure, so "lockstep" is tested directly.

import { BUNDLED_MNIST_SPLIT, SEED_MAX } from '../../../main/api/constants';
import type { Experiment } from '../../../engine/experiment';
import type { InitSetting } from '../../../engine/init';
import type { LayerSpec } from '../../../engine/model';
import type { GroupMember } from '../common/runGroup';

/** The book's three: std 0.01, Xavier ('sigmoid' in its code) and He ('relu'). */
export const RACE_INITS: readonly InitSetting[] = [0.01, 'xavier', 'he'];

export const MNIST_TRAIN_SIZE = BUNDLED_MNIST_SPLIT.train;

export interface InitRaceSettings {
  inits: readonly InitSetting[];
  epochs: number;
  trainLimit: number;
  seed: number;
}

export const defaultInitRace: InitRaceSettings = { inits: RACE_INITS, epochs: 3, trainLimit: MNIST_TRAIN_SIZE, seed: 1 };

/** How a run of the group is named in both languages: "std 0.01", "Xavier", "He". */
export function initLabel(init: InitSetting): string {
  if (init === 'xavier') return 'Xavier';
  if (init === 'he') return 'He';
  return `std ${init}`;
}

/** Like the book's MultiLayerNet, every affine layer (the output one too) starts from the same rule. */
export function initRaceLayers(init: InitSetting): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < 4; i++) layers.push({ type: 'affine', units: 100, init }, { type: 'relu' });
  layers.push({ type: 'affine', units: 10, init }, { type: 'softmax-with-loss' });
  return layers;
}

export type InitRaceProblem = 'noInit' | 'epochs' | 'trainLimit' | 'seed';

export function checkInitRace(settings: InitRaceSettings): InitRaceProblem | null {
  if (settings.inits.length === 0) return 'noInit';
  if (!Number.isInteger(settings.epochs) || settings.epochs < 1 || settings.epochs > 100) return 'epochs';
  if (!Number.isInteger(settings.trainLimit) || settings.trainLimit < 1 || settings.trainLimit > MNIST_TRAIN_SIZE) return 'trainLimit';
  if (!Number.isInteger(settings.seed) || settings.seed < 0 || settings.seed > SEED_MAX) return 'seed';
  return null;
}

/** One run per chosen init, in the book's order, identical but for the layers' `init`. */
export function initRaceMembers(settings: InitRaceSettings): GroupMember[] {
  return RACE_INITS.filter((init) => settings.inits.includes(init)).map((init) => {
    const label = initLabel(init);
    const experiment: Experiment = {
      format: 'dlab-experiment',
      version: 1,
      name: `Initial weights: ${label}`,
      description: "The book's weight_init_compare: 4 hidden layers of 100 ReLU units, SGD 0.01, batch 128; only the initial weights differ.",
      model: { input: [1, 28, 28], layers: initRaceLayers(init) },
      data: { source: 'mnist', trainLimit: settings.trainLimit },
      training: { optimizer: { type: 'sgd', lr: 0.01 }, batchSize: 128, epochs: settings.epochs, weightDecay: 0, seed: settings.seed },
    };
    return { label, experiment, workers: 1 };
  });
}
