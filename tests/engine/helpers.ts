// Shared test helpers: the one way tests build small networks and check their gradients.

import { gradientCheck, type GradientCheckOptions, type GradientCheckResult } from '../../engine/gradcheck';
import type { ModelSpec } from '../../engine/model';
import { Network } from '../../engine/network';
import { Rng } from '../../engine/rng';
import { sizeOf, Tensor } from '../../engine/tensor';

/** A float64 network on a random batch; the gradient check runs on the result. */
export function checkModelGradients(
  model: ModelSpec,
  options: GradientCheckOptions & { batch?: number; seed?: number; weightDecay?: number } = {},
): GradientCheckResult {
  const { batch = 3, seed = 7, weightDecay = 0, ...checkOptions } = options;
  const network = new Network(model, { dtype: 'float64', seed, weightDecay });
  const { x, t } = randomBatch(model.input, network.plan.classes, batch, seed);
  return gradientCheck(network, x, t, { seed, ...checkOptions });
}

export function randomBatch(input: readonly number[], classes: number, batch: number, seed: number): { x: Tensor; t: Uint8Array } {
  const rng = new Rng(seed, 'test-batch');
  const x = Tensor.zeros([batch, ...input], 'float64');
  for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
  const t = new Uint8Array(batch);
  for (let i = 0; i < batch; i++) t[i] = rng.int(classes);
  return { x, t };
}

export function tensor(shape: number[], values: number[] | number[][] | number[][][] | number[][][][], dtype: 'float32' | 'float64' = 'float64'): Tensor {
  const flat = (values as unknown[]).flat(3) as number[];
  if (flat.length !== sizeOf(shape)) throw new Error('test tensor: wrong number of values');
  return Tensor.from(shape, flat, dtype);
}
