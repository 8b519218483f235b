// Whether a lab's run learned — for the labs whose point is that some runs do not (the book's figure
// 6-15's std 0.01, figure 6-18's scales without Batch Norm). There a run that stayed at chance, or whose
// loss stopped being a number, is the experiment's answer, not an error: the lab shows it as "did not
// learn" with the reason in one line, where the rest of the app says "failed — try a smaller learning
// rate" (right advice when the learning rate is what the learner chose, wrong when the weights are).
// Pure: the lab's tests classify the runs the engine really trains.

import { CHANCE_MARGIN } from '../../../engine/divergence';
import type { RunSummary } from '../../../main/api/contract';

/**
 * Why a run did not learn:
 *   blewUp    its loss became NaN or infinite (the run stopped), or the divergence check warned that it
 *             rose far above its start: the activations grew past what float32 holds;
 *   atChance  it ended with the training accuracy of a guess: the signal never got through.
 */
export type NoLearning = 'blewUp' | 'atChance';

export type Learning = { learned: true } | { learned: false; why: NoLearning };

/**
 * The engine's sentence for a loss that stopped being a number (engine/trainer.ts and the workers'
 * engine/parallel/training.ts): "the loss became NaN at iteration 4 — …". The store keeps only the
 * sentence, so the lab reads it back; the lab's tests feed it the trainer's own sentence.
 */
const NON_FINITE_LOSS = /\bthe loss became (NaN|infinite) at iteration \d+/;

export function lossBecameNonFinite(failure: string | null): boolean {
  return failure !== null && NON_FINITE_LOSS.test(failure);
}

/** The training accuracy of a guess and a margin (the divergence check's "chance": 1/C + 5 points). */
export function chanceAccuracy(classes: number): number {
  return 1 / classes + CHANCE_MARGIN;
}

/**
 * A run's learning, or null while it is still going, when it was stopped, or when it failed for a reason
 * that is a real failure (a missing data folder, a full disk): those keep their status and sentence.
 */
export function learningOf(run: Pick<RunSummary, 'status' | 'failure' | 'warning' | 'trainAcc'>, classes = 10): Learning | null {
  if (run.status === 'failed') return lossBecameNonFinite(run.failure) ? { learned: false, why: 'blewUp' } : null;
  if (run.status !== 'done') return null;
  if (run.warning !== null) return { learned: false, why: 'blewUp' };
  if (run.trainAcc === null) return null;
  return run.trainAcc <= chanceAccuracy(classes) ? { learned: false, why: 'atChance' } : { learned: true };
}
