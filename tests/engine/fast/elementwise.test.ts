// The fast twins of ReLU, Affine, Softmax-with-Loss, Dropout and BatchNormalization against the
// readable layers: identical numbers, special values included, with batch sizes changing between calls.

import { describe, expect, it } from 'vitest';
import { Affine } from '../../../engine/layers/Affine';
import { BatchNormalization } from '../../../engine/layers/BatchNormalization';
import { Dropout } from '../../../engine/layers/Dropout';
import { FastAffine } from '../../../engine/layers/fast/FastAffine';
import { FastBatchNormalization } from '../../../engine/layers/fast/FastBatchNormalization';
import { FastDropout } from '../../../engine/layers/fast/FastDropout';
import { FastRelu } from '../../../engine/layers/fast/FastRelu';
import { FastSoftmaxWithLoss } from '../../../engine/layers/fast/FastSoftmaxWithLoss';
import type { Layer } from '../../../engine/layers/Layer';
import { Relu } from '../../../engine/layers/Relu';
import { SoftmaxWithLoss } from '../../../engine/layers/SoftmaxWithLoss';
import { Rng } from '../../../engine/rng';
import { Tensor, type DType } from '../../../engine/tensor';
import { expectSame, expectTwins, randomTensor, rngFor, tiedTensor } from './compare';

const dtypes: DType[] = ['float32', 'float64'];

describe('FastRelu', () => {
  it.each(dtypes)('%s: same y and dx as Relu, batches 7, 3, 7, image-shaped and flat', (dtype) => {
    const rng = rngFor(`relu ${dtype}`);
    const fast = new FastRelu(),
      reference = new Relu();
    for (const shape of [
      [7, 3, 5, 5],
      [3, 3, 5, 5],
      [7, 3, 5, 5],
      [4, 11],
    ]) {
      const x = randomTensor(shape, dtype, rng, 0.2);
      expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `shape ${String(shape)}`);
    }
  });

  it.each(dtypes)('%s: the special values — NaN passes both ways, −0 and every negative stop, ±∞', (dtype) => {
    const rng = rngFor(`relu specials ${dtype}`);
    const specials = [Number.NaN, -Number.NaN, -0, 0, Infinity, -Infinity, 1e-45, -1e-45, 1e-40, -1e-40, 3.4e38, -3.4e38, 1, -1];
    const x = tiedTensor([8, 50], dtype, rng, specials);
    if (dtype === 'float32') {
      // A NaN with its sign bit set, which a sign test alone would stop
      new Int32Array(x.data.buffer)[3] = -1;
      expect(Number.isNaN(x.data[3])).toBe(true);
    }
    const dout = tiedTensor([8, 50], dtype, rng, [...specials, 2.5]);
    expectTwins(new FastRelu(), new Relu(), x, () => dout, 'specials');
  });

  it('keeps its output while the shape stays; an inference pass does not disturb the training mask', () => {
    const rng = rngFor('relu buffers');
    const fast = new FastRelu(),
      reference: Layer = new Relu();
    const x = randomTensor([5, 6], 'float32', rng);
    const y = fast.forward(x, true);
    reference.forward(x, true);
    expect(fast.forward(randomTensor([5, 6], 'float32', rng), true)).toBe(y);
    fast.forward(x, true);
    fast.forward(randomTensor([9, 6], 'float32', rng), false);
    const dout = randomTensor([5, 6], 'float32', rng);
    expectSame(fast.backward(dout), reference.backward(dout), 'dx');
  });
});

describe('FastAffine', () => {
  it.each(dtypes)('%s: same out, dx, dW, db as Affine, with an image-shaped input and changing batches', (dtype) => {
    const rng = rngFor(`affine ${dtype}`);
    for (const [inputs, units] of [
      [4320, 100],
      [100, 10],
      [5, 3],
      [3, 70],
    ]) {
      const W = randomTensor([inputs!, units!], dtype, rng),
        b = randomTensor([units!], dtype, rng);
      const fast = new FastAffine(W, b),
        reference = new Affine(W, b);
      for (const batch of [6, 2, 6]) {
        const x = inputs === 4320 ? randomTensor([batch, 30, 12, 12], dtype, rng, 0.5) : randomTensor([batch, inputs!], dtype, rng);
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `${inputs}→${units}, batch ${batch}`);
      }
    }
  });

  it('backwardParams fills dW and db exactly as backward does', () => {
    const rng = rngFor('affine params only');
    const W = randomTensor([20, 8], 'float32', rng),
      b = randomTensor([8], 'float32', rng);
    const fast = new FastAffine(W, b),
      reference: Layer = new Affine(W, b);
    const x = randomTensor([5, 20], 'float32', rng);
    fast.forward(x, true);
    reference.forward(x, true);
    const dout = randomTensor([5, 8], 'float32', rng);
    fast.backwardParams(dout);
    reference.backward(dout);
    expectSame(fast.grads.W!, reference.grads.W!, 'dW');
    expectSame(fast.grads.b!, reference.grads.b!, 'db');
  });
});

describe('FastSoftmaxWithLoss', () => {
  it.each(dtypes)('%s: same loss, y and (y − t)/N, with delta 1e-7 and 0, large scores and changing batches', (dtype) => {
    const rng = rngFor(`softmax ${dtype}`);
    const fast = new FastSoftmaxWithLoss(),
      reference = new SoftmaxWithLoss();
    for (const [batch, scale, delta] of [
      [5, 1, 1e-7],
      [3, 30, 1e-7],
      [5, 1000, 0],
      [1, 1, 0],
    ]) {
      fast.delta = reference.delta = delta!;
      const x = randomTensor([batch!, 10], dtype, rng);
      for (let i = 0; i < x.size; i++) x.data[i]! *= scale!;
      const t = Uint8Array.from({ length: batch! }, () => rng.int(10));
      expect(fast.forward(x, t)).toBe(reference.forward(x, t));
      expectSame(fast.y!, reference.y!, 'y');
      expectSame(fast.backward(1), reference.backward(1), 'dx');
      expectSame(fast.backward(0.5), reference.backward(0.5), 'dx (dout 0.5)');
    }
  });
});

describe('FastDropout', () => {
  it.each(dtypes)('%s: the same masks from the same stream, the same scaling at inference', (dtype) => {
    const rng = rngFor(`dropout ${dtype}`);
    for (const ratio of [0.5, 0.2, 0]) {
      const fast = new FastDropout(ratio, new Rng(3, 'dropout')),
        reference = new Dropout(ratio, new Rng(3, 'dropout'));
      for (const batch of [4, 9, 4]) {
        const x = randomTensor([batch, 6, 5], dtype, rng);
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `ratio ${ratio}, batch ${batch}`);
        expectSame(fast.forward(x, false), reference.forward(x, false), 'inference');
      }
    }
  });
});

describe('FastBatchNormalization', () => {
  it.each(dtypes)('%s: same out, dx, dgamma, dbeta and running statistics, in training and at inference', (dtype) => {
    const rng = rngFor(`batchnorm ${dtype}`);
    for (const shape of [
      [6, 20],
      [3, 2, 4, 4],
    ]) {
      const d = shape.slice(1).reduce((a, b) => a * b, 1);
      const make = () => {
        const p = new Rng(5, 'params');
        const gamma = Tensor.zeros([d], dtype),
          beta = Tensor.zeros([d], dtype);
        for (let j = 0; j < d; j++) {
          gamma.data[j] = 1 + 0.3 * p.normal();
          beta.data[j] = 0.3 * p.normal();
        }
        return [gamma, beta, 0.9, Tensor.zeros([d], dtype), Tensor.zeros([d], dtype)] as const;
      };
      const fast = new FastBatchNormalization(...make()),
        reference = new BatchNormalization(...make());
      for (const batch of [shape[0], 2, shape[0]]) {
        const x = randomTensor([batch!, ...shape.slice(1)], dtype, rng);
        for (let i = 0; i < x.size; i++) x.data[i] = 3 * x.data[i]! + 1;
        expectTwins(fast, reference, x, (out) => randomTensor(out.shape, dtype, rng), `shape ${String(shape)}, batch ${batch}`);
        expectSame(fast.buffers.running_mean, reference.buffers.running_mean, 'running mean');
        expectSame(fast.buffers.running_var, reference.buffers.running_var, 'running variance');
        expectSame(fast.forward(x, false), reference.forward(x, false), 'inference');
      }
    }
  });
});
