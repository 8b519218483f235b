// One lab run trained in Node the way the run manager trains it — the engine's Trainer (the arithmetic the
// workers run, number for number), the experiment's seed, and at the end the same divergence check — and
// summed up as the store would list it (status, failure sentence, warning, last accuracies), so the tests
// of the labs' defaults can hold the book's figures and the labs' verdicts to real training.

import { describeDivergence, LossWatch } from '../../../engine/divergence';
import { LabError } from '../../../engine/errors';
import { validateExperiment, type Experiment } from '../../../engine/experiment';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { Trainer, type EpochEvent } from '../../../engine/trainer';
import type { RunSummary } from '../../../main/api/contract';

export interface TrainedRun {
  /** The network as training left it: its params are the run's final weights. */
  network: Network;
  epochs: EpochEvent[];
  /** Every iteration's loss, in order (none past a loss that stopped being a number). */
  losses: number[];
  /** What the store would list: the fields the labs read to say how a run went. */
  summary: Pick<RunSummary, 'status' | 'failure' | 'warning' | 'trainAcc' | 'testAcc'>;
}

export async function trainLikeTheLab(input: Experiment): Promise<TrainedRun> {
  const { experiment, plan } = validateExperiment(input);
  const dataset = await loadDataSource(experiment.data);
  const network = new Network(experiment.model, { seed: experiment.training.seed });
  const trainer = new Trainer(network, dataset, experiment.training);
  const watch = new LossWatch(trainer.batchSize);
  const epochs: EpochEvent[] = [];
  const losses: number[] = [];
  let failure: string | null = null;
  try {
    for (const event of trainer.run()) {
      if (event.type === 'epoch') epochs.push(event);
      else {
        losses.push(event.loss);
        watch.add(event.loss);
      }
    }
  } catch (error) {
    if (!(error instanceof LabError) || error.kind !== 'diverged') throw error;
    failure = error.message;
  }
  const last = epochs.at(-1) ?? null;
  const found = failure === null ? watch.verdict(last, plan.classes) : null;
  return {
    network,
    epochs,
    losses,
    summary: {
      status: failure === null ? 'done' : 'failed',
      failure,
      warning: found ? { ...found, message: describeDivergence(found) } : null,
      trainAcc: last?.trainAcc ?? null,
      testAcc: last?.testAcc ?? null,
    },
  };
}

/** The mean of the last `count` iteration losses: where a loss curve ends, without one batch's noise. */
export function endOfCurve(losses: readonly number[], count = 100): number {
  const tail = losses.slice(-count);
  return tail.reduce((sum, loss) => sum + loss, 0) / tail.length;
}
