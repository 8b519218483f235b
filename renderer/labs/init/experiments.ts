// The initialization lab's MNIST comparison as experiments (book §6.2.4, weight_init_compare.py): the
// book's MultiLayerNet (4 hidden layers of 100 ReLU units + the output layer = 5 layers), SGD lr 0.01,
// batch 128, one seed for all; only every layer's `init` differs. Pure, so "lockstep" is tested directly.
// The book trains 2,000 iterations, and its figure 6-15 needs them: after 3 epochs (186 iterations) Xavier
// has barely left the start (training accuracy 0.20) and looks as broken as std 0.01.

import type { Experiment } from '../../../engine/experiment';
import type { InitSetting } from '../../../engine/init';
import { checkRaceNumbers, MNIST_TRAIN_SIZE, multiLayerNet, type RaceNumberProblem } from '../common/race';
import type { GroupMember } from '../common/runGroup';

/** The book's three: std 0.01, Xavier ('sigmoid' in its code) and He ('relu'). */
export const RACE_INITS: readonly InitSetting[] = [0.01, 'xavier', 'he'];

export interface InitRaceSettings {
  inits: readonly InitSetting[];
  epochs: number;
  trainLimit: number;
  seed: number;
}

/** The book's weight_init_compare: max_iterations = 2000, batch_size = 128. */
export const BOOK_INIT_RACE = { iterations: 2000, batchSize: 128 } as const;

/** The whole number of epochs over `trainLimit` samples whose iterations come nearest the book's 2,000. */
export function epochsForBookLength(trainLimit: number): number {
  const perEpoch = Math.max(1, Math.floor(trainLimit / BOOK_INIT_RACE.batchSize));
  return Math.max(1, Math.round(BOOK_INIT_RACE.iterations / perEpoch));
}

/** The iterations a race of `epochs` epochs over `trainLimit` samples trains (what the subtitle shows). */
export function raceIterations(epochs: number, trainLimit: number): number {
  return epochs * Math.floor(trainLimit / Math.min(BOOK_INIT_RACE.batchSize, trainLimit));
}

/** 32 epochs of the bundled 8,004 digits: 1,984 iterations, the nearest to the book's 2,000. */
export const defaultInitRace: InitRaceSettings = { inits: RACE_INITS, epochs: epochsForBookLength(MNIST_TRAIN_SIZE), trainLimit: MNIST_TRAIN_SIZE, seed: 1 };

/** How a run of the group is named in both languages: "std 0.01", "Xavier", "He". */
export function initLabel(init: InitSetting): string {
  if (init === 'xavier') return 'Xavier';
  if (init === 'he') return 'He';
  return `std ${init}`;
}

export type InitRaceProblem = 'noInit' | RaceNumberProblem;

export function checkInitRace(settings: InitRaceSettings): InitRaceProblem | null {
  return settings.inits.length === 0 ? 'noInit' : checkRaceNumbers(settings);
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
      model: { input: [1, 28, 28], layers: multiLayerNet(init) },
      data: { source: 'mnist', trainLimit: settings.trainLimit },
      training: { optimizer: { type: 'sgd', lr: 0.01 }, batchSize: BOOK_INIT_RACE.batchSize, epochs: settings.epochs, weightDecay: 0, seed: settings.seed },
    };
    return { label, experiment, workers: 1 };
  });
}
