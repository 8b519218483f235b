// Which data a run's "test" figures were measured on: a run whose experiment holds out validation data
// (data.validation) is measured on it instead of the test split, and the dashboard says so.

import type { Experiment } from '../../engine/experiment';

export type EvaluatedOn = 'test' | 'validation';

export function evaluatedOn(experiment: Experiment): EvaluatedOn {
  return experiment.data.validation !== undefined ? 'validation' : 'test';
}
