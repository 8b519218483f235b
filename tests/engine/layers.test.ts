import { describe, expect, it } from 'vitest';
import { Affine } from '../../engine/layers/Affine';
import { BatchNormalization } from '../../engine/layers/BatchNormalization';
import { Convolution } from '../../engine/layers/Convolution';
import { Dropout } from '../../engine/layers/Dropout';
import { Flatten } from '../../engine/layers/Flatten';
import { Pooling } from '../../engine/layers/Pooling';
import { Relu } from '../../engine/layers/Relu';
import { Sigmoid } from '../../engine/layers/Sigmoid';
import { SoftmaxWithLoss } from '../../engine/layers/SoftmaxWithLoss';
import { Tanh } from '../../engine/layers/Tanh';
import { im2col, outputSize } from '../../engine/kernels/im2col';
import { Rng } from '../../engine/rng';
import { Tensor } from '../../engine/tensor';
import { tensor } from './helpers';

const close = (actual: ArrayLike<number>, expected: number[], digits = 6) => {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i]!, digits));
};

describe('Convolution: the seed example of chapter 7', () => {
  const input = [
    [1, 2, 3, 0],
    [0, 1, 2, 3],
    [3, 0, 1, 2],
    [2, 3, 0, 1],
  ];
  const filter = [
    [2, 0, 1],
    [0, 1, 2],
    [1, 0, 2],
  ];

  it('stride 1, pad 0 → [[15, 16], [6, 15]]', () => {
    const conv = new Convolution(tensor([1, 1, 3, 3], filter, 'float32'), Tensor.zeros([1]), 1, 0);
    const out = conv.forward(tensor([1, 1, 4, 4], input, 'float32'));
    expect(out.shape).toEqual([1, 1, 2, 2]);
    expect(out.toArray()).toEqual([15, 16, 6, 15]);
  });

  it('adds the bias to every output (book figure 7-5: bias 3 → [[18, 19], [9, 18]])', () => {
    const conv = new Convolution(tensor([1, 1, 3, 3], filter), tensor([1], [3]), 1, 0);
    expect(conv.forward(tensor([1, 1, 4, 4], input)).toArray()).toEqual([18, 19, 9, 18]);
  });

  it('pad 1 → a 4×4 output, the zero border drawn in (book figure 7-6)', () => {
    const conv = new Convolution(tensor([1, 1, 3, 3], filter), Tensor.zeros([1], 'float64'), 1, 1);
    const out = conv.forward(tensor([1, 1, 4, 4], input));
    expect(out.shape).toEqual([1, 1, 4, 4]);
    // Worked by hand from the padded 6×6 input.
    expect(out.toArray()).toEqual([7, 12, 10, 2, 4, 15, 16, 10, 10, 6, 15, 6, 8, 10, 4, 3]);
  });

  it('a 7×7 input with a 3×3 filter and stride 2 gives 3×3 (book figure 7-7)', () => {
    const conv = new Convolution(Tensor.zeros([1, 1, 3, 3], 'float64'), Tensor.zeros([1], 'float64'), 2, 0);
    expect(conv.forward(Tensor.zeros([1, 1, 7, 7], 'float64')).shape).toEqual([1, 1, 3, 3]);
    expect(outputSize(7, 3, 2, 0)).toBe(3);
  });

  it('sums over input channels (3-channel example)', () => {
    // Each channel holds the seed input times (c + 1); the same filter on each → 1 + 2 + 3 = 6× the output.
    const x = tensor(
      [1, 3, 4, 4],
      [1, 2, 3].map((k) => input.map((row) => row.map((v) => v * k))),
    );
    const W = tensor([1, 3, 3, 3], [filter, filter, filter]);
    const out = new Convolution(W, Tensor.zeros([1], 'float64')).forward(x);
    expect(out.toArray()).toEqual([90, 96, 36, 90]);
  });

  it('im2col lays windows out as the book says: (1,3,7,7) with 5×5 → (9, 75); (10,3,7,7) → (90, 75)', () => {
    for (const batch of [1, 10]) {
      const g = { batch, channels: 3, height: 7, width: 7, kernelH: 5, kernelW: 5, stride: 1, pad: 0 };
      const col = new Float64Array(batch * 9 * 75);
      const x = Float64Array.from({ length: batch * 3 * 49 }, (_, i) => i);
      im2col(x, g, col);
      // Row 0 starts with the top-left 5×5 window of channel 0; row 1 is shifted right by one.
      expect(Array.from(col.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
      expect(col[75]).toBe(1);
      expect(col[batch * 9 * 75 - 1]).toBe(x[x.length - 1]);
    }
  });
});

describe('Affine', () => {
  it('forward x·W + b and backward dX = dY·Wᵀ, dW = Xᵀ·dY, db = Σ over the batch', () => {
    const W = tensor(
      [2, 3],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    );
    const b = tensor([3], [0.5, -1, 2]);
    const affine = new Affine(W, b);
    const x = tensor(
      [2, 2],
      [
        [1, 0],
        [2, -1],
      ],
    );
    expect(affine.forward(x).toArray()).toEqual([1.5, 1, 5, -1.5, -2, 2]);
    const dY = tensor(
      [2, 3],
      [
        [1, 0, -1],
        [2, 1, 0],
      ],
    );
    const dx = affine.backward(dY);
    expect(dx.toArray()).toEqual([1 - 3, 4 - 6, 2 + 2, 8 + 5]); // dY·Wᵀ
    expect(affine.grads.W!.toArray()).toEqual([1 + 4, 2, -1, -2, -1, 0]); // Xᵀ·dY
    expect(affine.grads.b!.toArray()).toEqual([3, 1, -1]);
  });

  it('flattens an image input and gives dx back in its shape', () => {
    const affine = new Affine(Tensor.from([4, 1], [1, 2, 3, 4], 'float64'), Tensor.zeros([1], 'float64'));
    const x = tensor(
      [1, 1, 2, 2],
      [
        [
          [
            [1, 1],
            [1, 1],
          ],
        ],
      ],
    );
    expect(affine.forward(x).toArray()).toEqual([10]);
    expect(affine.backward(tensor([1, 1], [2])).shape).toEqual([1, 1, 2, 2]);
  });
});

describe('activations', () => {
  it('Sigmoid backward = dout·y(1 − y)', () => {
    const s = new Sigmoid();
    const y = s.forward(tensor([1, 3], [0, 2, -1])).toArray();
    close(y, [0.5, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(1))], 12);
    const dx = s.backward(tensor([1, 3], [1, 2, 3])).toArray();
    close(dx, [0.25, 2 * y[1]! * (1 - y[1]!), 3 * y[2]! * (1 - y[2]!)], 12);
  });

  it('Tanh backward = dout·(1 − y²)', () => {
    const layer = new Tanh();
    const y = layer.forward(tensor([1, 2], [0.5, -2])).toArray();
    close(layer.backward(tensor([1, 2], [1, 1])).toArray(), [1 - y[0]! ** 2, 1 - y[1]! ** 2], 12);
  });

  it('ReLU passes positives, stops the gradient at x ≤ 0, and never writes into its inputs', () => {
    const relu = new Relu();
    const x = tensor([1, 4], [1, -0.5, 0, 3]);
    expect(relu.forward(x).toArray()).toEqual([1, 0, 0, 3]);
    const dout = tensor([1, 4], [5, 6, 7, 8]);
    expect(relu.backward(dout).toArray()).toEqual([5, 0, 0, 8]);
    expect(x.toArray()).toEqual([1, -0.5, 0, 3]);
    expect(dout.toArray()).toEqual([5, 6, 7, 8]);
  });

  it('Flatten keeps the numbers and restores the shape on the way back', () => {
    const f = new Flatten();
    const x = tensor([2, 1, 1, 2], [1, 2, 3, 4]);
    expect(f.forward(x).shape).toEqual([2, 2]);
    expect(f.backward(tensor([2, 2], [1, 2, 3, 4])).shape).toEqual([2, 1, 1, 2]);
  });
});

describe('Softmax-with-Loss', () => {
  it('gives the cross-entropy of the softmax, and backward (y − t)/N', () => {
    const layer = new SoftmaxWithLoss();
    const x = tensor(
      [2, 3],
      [
        [0.3, 2.9, 4.0],
        [1, 1, 1],
      ],
    );
    const loss = layer.forward(x, [2, 0]);
    const e = [Math.exp(0.3), Math.exp(2.9), Math.exp(4.0)];
    const sum = e[0]! + e[1]! + e[2]!;
    const y0 = e.map((v) => v / sum); // the book's softmax example: ≈ [0.018, 0.245, 0.737]
    close(y0, [0.01821127, 0.24519181, 0.73659691], 7);
    expect(loss).toBeCloseTo(-(Math.log(y0[2]! + 1e-7) + Math.log(1 / 3 + 1e-7)) / 2, 12);
    const dx = layer.backward().toArray();
    close(dx, [y0[0]! / 2, y0[1]! / 2, (y0[2]! - 1) / 2, (1 / 3 - 1) / 2, 1 / 6, 1 / 6], 12);
  });

  it('takes one-hot labels too, as the book does: the same loss, and backward (y − t)/N', () => {
    const x = tensor(
      [3, 4],
      [
        [0.3, 2.9, 4.0, -1],
        [1, 1, 1, 1],
        [5, -2, 0.5, 0.25],
      ],
    );
    const byIndex = new SoftmaxWithLoss();
    const oneHot = new SoftmaxWithLoss();
    const loss = byIndex.forward(x, [2, 0, 3]);
    const t = tensor(
      [3, 4],
      [
        [0, 0, 1, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 1],
      ],
    );
    expect(oneHot.forward(x, t)).toBe(loss);
    expect(oneHot.backward(0.5).toArray()).toEqual(byIndex.backward(0.5).toArray());
    expect(t.toArray()).toEqual([0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]); // the labels are read, never written
  });
});

describe('Pooling', () => {
  const x = tensor(
    [1, 1, 4, 4],
    [
      [1, 2, 1, 0],
      [0, 1, 2, 3],
      [3, 0, 1, 2],
      [2, 4, 0, 1],
    ],
  );

  it('max pooling 2×2 stride 2 keeps each window maximum (book figure 7-14)', () => {
    const pool = new Pooling('max', 2, 2);
    expect(pool.forward(x).toArray()).toEqual([2, 3, 4, 2]);
    const dx = pool.backward(tensor([1, 1, 2, 2], [10, 20, 30, 40])).toArray();
    expect(dx).toEqual([0, 10, 0, 0, 0, 0, 0, 20, 0, 0, 0, 40, 0, 30, 0, 0]);
  });

  it('sends the gradient to the first maximum on a tie, like np.argmax', () => {
    const pool = new Pooling('max', 2, 2);
    pool.forward(tensor([1, 1, 2, 2], [5, 5, 5, 5]));
    expect(pool.backward(tensor([1, 1, 1, 1], [1])).toArray()).toEqual([1, 0, 0, 0]);
  });

  it('average pooling shares the gradient over the window', () => {
    const pool = new Pooling('average', 2, 2);
    expect(pool.forward(x).toArray()).toEqual([1, 1.5, 2.25, 1]);
    expect(
      pool
        .backward(tensor([1, 1, 2, 2], [4, 8, 0, 0]))
        .toArray()
        .slice(0, 4),
    ).toEqual([1, 1, 2, 2]);
  });
});

describe('BatchNormalization', () => {
  it('normalises each feature over the batch in training and uses running statistics at inference', () => {
    const bn = new BatchNormalization(tensor([2], [1, 2]), tensor([2], [0, 1]));
    const x = tensor(
      [4, 2],
      [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 40],
      ],
    );
    const y = bn.forward(x, true).toArray();
    const sd = Math.sqrt(1.25 + 1e-6); // the book's 10e-7
    close(
      y.filter((_, i) => i % 2 === 0),
      [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd],
      9,
    );
    // mean of feature 1 is 25: running_mean = 0.9·0 + 0.1·25
    close(bn.buffers.running_mean.toArray(), [0.25, 2.5], 12);
    close(bn.buffers.running_var.toArray(), [0.125, 12.5], 12);
    const inference = bn.forward(tensor([1, 2], [0.25, 2.5]), false).toArray();
    close(inference, [0, 1], 12); // (x − running_mean) = 0 → beta
  });
});

describe('Dropout', () => {
  it('drops about `ratio` of the values in training, scales by (1 − ratio) at inference', () => {
    const layer = new Dropout(0.3, new Rng(1));
    const x = Tensor.from([1, 10000], new Array(10000).fill(2), 'float64');
    const kept = layer
      .forward(x, true)
      .toArray()
      .filter((v) => v !== 0).length;
    expect(kept / 10000).toBeGreaterThan(0.68);
    expect(kept / 10000).toBeLessThan(0.72);
    const dx = layer.backward(Tensor.from([1, 10000], new Array(10000).fill(1), 'float64')).toArray();
    expect(dx.filter((v) => v !== 0).length).toBe(kept);
    expect(layer.forward(x, false).toArray()[0]).toBeCloseTo(1.4, 12);
  });
});
