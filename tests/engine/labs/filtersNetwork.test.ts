// The filters lab's engine side: the re-created "before training" weights are, bit for bit, those the
// run manager starts a run from; the feature maps are the network's own first-layer forward pass.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validateExperiment, type Experiment } from '../../../engine/experiment';
import { convolutionSteps } from '../../../engine/labs/convolutionSteps';
import { featureMaps, firstConv, initialParams } from '../../../engine/labs/filtersNetwork';
import { Network } from '../../../engine/network';
import { allocateSharedRun, sharedNetwork } from '../../../engine/parallel/training';
import { Rng } from '../../../engine/rng';
import { Tensor } from '../../../engine/tensor';
import { createLabService, type LabService } from '../../../main/api/service';

const example = (name: string): Experiment => JSON.parse(readFileSync(new URL(`../../../examples/${name}.dlab.json`, import.meta.url), 'utf8'));
const convnet = (seed = 1): Experiment => {
  const e = example('simple-convnet');
  return { ...e, training: { ...e.training, seed } };
};

/** Bit patterns, so −0 ≠ 0 and NaN = NaN: "equal" means the very same float32 numbers. */
const bits = (data: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(data).buffer));

describe('firstConv', () => {
  it('finds SimpleConvNet’s first convolution under the book’s names, with its pooling', () => {
    expect(firstConv(convnet().model)).toEqual({
      weightName: 'W1',
      biasName: 'b1',
      filters: 30,
      channels: 1,
      kernel: 5,
      stride: 1,
      pad: 0,
      inputShape: [1, 28, 28],
      pool: { mode: 'max', size: 2, stride: 2, pad: 0 },
    });
  });

  it('refuses a model that does not start with a convolution', () => {
    expect(firstConv(example('two-layer-net').model)).toBeNull();
  });
});

describe('initial weights: the same as the run manager’s', () => {
  it('equal sharedNetwork’s initialisation bit for bit, for every parameter', () => {
    const experiment = convnet(7);
    const { plan } = validateExperiment(experiment);
    const owner = sharedNetwork(plan.spec, allocateSharedRun(plan, 1, { train: { count: 0 }, test: { count: 0 } }), { seed: 7 });
    const names = Object.keys(owner.params);
    expect(names).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
    const ours = initialParams(experiment, names);
    for (const name of names) expect(bits(ours[name]!.data), name).toEqual(bits(owner.params[name]!.data));
    expect(ours.W1!.shape).toEqual([30, 1, 5, 5]);
  });

  it('differ for another seed (so the comparison above can fail)', () => {
    const a = initialParams(convnet(1), ['W1']).W1;
    const b = initialParams(convnet(2), ['W1']).W1;
    expect(bits(a!.data)).not.toEqual(bits(b!.data));
  });

  let service: LabService | null = null;
  afterEach(async () => {
    await service?.close();
    service = null;
  });

  it('equal what the run manager holds for a run that has not taken a step', async () => {
    // One core: a first run keeps it busy, so the SimpleConvNet run waits, queued, on its initial weights.
    service = await createLabService({ dbPath: ':memory:', workers: 1 });
    const blocker = example('two-layer-net');
    await service.api.startRun({ ...blocker, training: { ...blocker.training, epochs: 50 } }, { workers: 1 });
    const experiment = convnet(3);
    const { runId } = await service.api.startRun({ ...experiment, data: { source: 'mnist', trainLimit: 100 } }, { workers: 1 });
    const [W1, b1] = await service.api.readParams(runId, ['W1', 'b1']);
    expect((await service.api.getRun(runId)).status).toBe('queued');
    const ours = initialParams(experiment, ['W1', 'b1']);
    expect(W1!.shape).toEqual([30, 1, 5, 5]);
    expect(bits(W1!.data)).toEqual(bits(ours.W1!.data));
    expect(bits(b1!.data)).toEqual(bits(ours.b1!.data));
  });
});

describe('feature maps', () => {
  const experiment = convnet(4);
  const conv = firstConv(experiment.model)!;
  const network = new Network(experiment.model, { seed: 4 });
  const { W1, b1 } = network.params;
  b1!.data.set(Array.from({ length: 30 }, (_, i) => (i - 15) / 100)); // biases that are not all zero
  const rng = new Rng(9, 'image');
  const image = Array.from({ length: 784 }, () => rng.uniform());

  it('are the network’s own first-layer forward pass', () => {
    const maps = featureMaps(image, conv, W1!, b1!);
    expect(maps.shape).toEqual([30, 24, 24]);
    const out = network.layers[0]!.forward(Tensor.from([1, 1, 28, 28], image), false);
    expect(out.shape).toEqual([1, 30, 24, 24]);
    Array.from(out.data).forEach((v, i) => expect(Math.abs(maps.data[i]! - v), `value ${i}`).toBeLessThan(1e-5));
  });

  it('each map is its filter slid over the image, plus its bias', () => {
    const maps = featureMaps(image, conv, W1!, b1!);
    const grid = Array.from({ length: 28 }, (_, y) => image.slice(y * 28, y * 28 + 28));
    for (const f of [0, 13, 29]) {
      const filter = Array.from({ length: 5 }, (_, y) => Array.from(W1!.data.slice(f * 25 + y * 5, f * 25 + y * 5 + 5)));
      const walk = convolutionSteps([grid], [filter], 1, 0);
      walk.output.flat().forEach((v, i) => expect(Math.abs(maps.data[f * 576 + i]! - (v + b1!.data[f]!)), `map ${f} value ${i}`).toBeLessThan(1e-5));
    }
  });

  it('after ReLU keeps the positive values; after pooling, the maximum of each 2×2 window', () => {
    const raw = featureMaps(image, conv, W1!, b1!).data;
    const relu = featureMaps(image, conv, W1!, b1!, 'relu');
    expect(Array.from(relu.data)).toEqual(Array.from(raw, (v) => Math.max(0, v)));
    expect(relu.data.some((v) => v === 0) && relu.data.some((v) => v > 0)).toBe(true);
    const pooled = featureMaps(image, conv, W1!, b1!, 'pool');
    expect(pooled.shape).toEqual([30, 12, 12]);
    const at = (f: number, y: number, x: number) => relu.data[f * 576 + y * 24 + x]!;
    expect(pooled.data[5 * 144 + 3 * 12 + 7]).toBe(Math.max(at(5, 6, 14), at(5, 6, 15), at(5, 7, 14), at(5, 7, 15)));
  });
});
