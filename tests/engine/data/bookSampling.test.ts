// The book's way of taking data for its hyperparameter search (§6.5.3), as two experiment options the
// lab's defaults use: `data.validationFrom: "shuffled"` (x_train[:500] shuffled once, the validation share
// taken from its start) and `training.batches: "random"` (its Trainer's np.random.choice: every mini-batch
// drawn at random, with replacement). Without them a run trains exactly as before.

import { describe, expect, it } from 'vitest';
import { epochOrder } from '../../../engine/data/dataset';
import { validateExperiment, type Experiment } from '../../../engine/experiment';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { Rng } from '../../../engine/rng';
import { Trainer } from '../../../engine/trainer';

const spiral: Experiment = {
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 16 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1, trainLimit: 160, validation: 40, validationFrom: 'shuffled' },
  training: { optimizer: { type: 'sgd', lr: 0.5 }, batchSize: 20, epochs: 3, weightDecay: 0, seed: 3, batches: 'random' },
};

/** Measured before `splitSeed` existed: the first 12 validation labels of x_train[:500] shuffled with the fixed seed 0. */
const OLD_SPLIT_FIRST_LABELS = [2, 3, 9, 2, 5, 4, 6, 4, 1, 1, 0, 2];

async function train(experiment: Experiment): Promise<number[]> {
  const { experiment: checked } = validateExperiment(experiment);
  const dataset = await loadDataSource(checked.data);
  const network = new Network(checked.model, { seed: checked.training.seed });
  const losses: number[] = [];
  for (const event of new Trainer(network, dataset, checked.training).run()) if (event.type !== 'epoch') losses.push(event.loss);
  return losses;
}

describe('mini-batches drawn as the book’s Trainer draws them', () => {
  it('with replacement: as many indices as the epoch’s steps take, in range, some drawn twice', () => {
    const order = epochOrder(new Rng(1, 'shuffle'), 400, 400, 'random');
    expect(order).toHaveLength(400);
    expect(Math.max(...order)).toBeLessThan(400);
    expect(new Set(order).size).toBeLessThan(400);
    // the default stays a permutation: every sample once per epoch
    const pass = epochOrder(new Rng(1, 'shuffle'), 400, 400, undefined);
    expect([...pass].sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i));
  });

  it('trains the same every time with the same seed, and differently from a shuffled pass', async () => {
    const random = await train(spiral);
    expect(random).toHaveLength(3 * 8);
    expect(await train(spiral)).toEqual(random);
    const shuffled = await train({ ...spiral, training: { ...spiral.training, batches: 'shuffled' } });
    expect(shuffled).toHaveLength(3 * 8);
    expect(shuffled).not.toEqual(random);
  });
});

describe('the experiment file', () => {
  it('takes the two options and refuses other values by name', () => {
    expect(validateExperiment(spiral).experiment.data.validationFrom).toBe('shuffled');
    expect(validateExperiment(spiral).experiment.training.batches).toBe('random');
    expect(() => validateExperiment({ ...spiral, training: { ...spiral.training, batches: 'sometimes' } } as unknown as Experiment)).toThrow(/batches/);
    expect(() => validateExperiment({ ...spiral, data: { ...spiral.data, validationFrom: 'middle' } } as unknown as Experiment)).toThrow(/validationFrom/);
  });

  it('a shuffled split holds out `validation` of the first trainLimit + validation samples and trains on the rest', async () => {
    const full = await loadDataSource({ source: 'spiral', samples: 300, noise: 0.1 });
    const split = await loadDataSource(spiral.data);
    expect(split.evaluatedOn).toBe('validation');
    expect([split.train.count, split.test.count]).toEqual([160, 40]);
    const d = 2;
    const key = (x: Uint8Array | Float32Array, i: number) => `${x[i * d]},${x[i * d + 1]}`;
    const firstTwoHundred = new Set(Array.from({ length: 200 }, (_, i) => key(full.train.x, i)));
    const used = [...Array.from({ length: 40 }, (_, i) => key(split.test.x, i)), ...Array.from({ length: 160 }, (_, i) => key(split.train.x, i))];
    expect(new Set(used)).toEqual(firstTwoHundred);
    await expect(loadDataSource({ ...spiral.data, trainLimit: 10_000 })).rejects.toThrow(/trainLimit 10000 is larger/);
  });

  it('the shuffle follows `splitSeed`: another seed, another split of the same samples; without one, the split runs stored before it had', async () => {
    const mnist = { source: 'mnist', trainLimit: 400, validation: 100, validationFrom: 'shuffled' } as const;
    const unseeded = await loadDataSource(mnist);
    // the first validation labels of the one split every search shared until the split took a seed (seed 0): stored runs reload unchanged
    expect(Array.from(unseeded.test.y.subarray(0, 12))).toEqual(OLD_SPLIT_FIRST_LABELS);
    expect(Array.from((await loadDataSource({ ...mnist, splitSeed: 0 })).test.y)).toEqual(Array.from(unseeded.test.y));
    const seeded = await loadDataSource({ ...mnist, splitSeed: 1 });
    expect(Array.from(seeded.test.y)).not.toEqual(Array.from(unseeded.test.y));
    expect(Array.from(seeded.test.y).sort()).not.toEqual(Array.from(unseeded.test.y).sort());
    const all = (d: typeof seeded) => [...Array.from(d.test.y), ...Array.from(d.train.y)].sort();
    expect(all(seeded)).toEqual(all(unseeded));
    expect(Array.from((await loadDataSource({ ...mnist, splitSeed: 1 })).test.y)).toEqual(Array.from(seeded.test.y));
  });

  it('refuses a split seed that is not a whole number from 0, by name', () => {
    for (const splitSeed of [-1, 1.5, '1']) {
      expect(() => validateExperiment({ ...spiral, data: { ...spiral.data, splitSeed } } as unknown as Experiment)).toThrow(/splitSeed/);
    }
    expect(validateExperiment({ ...spiral, data: { ...spiral.data, splitSeed: 4 } }).experiment.data.splitSeed).toBe(4);
  });
});
