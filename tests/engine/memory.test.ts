import { describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { validateExperiment } from '../../engine/experiment';
import { checkTrainingMemory, formatBytes, TRAINING_MEMORY_BUDGET, trainingMemory } from '../../engine/memory';
import { planModel } from '../../engine/model';

const experiment = (model: unknown, training: Record<string, unknown> = {}) => ({
  format: 'dlab-experiment',
  version: 1,
  model,
  data: { source: 'mnist' },
  training: { optimizer: { type: 'adam', lr: 0.001 }, batchSize: 100, epochs: 1, seed: 1, ...training },
});

/** 3×512×512 photos through 16 filters of 3×3: 4.2 million values out per image, 14 million im2col values. */
const bigPhotos = {
  input: [3, 512, 512],
  layers: [
    { type: 'conv', filters: 16, kernel: 3, pad: 1 },
    { type: 'relu' },
    { type: 'pool', size: 4, stride: 4 },
    { type: 'affine', units: 10 },
    { type: 'softmax-with-loss' },
  ],
};

function refusal(act: () => unknown): LabError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

describe('the memory of one training step', () => {
  it('counts parameters, a gradient per thread, the optimizer state and what each layer keeps, by hand', () => {
    const plan = planModel({
      input: [4],
      layers: [{ type: 'affine', units: 3 }, { type: 'relu' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }],
    });
    // 23 parameters; Adam keeps m and v: weights + 1 gradient + 2 = 4 copies of 4 bytes.
    // Per sample: the input 4, then output + gradient back of each layer: 3+4, 3+3, 2+3, 2+2 = 26 values.
    expect(trainingMemory(plan, 10, 'adam')).toEqual({ parameters: 23 * 4 * 4, activations: 10 * 26 * 4, bytes: 368 + 1040 });
    expect(trainingMemory(plan, 10, 'sgd', 3).parameters).toBe(23 * 4 * 4); // SGD keeps nothing, 3 threads 3 gradients
    expect(trainingMemory(plan, 0, 'adam')).toEqual({ parameters: 23 * 4, activations: 0, bytes: 92 }); // a weights file: the weights alone
  });

  it('leaves the book’s networks far below the budget', () => {
    const simpleConvNet = planModel({
      input: [1, 28, 28],
      layers: [
        { type: 'conv', filters: 30, kernel: 5 },
        { type: 'relu' },
        { type: 'pool', size: 2, stride: 2 },
        { type: 'affine', units: 100 },
        { type: 'relu' },
        { type: 'affine', units: 10 },
        { type: 'softmax-with-loss' },
      ],
    });
    const bytes = trainingMemory(simpleConvNet, 100, 'adam', 2).bytes;
    expect(bytes).toBeLessThan(TRAINING_MEMORY_BUDGET / 20);
    expect(bytes).toBe(433890 * 5 * 4 + 100 * 125838 * 4); // worked by hand: 433,890 parameters, 125,838 values per image
    expect(formatBytes(bytes)).toBe('59 MB');
  });

  it('refuses at validation, with the figure, a model whose step would not fit', () => {
    const e = refusal(() => validateExperiment(experiment(bigPhotos)));
    expect(e.kind).toBe('spec');
    expect(e.message).toBe('This model would need 14.9 GB for one training step of 100 images; the lab allows 2 GB: use a smaller batch or smaller layers.');
    // The same model on a batch of 10 fits.
    expect(validateExperiment(experiment(bigPhotos, { batchSize: 10 })).plan.paramCount).toBeGreaterThan(0);
  });

  it('counts a gradient for each thread: a large model that fits on one may not on eight', () => {
    const wide = planModel({ input: [4096], layers: [{ type: 'affine', units: 12000 }, { type: 'softmax-with-loss' }] });
    const training = { batchSize: 100, optimizer: { type: 'adam' } };
    expect(() => checkTrainingMemory(wide, training, 1)).not.toThrow();
    expect(refusal(() => checkTrainingMemory(wide, training, 8)).message).toBe(
      'This model would need 2.2 GB for one training step of 100 samples on 8 threads; the lab allows 2 GB: use fewer units or filters.',
    );
  });

  it('says sizes as a learner reads them', () => {
    expect([1, 850e6, 1e9, 3.44e9, 2e9].map(formatBytes)).toEqual(['1 MB', '850 MB', '1 GB', '3.4 GB', '2 GB']);
  });
});
