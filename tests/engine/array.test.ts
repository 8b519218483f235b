// The NumPy-like helpers the readable layers are written in (engine/array.ts), and the book's
// im2col/col2im (engine/util.ts) held to the fast path's own copies in kernels/im2col.ts.

import { describe, expect, it } from 'vitest';
import { add, argmaxRows, dot, reshape, sumRows, transpose } from '../../engine/array';
import { col2im as fastCol2im, im2col as fastIm2col, type ConvGeometry } from '../../engine/kernels/im2col';
import { Tensor } from '../../engine/tensor';
import { col2im, im2col, outputSize } from '../../engine/util';
import { expectSame, randomTensor, rngFor } from './fast/compare';
import { tensor } from './helpers';

describe('array helpers', () => {
  it('dot multiplies matrices as np.dot does, and refuses shapes that do not multiply', () => {
    const a = tensor(
      [2, 3],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    );
    const b = tensor(
      [3, 2],
      [
        [1, 0],
        [0, 1],
        [2, -1],
      ],
    );
    expect(dot(a, b).toArray()).toEqual([7, -1, 16, -1]);
    expect(dot(a, b).shape).toEqual([2, 2]);
    expect(() => dot(a, a)).toThrow(/2×3 and 2×3 do not multiply/);
  });

  it('transpose reverses the axes by default (x.T) and follows any order given', () => {
    const x = tensor(
      [2, 3],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    );
    expect(transpose(x).shape).toEqual([3, 2]);
    expect(transpose(x).toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    // (N, H, W, C) → (N, C, H, W): element [n, h, w, c] lands at [n, c, h, w]
    const nhwc = Tensor.from(
      [2, 2, 3, 4],
      Array.from({ length: 48 }, (_, i) => i),
      'float64',
    );
    const nchw = transpose(nhwc, [0, 3, 1, 2]);
    expect(nchw.shape).toEqual([2, 4, 2, 3]);
    for (const [n, h, w, c] of [
      [0, 0, 0, 0],
      [1, 1, 2, 3],
      [0, 1, 0, 2],
      [1, 0, 2, 1],
    ]) {
      expect(nchw.data[((n! * 4 + c!) * 2 + h!) * 3 + w!]).toBe(nhwc.data[((n! * 2 + h!) * 3 + w!) * 4 + c!]);
    }
    expect(transpose(nchw, [0, 2, 3, 1]).toArray()).toEqual(nhwc.toArray()); // and back
    expect(nhwc.data[1]).toBe(1); // the argument is left alone
  });

  it('reshape fills in −1 and shares the numbers; sumRows and add are np.sum(axis=0) and the broadcast + b', () => {
    const x = tensor(
      [2, 2, 3],
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [7, 8, 9],
          [10, 11, 12],
        ],
      ],
    );
    const flat = reshape(x, [2, -1]);
    expect(flat.shape).toEqual([2, 6]);
    expect(flat.data).toBe(x.data);
    expect(sumRows(flat).toArray()).toEqual([8, 10, 12, 14, 16, 18]);
    expect(
      add(
        tensor(
          [2, 2],
          [
            [1, 2],
            [3, 4],
          ],
        ),
        tensor([2], [10, 20]),
      ).toArray(),
    ).toEqual([11, 22, 13, 24]);
  });

  it('argmaxRows takes the first largest value; NaN never wins, and a row with nothing above −∞ gives −1', () => {
    const x = tensor(
      [4, 3],
      [
        [1, 3, 3],
        [NaN, 2, 1],
        [NaN, NaN, NaN],
        [-Infinity, -Infinity, -5],
      ],
    );
    expect(Array.from(argmaxRows(x))).toEqual([1, 1, -1, 2]);
  });
});

describe("the book's im2col and col2im", () => {
  const cases = [
    { N: 2, C: 3, H: 7, W: 5, FH: 3, FW: 3, stride: 1, pad: 0 },
    { N: 1, C: 2, H: 6, W: 6, FH: 2, FW: 2, stride: 2, pad: 0 },
    { N: 3, C: 1, H: 5, W: 7, FH: 3, FW: 2, stride: 2, pad: 1 },
    { N: 2, C: 2, H: 4, W: 4, FH: 5, FW: 5, stride: 1, pad: 2 },
  ];

  it.each(cases)('give the fast path’s numbers exactly: %o', (c) => {
    const rng = rngFor(`im2col ${JSON.stringify(c)}`);
    const out_h = outputSize(c.H, c.FH, c.stride, c.pad),
      out_w = outputSize(c.W, c.FW, c.stride, c.pad);
    const geometry: ConvGeometry = { batch: c.N, channels: c.C, height: c.H, width: c.W, kernelH: c.FH, kernelW: c.FW, stride: c.stride, pad: c.pad };
    for (const dtype of ['float32', 'float64'] as const) {
      const x = randomTensor([c.N, c.C, c.H, c.W], dtype, rng);
      const col = im2col(x, c.FH, c.FW, c.stride, c.pad);
      expect(col.shape).toEqual([c.N * out_h * out_w, c.C * c.FH * c.FW]);
      const expectedCol = Tensor.zeros(col.shape, dtype);
      fastIm2col(x.data, geometry, expectedCol.data);
      expectSame(col, expectedCol, `${dtype} col`);

      // col2im adds overlapping windows up in the fast path's order: the same sums to the last bit
      const dcol = randomTensor(col.shape, dtype, rng);
      const expectedDx = Tensor.zeros(x.shape, dtype);
      fastCol2im(dcol.data, geometry, expectedDx.data);
      expectSame(col2im(dcol, x.shape, c.FH, c.FW, c.stride, c.pad), expectedDx, `${dtype} col2im`);
    }
  });

  it('im2col of a 1×1×3×3 image with a 2×2 window: the four windows as rows (book figure 7-18 in small)', () => {
    const x = tensor(
      [1, 1, 3, 3],
      [
        [
          [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
        ],
      ],
    );
    expect(im2col(x, 2, 2).toArray()).toEqual([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
    // each pixel comes back once per window that holds it: the corners once, the centre four times
    expect(col2im(im2col(x, 2, 2), x.shape, 2, 2).toArray()).toEqual([1, 4, 3, 8, 20, 12, 7, 16, 9]);
  });
});
