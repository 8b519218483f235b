// How much memory one training step of a planned model takes, worked out from the plan alone, so that a
// model the machine could not hold is refused with the figure before a single buffer is allocated —
// not found out by the operating system halfway through a run, with the whole lab taken down.
// An estimate in float32 values, on the generous side: parameters, one gradient per worker, the
// optimizer's state, and what the layers keep for the backward pass of one mini-batch.

import { labError } from './errors';
import type { LayerPlan, ModelPlan } from './model';
import { sizeOf } from './tensor';

/** What one training step may take: a lab PC of a classroom has a few GB, and the rest of it is in use. */
export const TRAINING_MEMORY_BUDGET = 2e9;

const FLOAT_BYTES = 4;

/** Arrays each optimizer keeps per parameter (the book's v, h, m…); an unknown one is counted as two. */
const OPTIMIZER_STATE_ARRAYS: Readonly<Record<string, number>> = {
  sgd: 0,
  momentum: 1,
  nesterov: 1,
  adagrad: 1,
  rmsprop: 1,
  adadelta: 2,
  adam: 2,
  nadam: 2,
};

/** Values one layer keeps per sample through a step: its output, the gradient it hands back, and its working arrays. */
function valuesPerSample(layer: LayerPlan): number {
  const out = sizeOf(layer.outputShape);
  const into = sizeOf(layer.inputShape);
  const base = out + into;
  const [, outH = 1, outW = 1] = layer.outputShape;
  const settings = layer.settings;
  switch (layer.type) {
    case 'conv': {
      // im2col: one row of C·kh·kw values per output position, and its gradient (col2im's input).
      const kernel = Number(settings.kernel);
      return base + 2 * outH * outW * layer.inputShape[0]! * kernel * kernel;
    }
    case 'pool': {
      const size = Number(settings.size);
      return base + outH * outW * layer.inputShape[0]! * size * size;
    }
    case 'batchnorm':
      return base + 2 * out; // centred and normalised inputs
    case 'dropout':
      return base + out; // the mask
    default:
      return base;
  }
}

export interface TrainingMemory {
  bytes: number;
  parameters: number;
  activations: number;
}

/**
 * The memory of one training step of `plan` on mini-batches of `batchSize` with `workers` threads
 * (each has its own gradient). A batch size of 0 counts the parameters alone: a weights file to read.
 */
export function trainingMemory(plan: ModelPlan, batchSize: number, optimizer: string, workers = 1): TrainingMemory {
  const stateArrays = Object.hasOwn(OPTIMIZER_STATE_ARRAYS, optimizer) ? OPTIMIZER_STATE_ARRAYS[optimizer]! : 2;
  const copies = batchSize > 0 ? 1 + workers + stateArrays : 1;
  const parameters = plan.paramCount * copies * FLOAT_BYTES;
  let perSample = sizeOf(plan.input);
  for (const layer of plan.layers) perSample += valuesPerSample(layer);
  const activations = batchSize * perSample * FLOAT_BYTES;
  return { bytes: parameters + activations, parameters, activations };
}

/** "3.4 GB", "850 MB": one decimal from a GB on, whole megabytes below. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1).replace(/\.0$/, '')} GB`;
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

/** Refuses a model whose training step would not fit the budget, with the figure and what to change. */
export function checkTrainingMemory(plan: ModelPlan, training: { batchSize: number; optimizer: { type: string } }, workers = 1): void {
  const need = trainingMemory(plan, training.batchSize, training.optimizer.type, workers);
  if (need.bytes <= TRAINING_MEMORY_BUDGET) return;
  const samples = plan.input.length === 3 ? 'images' : 'samples';
  const threads = workers > 1 ? ` on ${workers} threads` : '';
  const cut = need.activations > need.parameters ? 'a smaller batch or smaller layers' : 'fewer units or filters';
  const values = {
    need: formatBytes(need.bytes),
    batch: String(training.batchSize),
    samplesWord: samples,
    threads,
    budget: formatBytes(TRAINING_MEMORY_BUDGET),
    cut,
  };
  throw labError('spec', 'stack.trainingMemory', values, { path: 'model' });
}
