// The form's own fields (the training settings, the data settings and the worker count), described
// with the engine's FieldSpec so they are checked like every other field. Their bounds mirror
// engine/experiment.ts; tests/renderer/formFields.test.ts holds them to what validateExperiment accepts.

import type { FieldSpec } from '../../engine/fields';
import { RUN_WORKERS_MAX, SEED_MAX } from '../../main/api/constants';
import { TOY_NOISE_MAX, TOY_SAMPLES_MAX, TOY_SAMPLES_MIN } from '../../engine/data/toy';

export const MAX_WORKERS = RUN_WORKERS_MAX;

export const trainingFieldSpecs = {
  batchSize: { name: 'batchSize', kind: 'int', summary: 'samples per mini-batch', min: 1, max: 10000, default: 100 },
  epochs: { name: 'epochs', kind: 'int', summary: 'passes over the training data', min: 1, max: 10000, default: 10 },
  weightDecay: { name: 'weightDecay', kind: 'number', summary: 'λ of the weight decay', min: 0, max: 100, default: 0 },
  seed: { name: 'seed', kind: 'int', summary: 'seed of the random numbers', min: 0, max: SEED_MAX, default: 1 },
} as const satisfies Record<string, FieldSpec>;

export const dataFieldSpecs = {
  trainLimit: { name: 'trainLimit', kind: 'int', summary: 'first N training samples', min: 1, max: 10_000_000, optional: true },
  validation: { name: 'validation', kind: 'int', summary: 'last N training samples held out as validation data', min: 1, max: 10_000_000, optional: true },
  samples: { name: 'samples', kind: 'int', summary: 'points of a toy set', min: TOY_SAMPLES_MIN, max: TOY_SAMPLES_MAX },
  noise: { name: 'noise', kind: 'number', summary: 'noise of a toy set', min: 0, max: TOY_NOISE_MAX },
  width: { name: 'width', kind: 'int', summary: 'width every image of a folder is resized to', min: 1, max: 1024, optional: true },
  height: { name: 'height', kind: 'int', summary: 'height every image of a folder is resized to', min: 1, max: 1024, optional: true },
} as const satisfies Record<string, FieldSpec>;

export const workersFieldSpec: FieldSpec = {
  name: 'workers',
  kind: 'int',
  summary: 'worker threads',
  min: 1,
  max: MAX_WORKERS,
};

/** The default worker count: the machine's cores, at most 4 (more rarely pays off for the book's sizes). */
export function defaultWorkers(cores: number | undefined): number {
  if (!cores || !Number.isFinite(cores) || cores < 1) return 1;
  return Math.min(4, Math.floor(cores));
}
