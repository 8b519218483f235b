// The validation split (§6.5): `data.validation: N` holds out the last N training samples, trains on the
// rest (trainLimit then takes the first of those) and measures the run on them instead of the test split.
// Held here: views not copies, disjoint from the training samples, the test split gone from the dataset,
// every refusal a sentence, and the experiment file accepting (and naming) the field.

import { describe, expect, it } from 'vitest';
import { holdOutValidation, limitTrain, selectSplits, type Dataset } from '../../../engine/data/dataset';
import { LabError } from '../../../engine/errors';
import { parseExperiment, validateExperiment } from '../../../engine/experiment';
import { loadDataSource } from '../../../engine/node/datasets';

/** 10 training samples of 2 features whose values are their own index (sample i = [i, i + 0.5]), 3 test samples. */
function indexed(): Dataset {
  const train = {
    x: Float32Array.from({ length: 20 }, (_, k) => Math.floor(k / 2) + (k % 2) * 0.5),
    y: Uint8Array.from({ length: 10 }, (_, i) => i % 3),
    count: 10,
  };
  const test = { x: new Float32Array(6).fill(-1), y: new Uint8Array(3).fill(2), count: 3 };
  return { source: 'indexed', description: '', inputShape: [2], classes: 3, train, test };
}

function caught(fn: () => unknown): LabError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

const samplesOf = (x: ArrayLike<number>) => Array.from({ length: x.length / 2 }, (_, i) => x[2 * i]);

describe('holdOutValidation', () => {
  it('measures on the last N training samples and trains on the rest; the test split is no longer in the dataset', () => {
    const dataset = indexed();
    const held = holdOutValidation(dataset, 3);
    expect(held.evaluatedOn).toBe('validation');
    expect(held.train.count).toBe(7);
    expect(held.test.count).toBe(3);
    expect(samplesOf(held.train.x)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(samplesOf(held.test.x)).toEqual([7, 8, 9]);
    expect(Array.from(held.test.y)).toEqual([1, 2, 0]);
    expect(Object.values(held).includes(dataset.test)).toBe(false);
    expect(held.test.x).not.toBe(dataset.test.x);
  });

  it('returns views on the training split’s memory, not copies', () => {
    const dataset = indexed();
    const held = holdOutValidation(dataset, 4);
    expect(held.train.x.buffer).toBe(dataset.train.x.buffer);
    expect(held.test.x.buffer).toBe(dataset.train.x.buffer);
    expect(held.test.y.buffer).toBe(dataset.train.y.buffer);
    expect(held.test.x.byteOffset).toBe(6 * 2 * 4);
    dataset.train.x[19] = 42;
    expect(held.test.x[7]).toBe(42);
  });

  it('leaves a dataset alone without a validation count', () => {
    const dataset = indexed();
    expect(holdOutValidation(dataset, undefined)).toBe(dataset);
    expect(selectSplits(dataset, {})).toBe(dataset);
  });

  it('refuses N below 1, fractions, and N that leaves nothing to train on', () => {
    for (const n of [0, -1, 2.5, Number.NaN]) {
      expect(caught(() => holdOutValidation(indexed(), n)).message).toBe(`validation must be a whole number of at least 1, but it is ${n}.`);
    }
    expect(caught(() => holdOutValidation(indexed(), 10)).message).toBe(
      'validation 10 would hold out every training sample of "indexed", which holds 10: keep at least one for training (at most 9).',
    );
    expect(caught(() => holdOutValidation(indexed(), 11)).kind).toBe('data');
    expect(holdOutValidation(indexed(), 9).train.count).toBe(1);
  });
});

describe('selectSplits: validation first, then trainLimit of what remains', () => {
  it('trains on the first trainLimit samples and validates on the last N, disjoint', () => {
    const split = selectSplits(indexed(), { validation: 2, trainLimit: 5 });
    expect(samplesOf(split.train.x)).toEqual([0, 1, 2, 3, 4]);
    expect(samplesOf(split.test.x)).toEqual([8, 9]);
    const trained = new Set(samplesOf(split.train.x));
    expect(samplesOf(split.test.x).some((v) => trained.has(v))).toBe(false);
    expect(selectSplits(indexed(), { validation: 2, trainLimit: 8 }).train.count).toBe(8);
  });

  it('without validation is limitTrain, measured on the test split', () => {
    const dataset = indexed();
    const limited = selectSplits(dataset, { trainLimit: 4 });
    expect(limited).toEqual(limitTrain(dataset, 4));
    expect(limited.test).toBe(dataset.test);
    expect(limited.evaluatedOn).toBeUndefined();
  });

  it('refuses a trainLimit larger than what validation leaves, saying how much is left', () => {
    expect(caught(() => selectSplits(indexed(), { validation: 3, trainLimit: 8 })).message).toBe(
      'trainLimit 8 is larger than what remains of the training split of "indexed" once validation holds out 3: 7 samples.',
    );
    expect(caught(() => selectSplits(indexed(), { trainLimit: 11 })).message).toBe(
      'trainLimit 11 is larger than the training split of "indexed", which holds 10 samples.',
    );
  });
});

describe('loadDataSource with validation', () => {
  it('holds out the last N of MNIST’s 8,004 training digits; trainLimit takes the first of the rest', async () => {
    const mnist = await loadDataSource({ source: 'mnist' });
    const split = await loadDataSource({ source: 'mnist', validation: 100, trainLimit: 400 });
    expect([split.train.count, split.test.count, split.evaluatedOn]).toEqual([400, 100, 'validation']);
    expect(Array.from(split.test.y)).toEqual(Array.from(mnist.train.y.subarray(7904)));
    expect(Array.from(split.train.y)).toEqual(Array.from(mnist.train.y.subarray(0, 400)));
    const all = await loadDataSource({ source: 'mnist', validation: 1000 });
    expect([all.train.count, all.test.count]).toEqual([7004, 1000]);
  });

  it('refuses with sentences: N ≥ the training split, N < 1, trainLimit beyond what remains', async () => {
    const message = async (data: Parameters<typeof loadDataSource>[0]) => {
      try {
        await loadDataSource(data);
      } catch (error) {
        return (error as Error).message;
      }
      return 'loaded';
    };
    expect(await message({ source: 'mnist', validation: 8004 })).toBe(
      'validation 8004 would hold out every training sample of "mnist", which holds 8,004: keep at least one for training (at most 8,003).',
    );
    expect(await message({ source: 'mnist', validation: 0 })).toBe('validation must be a whole number of at least 1, but it is 0.');
    expect(await message({ source: 'spiral', validation: '5' as unknown as number })).toBe('validation must be a whole number of at least 1, but it is "5".');
    expect(await message({ source: 'mnist', validation: 100, trainLimit: 7905 })).toBe(
      'trainLimit 7905 is larger than what remains of the training split of "mnist" once validation holds out 100: 7,904 samples.',
    );
    expect(await message({ source: 'mnist', validation: 100, trainLimit: 7904 })).toBe('loaded');
  });
});

describe('the experiment file’s data.validation', () => {
  const experiment = (data: Record<string, unknown>) => ({
    format: 'dlab-experiment',
    version: 1,
    model: { input: [2], layers: [{ type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
    data: { source: 'spiral', ...data },
    training: { optimizer: { type: 'sgd' } },
  });

  it('is accepted as a whole number and kept; left out, it is absent', () => {
    expect(validateExperiment(experiment({ validation: 40, trainLimit: 100 })).experiment.data).toEqual({ source: 'spiral', validation: 40, trainLimit: 100 });
    expect('validation' in validateExperiment(experiment({})).experiment.data).toBe(false);
  });

  it('is refused by name when it is not a whole number of at least 1', () => {
    expect(() => parseExperiment(JSON.stringify(experiment({ validation: 0 })), 'search.dlab.json')).toThrow(/^search\.dlab\.json: .*"validation"/);
    expect(() => validateExperiment(experiment({ validation: 2.5 }))).toThrow(/"validation"/);
    expect(() => validateExperiment(experiment({ validation: '100' }))).toThrow(/"validation"/);
  });

  it('is named among the data section’s fields when an unknown one is refused', () => {
    expect(() => validateExperiment(experiment({ validate: 100 }))).toThrow(
      /unknown field "validate" \(it takes "trainLimit", "validation", "validationFrom", "splitSeed", "samples", "noise", "channels", "width", "height"\)/,
    );
  });
});
