// The gradient check of the API (book §5.7.3): the numerical gradient needs two forward passes per
// parameter entry — 20 to 30 s for every entry of TwoLayerNet — so it runs on a worker thread, never on
// the main thread that serves the window. Main only decides what to check: the model, a small batch of
// samples (the experiment's data, MNIST when a bare model fits it, or seeded random inputs), and how
// many entries; and refuses a check so large it would keep a core busy for minutes.

import { Worker } from 'node:worker_threads';
import { gatherBatch, type Dataset } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import { validateExperiment } from '../../engine/experiment';
import { LabError, labError, type LabErrorKind } from '../../engine/errors';
import type { LabMessage } from '../../engine/messages';
import { isPlainObject } from '../../engine/fields';
import { DEFAULT_H, RELATIVE_ERROR_FLOOR, type GradientCheckResult } from '../../engine/gradcheck';
import { planModel, type ModelPlan } from '../../engine/model';
import { Rng } from '../../engine/rng';
import { formatShape, sizeOf } from '../../engine/tensor';
import { checkModelFitsData } from '../../engine/trainer';
import type { GradientCheckOptions, GradientCheckReport } from '../api/contract';
import type { GradcheckJob } from '../../engine/node/worker';
import { resolveWorkerScript } from './RunManager';

export const DEFAULT_GRADCHECK_SAMPLES = 100;
export const DEFAULT_GRADCHECK_BATCH = 3;
/**
 * TwoLayerNet with every entry checked needs 9.5 billion (18–29 s measured on one core); beyond about
 * half as much again a learner would wait minutes with nothing to show.
 */
export const MAX_GRADCHECK_MULTIPLY_ADDS = 15e9;

export type GradcheckMessage =
  { type: 'gradcheck'; result: GradientCheckResult } | { type: 'error'; message: string; kind: LabErrorKind | null; said?: LabMessage };

const MNIST_INPUT = [1, 28, 28];

/** Multiply-adds of one sample's forward pass: each weight once per output position. */
export function forwardMultiplyAdds(plan: ModelPlan): number {
  let total = 0;
  for (const layer of plan.layers) {
    const positions = layer.type === 'conv' ? sizeOf(layer.outputShape.slice(1)) : 1;
    total += layer.paramCount * positions + sizeOf(layer.outputShape);
  }
  return total;
}

/** Entries the check will compare, over every parameter. */
export function entriesChecked(plan: ModelPlan, samples: number): { checked: number; total: number } {
  let checked = 0;
  let total = 0;
  for (const layer of plan.layers) {
    for (const p of layer.params) {
      const size = sizeOf(p.shape);
      total += size;
      checked += samples > 0 ? Math.min(samples, size) : size;
    }
  }
  return { checked, total };
}

function bigNumber(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} billion` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : Math.round(n).toLocaleString('en-US');
}

export interface PreparedCheck {
  job: GradcheckJob;
  data: string;
  totalEntries: number;
  checkedEntries: number;
}

/**
 * Decides what to check. `model` is an experiment (its data, seed and weight decay are used) or a bare
 * model spec; `loadData` is the run manager's dataset cache.
 */
export async function prepareGradientCheck(
  model: unknown,
  options: GradientCheckOptions,
  loadData: (data: DataSettings) => Promise<Dataset>,
): Promise<PreparedCheck> {
  const isExperiment = isPlainObject(model) && 'format' in model;
  const experiment = isExperiment ? validateExperiment(model).experiment : null;
  const plan = planModel(experiment ? experiment.model : model, 'model');
  const seed = options.seed ?? experiment?.training.seed ?? 1;
  const samples = options.samples ?? DEFAULT_GRADCHECK_SAMPLES;
  const batch = options.batch ?? DEFAULT_GRADCHECK_BATCH;

  const { checked, total } = entriesChecked(plan, samples);
  const work = checked * 2 * batch * forwardMultiplyAdds(plan);
  if (work > MAX_GRADCHECK_MULTIPLY_ADDS) {
    throw labError('usage', 'gradcheck.tooMuchWork', {
      entries: checked.toLocaleString('en-US'),
      batch,
      work: bigNumber(work),
      max: bigNumber(MAX_GRADCHECK_MULTIPLY_ADDS),
    });
  }

  let x: { shape: number[]; data: Float64Array };
  let t: Uint8Array;
  let data: string;
  const fitsMnist = !experiment && formatShape(plan.input) === formatShape(MNIST_INPUT) && plan.classes === 10;
  if (experiment || fitsMnist) {
    const dataset = await loadData(experiment ? experiment.data : { source: 'mnist' });
    checkModelFitsData(plan, dataset);
    const n = Math.min(batch, dataset.train.count);
    const gathered = gatherBatch(dataset.train, dataset.inputShape, null, 0, n, 'float64');
    x = { shape: [...gathered.x.shape], data: gathered.x.data as Float64Array };
    t = gathered.t;
    data = dataset.source;
  } else {
    // Any inputs do for a gradient check: the question is whether backprop computes the derivative of
    // the loss the network computes, wherever it is taken.
    const rng = new Rng(seed, 'gradcheck-inputs');
    const d = sizeOf(plan.input);
    x = { shape: [batch, ...plan.input], data: Float64Array.from({ length: batch * d }, () => rng.normal()) };
    t = Uint8Array.from({ length: batch }, () => rng.int(plan.classes));
    data = 'random';
  }
  return {
    job: { job: 'gradcheck', model: plan.spec, weightDecay: experiment?.training.weightDecay ?? 0, seed, samples, x, t },
    data,
    totalEntries: total,
    checkedEntries: checked,
  };
}

/** Runs a prepared check on its own worker thread; aborting `signal` ends the thread and fails the call. */
export function gradientCheckInWorker(prepared: PreparedCheck, signal?: AbortSignal): Promise<GradientCheckReport> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(labError('cancelled', 'gradcheck.cancelled', {}));
      return;
    }
    const worker = new Worker(resolveWorkerScript(), { workerData: prepared.job });
    // A check nobody waits for any more (the app is closing) must not keep the process alive.
    worker.unref();
    let settled = false;
    signal?.addEventListener(
      'abort',
      () => {
        if (settled) return;
        settled = true;
        reject(labError('cancelled', 'gradcheck.cancelled', {}));
        void worker.terminate();
      },
      { once: true },
    );
    worker.on('message', (message: GradcheckMessage) => {
      if (settled) return;
      settled = true;
      if (message.type === 'gradcheck') {
        const r = message.result;
        resolve({
          params: r.params.map((p) => ({ ...p, shape: [...p.shape] })),
          passed: r.passed,
          tolerance: r.tolerance,
          h: DEFAULT_H,
          relativeErrorFloor: RELATIVE_ERROR_FLOOR,
          batch: prepared.job.x.shape[0]!,
          data: prepared.data,
          numericalMs: r.numericalMs,
          backpropMs: r.backpropMs,
          totalEntries: prepared.totalEntries,
          checkedEntries: prepared.checkedEntries,
        });
      } else reject(message.kind ? new LabError(message.kind, message.message, {}, message.said) : new Error(message.message));
      void worker.terminate();
    });
    worker.on('error', (error) => {
      if (!settled) reject(new Error(`the gradient check thread failed: ${error.message}`));
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the gradient check thread stopped unexpectedly (exit code ${code})`));
      settled = true;
    });
  });
}
