// Trained networks for the conversion tests: each of the book's presets (renderer/model/presets.ts) and
// one stack that uses every layer kind and setting an export must carry (stride, padding, average
// pooling, BatchNorm on an image, dropout, every activation), trained briefly and seeded on the bundled
// digits, so the running statistics and the weights are real ones. Also the bundled test digits as
// one batch, and the lab's own probabilities for them.

import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import type { Dataset } from '../../../engine/data/dataset';
import { gatherBatch, limitTrain } from '../../../engine/data/dataset';
import type { LayerSpec } from '../../../engine/model';
import { Network } from '../../../engine/network';
import { loadBundledMnist } from '../../../engine/node/idxFolder';
import type { Tensor } from '../../../engine/tensor';
import { Trainer } from '../../../engine/trainer';
import { presets } from '../../../renderer/model/presets';

/** Every layer kind and setting at once: conv with stride and padding, padded average and max pooling, BatchNorm on an image and on features, dropout, every activation. */
export const everyLayerKind: LayerSpec[] = [
  { type: 'conv', filters: 4, kernel: 4, stride: 2, pad: 1, init: 'he' },
  { type: 'batchnorm' },
  { type: 'leaky-relu', alpha: 0.05 },
  { type: 'pool', mode: 'average', size: 2, stride: 2, pad: 1 },
  { type: 'conv', filters: 6, kernel: 3, stride: 1, pad: 1, init: 'he' },
  { type: 'tanh' },
  { type: 'pool', mode: 'max', size: 2, stride: 2, pad: 1 },
  { type: 'dropout', ratio: 0.3 },
  { type: 'flatten' },
  { type: 'affine', units: 32, init: 'xavier' },
  { type: 'batchnorm' },
  { type: 'sigmoid' },
  { type: 'affine', units: 16, init: 'he' },
  { type: 'relu' },
  { type: 'affine', units: 10, init: 'xavier' },
  { type: 'softmax-with-loss' },
];

export interface TrainedModel {
  name: string;
  network: Network;
}

let mnist: Promise<Dataset> | null = null;
export const bundledDigits = (): Promise<Dataset> => (mnist ??= loadBundledMnist());

/** A model trained for one seeded epoch of Adam on the first 2,000 bundled training digits. */
export async function trainBriefly(name: string, layers: LayerSpec[], seed = 7): Promise<TrainedModel> {
  const dataset = limitTrain(await bundledDigits(), 2000);
  const network = new Network({ input: [1, 28, 28], layers }, { seed });
  const settings = { optimizer: { type: 'adam', lr: 0.005, beta1: 0.9, beta2: 0.999 }, batchSize: 100, epochs: 1, weightDecay: 0, seed };
  for (const _event of new Trainer(network, dataset, settings as never).run());
  return { name, network };
}

/** The four presets of the builder, by the book's class names, plus the every-layer stack. */
export async function trainedModels(): Promise<TrainedModel[]> {
  const models: TrainedModel[] = [];
  for (const preset of presets)
    models.push(
      await trainBriefly(
        preset.className,
        preset.layers.map((l) => ({ ...l })),
      ),
    );
  models.push(await trainBriefly('every layer kind', everyLayerKind));
  return models;
}

/** The bundled test digits as one float batch [n, 1, 28, 28] and their labels. */
export async function testDigits(): Promise<{ x: Tensor; labels: Uint8Array }> {
  const dataset = await bundledDigits();
  const { x, t } = gatherBatch(dataset.test, dataset.inputShape, null, 0, dataset.test.count);
  return { x, labels: t };
}

/** Largest |a − b| over two arrays of the same length. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** The fraction of rows whose largest probability is at the label. */
export function accuracyOf(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classes = 10): number {
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (probabilities[r * classes + j]! > probabilities[r * classes + best]!) best = j;
    if (best === labels[r]) correct++;
  }
  return correct / labels.length;
}

/** The probabilities onnxruntime computes for the test digits from the exported bytes. */
export async function runOnnx(bytes: Uint8Array, x: { data: ArrayLike<number>; shape: readonly number[] }): Promise<Float32Array> {
  const session = await InferenceSession.create(bytes);
  try {
    const input = new OrtTensor('float32', Float32Array.from(x.data), [...x.shape]);
    const result = await session.run({ [session.inputNames[0]!]: input });
    return result[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}
