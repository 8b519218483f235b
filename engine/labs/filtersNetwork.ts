// The filters lab's engine side (book §7.6): which parameters are a model's first convolution, the
// weights a run started from, and the feature maps one image makes in that layer.
//
// "Before training" is re-created, not stored: the run manager builds its network with
// `sharedNetwork` (engine/parallel/training.ts), which is `new Network(model, { seed })` over shared
// storage — the storage changes nothing of the numbers drawn. So `new Network(model, { seed })` here
// draws the very same initial weights, from the same seeded "init" stream, in the same order.

import type { Experiment } from '../experiment';
import { Convolution } from '../layers/Convolution';
import { Pooling, type PoolMode } from '../layers/Pooling';
import { Relu } from '../layers/Relu';
import { settingsOf } from '../layers/registry';
import { planModel, type LayerPlan } from '../model';
import { Network } from '../network';
import { Tensor } from '../tensor';

export interface FirstConv {
  /** The book's names of its weights and biases: W1 and b1. */
  weightName: string;
  biasName: string;
  filters: number;
  channels: number;
  kernel: number;
  stride: number;
  pad: number;
  inputShape: readonly number[];
  /** The pooling right after its ReLU, if the model has one there (SimpleConvNet does). */
  pool: { mode: PoolMode; size: number; stride: number; pad: number } | null;
}

/** The model's first layer if it is a convolution, with its parameter names; null otherwise. */
export function firstConv(model: unknown): FirstConv | null {
  const plan = planModel(model);
  const layer: LayerPlan = plan.layers[0]!;
  const conv = settingsOf('conv', layer);
  if (!conv) return null;
  const W = layer.params.find((p) => p.key === 'W');
  const b = layer.params.find((p) => p.key === 'b');
  if (!W || !b) return null;
  const [filters, channels, kernel] = W.shape as [number, number, number, number];
  const next = settingsOf('pool', plan.layers[1]?.type === 'relu' ? plan.layers[2] : undefined);
  const pool = next ? { mode: next.mode, size: next.size, stride: next.stride ?? next.size, pad: next.pad } : null;
  return {
    weightName: W.name,
    biasName: b.name,
    filters,
    channels,
    kernel,
    stride: conv.stride,
    pad: conv.pad,
    inputShape: layer.inputShape,
    pool,
  };
}

/** The weights a run of this experiment starts from, for the named parameters (float32, as trained). */
export function initialParams(experiment: Pick<Experiment, 'model' | 'training'>, names: readonly string[]): Record<string, Tensor> {
  const network = new Network(experiment.model, { seed: experiment.training.seed });
  const out: Record<string, Tensor> = {};
  for (const name of names) {
    const t = Object.hasOwn(network.params, name) ? network.params[name] : undefined;
    if (!t) throw new Error(`the model has no parameter "${name}" (it has ${Object.keys(network.params).join(', ')})`);
    out[name] = t;
  }
  return out;
}

export type MapStage = 'conv' | 'relu' | 'pool';

export interface FeatureMaps {
  /** [filters, height, width] */
  shape: [number, number, number];
  data: Float32Array;
}

/**
 * One image (values as the network sees them, [C, H, W] flattened) through the first convolution —
 * the engine's own Convolution layer — and, if asked, its ReLU and pooling: one map per filter.
 */
export function featureMaps(image: ArrayLike<number>, conv: FirstConv, W: Tensor, b: Tensor, stage: MapStage = 'conv'): FeatureMaps {
  const x = Tensor.from([1, ...conv.inputShape], image, 'float32');
  const layer = new Convolution(toFloat32(W), toFloat32(b), conv.stride, conv.pad);
  let out = layer.forward(x);
  if (stage !== 'conv') out = new Relu().forward(out);
  if (stage === 'pool') {
    if (!conv.pool) throw new Error('this model has no pooling after its first convolution');
    out = new Pooling(conv.pool.mode, conv.pool.size, conv.pool.stride, conv.pool.pad).forward(out);
  }
  const [, f, h, w] = out.shape as [number, number, number, number];
  return { shape: [f, h, w], data: out.data as Float32Array };
}

function toFloat32(t: Tensor): Tensor {
  return t.data instanceof Float32Array ? t : Tensor.from(t.shape, t.data, 'float32');
}
