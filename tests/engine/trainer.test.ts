import { describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import type { TrainingSettings } from '../../engine/experiment';
import { Network } from '../../engine/network';
import { loadDataSource } from '../../engine/node/datasets';
import { Trainer, type EpochEvent, type TrainEvent } from '../../engine/trainer';

const spiralNet = {
  input: [2],
  layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }],
};
const settings = (overrides: Partial<TrainingSettings> = {}): TrainingSettings => ({
  optimizer: { type: 'adam', lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-7 },
  batchSize: 30,
  epochs: 15,
  weightDecay: 0,
  seed: 42,
  ...overrides,
});

async function train(overrides: Partial<TrainingSettings> = {}, model: object = spiralNet, source = 'spiral'): Promise<TrainEvent[]> {
  const dataset = await loadDataSource({ source, samples: 300, noise: 0.1 });
  const s = settings(overrides);
  return [...new Trainer(new Network(model, { seed: s.seed }), dataset, s).run()];
}
const epochs = (events: TrainEvent[]) => events.filter((e): e is EpochEvent => e.type === 'epoch');

describe('Trainer', () => {
  it('reproduces a seeded run exactly (spiral, 2-32-3, Adam 0.05, 15 epochs)', async () => {
    const events = await train();
    const last = epochs(events).at(-1)!;
    // ⌊240 / 30⌋ = 8 iterations per epoch.
    expect(events.filter((e) => e.type === 'iteration')).toHaveLength(8 * 15);
    expect({ epoch: last.epoch, iteration: last.iteration, trainAcc: last.trainAcc, testAcc: last.testAcc }).toEqual({
      epoch: 15,
      iteration: 120,
      trainAcc: 218 / 240,
      testAcc: 58 / 60,
    });
  });

  it('gives the same numbers bit for bit for the same seed, and different ones for another seed', async () => {
    const a = await train({ epochs: 3 });
    const b = await train({ epochs: 3 });
    expect(b).toEqual(a);
    const c = await train({ epochs: 3, seed: 43 });
    expect(c).not.toEqual(a);
  });

  it('learns: the loss falls and accuracy beats chance by far', async () => {
    const e = epochs(await train());
    expect(e.at(-1)!.trainLoss).toBeLessThan(e[0]!.trainLoss / 2);
    expect(e.at(-1)!.testAcc).toBeGreaterThan(0.8);
  });

  it('stops a diverging run with a sentence instead of drawing NaN curves', async () => {
    const run = train({ optimizer: { type: 'sgd', lr: 1e30 } });
    await expect(run).rejects.toBeInstanceOf(LabError);
    await expect(run).rejects.toThrow(/^the loss became (NaN|infinite) at iteration \d+ — try a smaller learning rate$/);
    const error = (await run.catch((e: unknown) => e)) as LabError;
    expect(error.kind).toBe('diverged');
    expect(error.details.iteration).toBeGreaterThanOrEqual(1);
  });

  it('can be cancelled between any two iterations, leaving a usable network', async () => {
    const dataset = await loadDataSource({ source: 'spiral', samples: 300, noise: 0.1 });
    const network = new Network(spiralNet, { seed: 1 });
    const trainer = new Trainer(network, dataset, settings());
    let seen = 0;
    for (const event of trainer.run()) {
      if (event.type === 'iteration' && ++seen === 5) break;
    }
    expect(seen).toBe(5);
    expect(Object.values(network.params).every((p) => p.data.every(Number.isFinite))).toBe(true);
  });

  it('trains on the first N samples only with trainLimit (the book’s overfitting lab: 300)', async () => {
    const dataset = await loadDataSource({ source: 'mnist', trainLimit: 300 });
    expect(dataset.train.count).toBe(300);
    const trainer = new Trainer(
      new Network({ input: [1, 28, 28], layers: [{ type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] }),
      dataset,
      settings({ batchSize: 100, epochs: 1 }),
    );
    expect(trainer.iterationsPerEpoch).toBe(3);
  });

  it('refuses a model that does not fit the data, with the fix in the sentence', async () => {
    const dataset = await loadDataSource({ source: 'spiral' });
    const wrongInput = { input: [1, 28, 28], layers: [{ type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] };
    expect(() => new Trainer(new Network(wrongInput), dataset, settings())).toThrow(
      `The model expects inputs of 1×28×28 but spiral gives samples of 2 (2 values) — set the model's "input" to [2].`,
    );
    const wrongClasses = { input: [2], layers: [{ type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] };
    expect(() => new Trainer(new Network(wrongClasses), dataset, settings())).toThrow(
      'The last layer gives 10 scores but spiral has 3 classes — give the last affine layer 3 units.',
    );
  });
});
