// The convolution explorer's steps held to the book's examples (§7.2–7.5) and to the engine's own
// Convolution layer, im2col kernel and Pooling layer — what the learner steps through is what the
// networks compute.

import { describe, expect, it } from 'vitest';
import { checkConvolution, checkPooling, engineConvolution, engineIm2col, enginePooling } from '../../../engine/labs/convolutionCheck';
import {
  convolutionSteps,
  filterColumn,
  im2colRows,
  multiplyAddText,
  outputSizeOf,
  padGrid,
  poolingSteps,
  type Grid,
} from '../../../engine/labs/convolutionSteps';
import { Rng } from '../../../engine/rng';

const seedInput: Grid = [
  [1, 2, 3, 0],
  [0, 1, 2, 3],
  [3, 0, 1, 2],
  [2, 3, 0, 1],
];
const seedFilter: Grid = [
  [2, 0, 1],
  [0, 1, 2],
  [1, 0, 2],
];

function randomGrid(rows: number, cols: number, rng: Rng): Grid {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.int(11) - 5));
}

describe('the seed example (figure 7-4): stride 1, pad 0', () => {
  const walk = convolutionSteps([seedInput], [seedFilter], 1, 0);

  it('visits four windows, row by row, summing to 15, 16, 6, 15', () => {
    expect(walk.size).toMatchObject({ outH: 2, outW: 2, problem: null });
    expect(walk.steps.map((s) => s.sum)).toEqual([15, 16, 6, 15]);
    expect(walk.steps.map((s) => [s.oy, s.ox, s.top, s.left])).toEqual([
      [0, 0, 0, 0],
      [0, 1, 0, 1],
      [1, 0, 1, 0],
      [1, 1, 1, 1],
    ]);
    expect(walk.output).toEqual([
      [15, 16],
      [6, 15],
    ]);
  });

  it('writes out each multiply-add of a window in order', () => {
    expect(multiplyAddText(walk.steps[0]!.terms, walk.steps[0]!.sum)).toBe('1·2 + 2·0 + 3·1 + 0·0 + 1·1 + 2·2 + 3·1 + 0·0 + 1·2 = 15');
    expect(multiplyAddText(walk.steps[1]!.terms, walk.steps[1]!.sum)).toBe('2·2 + 3·0 + 0·1 + 1·0 + 2·1 + 3·2 + 0·1 + 1·0 + 2·2 = 16');
    expect(multiplyAddText(walk.steps[2]!.terms, walk.steps[2]!.sum)).toBe('0·2 + 1·0 + 2·1 + 3·0 + 0·1 + 1·2 + 2·1 + 3·0 + 0·2 = 6');
    expect(multiplyAddText(walk.steps[3]!.terms, walk.steps[3]!.sum)).toBe('1·2 + 2·0 + 3·1 + 0·0 + 1·1 + 2·2 + 3·1 + 0·0 + 1·2 = 15');
  });

  it('puts negative numbers in brackets', () => {
    const w = convolutionSteps([[[1, -2]]], [[[-3, 4]]], 1, 0);
    expect(multiplyAddText(w.steps[0]!.terms, w.steps[0]!.sum)).toBe('1·(-3) + (-2)·4 = -11');
  });

  it('agrees with the engine’s Convolution layer and im2col', () => {
    expect(engineConvolution([seedInput], [seedFilter], 1, 0)).toEqual([
      [15, 16],
      [6, 15],
    ]);
    expect(checkConvolution(walk, [seedInput], [seedFilter], 1, 0)).toEqual({ convolution: true, im2col: true });
  });
});

describe('padding (figure 7-6) and stride (figure 7-7)', () => {
  it('pad 1 gives a 4×4 output, the same as the engine’s layer', () => {
    const walk = convolutionSteps([seedInput], [seedFilter], 1, 1);
    expect(walk.size).toMatchObject({ outH: 4, outW: 4, paddedH: 6, paddedW: 6, problem: null });
    const expected = [
      [7, 12, 10, 2],
      [4, 15, 16, 10],
      [10, 6, 15, 6],
      [8, 10, 4, 3],
    ];
    expect(walk.output).toEqual(expected);
    expect(engineConvolution([seedInput], [seedFilter], 1, 1)).toEqual(expected);
    // The first window sits on the top-left corner: five of its nine values are padding.
    expect(walk.steps[0]!.terms.filter((t) => t.padding)).toHaveLength(5);
    expect(multiplyAddText(walk.steps[0]!.terms, walk.steps[0]!.sum)).toBe('0·2 + 0·0 + 0·1 + 0·0 + 1·1 + 2·2 + 0·1 + 0·0 + 1·2 = 7');
  });

  it('draws the padding as a ring of zeros', () => {
    expect(
      padGrid(
        [
          [1, 2],
          [3, 4],
        ],
        1,
      ),
    ).toEqual([
      [0, 0, 0, 0],
      [0, 1, 2, 0],
      [0, 3, 4, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('a 7×7 input, a 3×3 filter and stride 2 give 3×3', () => {
    const input = Array.from({ length: 7 }, (_, y) => Array.from({ length: 7 }, (_, x) => y * 7 + x));
    const walk = convolutionSteps([input], [seedFilter], 2, 0);
    expect(walk.size).toMatchObject({ outH: 3, outW: 3, problem: null });
    expect(walk.steps.map((s) => [s.top, s.left])).toEqual([
      [0, 0],
      [0, 2],
      [0, 4],
      [2, 0],
      [2, 2],
      [2, 4],
      [4, 0],
      [4, 2],
      [4, 4],
    ]);
    expect(checkConvolution(walk, [input], [seedFilter], 2, 0)).toEqual({ convolution: true, im2col: true });
  });

  it('names what is wrong when the filter is too large or the stride does not fit', () => {
    expect(outputSizeOf(4, 4, 5, 5, 0, 1).problem).toEqual({ kind: 'too-large', axis: 'height', padded: 4, kernel: 5 });
    expect(outputSizeOf(4, 4, 5, 5, 1, 1).problem).toBeNull();
    expect(outputSizeOf(4, 4, 3, 3, 0, 2)).toMatchObject({ outH: 1.5, problem: { kind: 'not-whole', axis: 'height', numerator: 1, stride: 2 } });
    expect(outputSizeOf(5, 4, 3, 3, 0, 2).problem).toEqual({ kind: 'not-whole', axis: 'width', numerator: 1, stride: 2 });
    expect(outputSizeOf(0, 4, 3, 3, 0, 1).problem).toEqual({ kind: 'empty' });
    expect(convolutionSteps([seedInput], [seedFilter], 2, 0)).toMatchObject({ steps: [], output: [] });
  });
});

describe('im2col: the convolution as one matrix product', () => {
  it('lays each window out as one row, exactly as the engine’s im2col does', () => {
    const walk = convolutionSteps([seedInput], [seedFilter], 1, 0);
    const rows = im2colRows(walk);
    expect(rows).toEqual([
      [1, 2, 3, 0, 1, 2, 3, 0, 1],
      [2, 3, 0, 1, 2, 3, 0, 1, 2],
      [0, 1, 2, 3, 0, 1, 2, 3, 0],
      [1, 2, 3, 0, 1, 2, 3, 0, 1],
    ]);
    expect(rows).toEqual(engineIm2col([seedInput], 3, 3, 1, 0, 2, 2));
    // row · filter column = the output, window by window
    const column = filterColumn([seedFilter]);
    expect(rows.map((r) => r.reduce((s, v, i) => s + v * column[i]!, 0))).toEqual([15, 16, 6, 15]);
  });

  it('matches the engine on random grids, with channels, padding and strides', () => {
    const rng = new Rng(5, 'conv-explorer');
    for (let trial = 0; trial < 40; trial++) {
      const channels = 1 + rng.int(3);
      const h = 1 + rng.int(7),
        w = 1 + rng.int(7);
      const fh = 1 + rng.int(4),
        fw = 1 + rng.int(4);
      const pad = rng.int(3),
        stride = 1 + rng.int(3);
      const input = Array.from({ length: channels }, () => randomGrid(h, w, rng));
      const filter = Array.from({ length: channels }, () => randomGrid(fh, fw, rng));
      const walk = convolutionSteps(input, filter, stride, pad);
      if (walk.size.problem) continue;
      expect(walk.output).toEqual(engineConvolution(input, filter, stride, pad));
      expect(im2colRows(walk)).toEqual(engineIm2col(input, fh, fw, stride, pad, walk.size.outH, walk.size.outW));
    }
  });

  it('notices a wrong sum (the check can fail)', () => {
    const walk = convolutionSteps([seedInput], [seedFilter], 1, 0);
    walk.output[1]![0] = 7;
    expect(checkConvolution(walk, [seedInput], [seedFilter], 1, 0)).toEqual({ convolution: false, im2col: true });
  });
});

describe('three channels (figure 7-8): the channels’ sums add up', () => {
  const input = [
    seedInput,
    [
      [0, 1, 2, 1],
      [1, 0, 1, 2],
      [2, 1, 0, 1],
      [1, 2, 1, 0],
    ],
    [
      [1, 1, 1, 1],
      [0, 0, 0, 0],
      [2, 2, 2, 2],
      [1, 1, 1, 1],
    ],
  ];
  const filter = [
    seedFilter,
    [
      [1, 0, 1],
      [0, 1, 0],
      [1, 0, 1],
    ],
    [
      [0, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ],
  ];
  const walk = convolutionSteps(input, filter, 1, 0);

  it('sums each channel’s window, then the channels', () => {
    // Channel 1 is the seed example; channels 2 and 3 of the first window, by hand:
    expect(walk.steps.map((s) => s.channelSums[0])).toEqual([15, 16, 6, 15]);
    expect(walk.steps[0]!.channelSums[1]).toBe(0 + 2 + 0 + 2 + 0); // corners 0, 2, 2, 0 and the centre 0
    expect(walk.steps[0]!.channelSums[2]).toBe(1 + 0 + 0 + 2); // top 1, left 0, right 0, bottom 2
    expect(walk.steps.map((s) => s.sum)).toEqual(walk.steps.map((s) => s.channelSums.reduce((a, b) => a + b, 0)));
    expect(walk.steps[0]!.sum).toBe(15 + 4 + 3);
    expect(walk.steps[0]!.terms).toHaveLength(27);
  });

  it('equals the engine’s Convolution layer over three channels', () => {
    expect(checkConvolution(walk, input, filter, 1, 0)).toEqual({ convolution: true, im2col: true });
  });
});

describe('pooling (§7.5)', () => {
  const input: Grid = [
    [1, 2, 1, 0],
    [0, 1, 2, 3],
    [3, 0, 1, 2],
    [2, 4, 0, 1],
  ];

  it('max, 2×2, stride 2: the largest of each window, its position marked', () => {
    const walk = poolingSteps(input, 2, 2, 'max');
    expect(walk.output).toEqual([
      [2, 3],
      [4, 2],
    ]);
    expect(walk.steps.map((s) => s.cells[s.chosen!])).toEqual([
      { y: 0, x: 1, value: 2 },
      { y: 1, x: 3, value: 3 },
      { y: 3, x: 1, value: 4 },
      { y: 2, x: 3, value: 2 },
    ]);
    expect(enginePooling(input, 2, 2, 'max')).toEqual([
      [2, 3],
      [4, 2],
    ]);
    expect(checkPooling(walk, input, 2, 2, 'max')).toBe(true);
  });

  it('average, 2×2, stride 2: the mean of each window', () => {
    const walk = poolingSteps(input, 2, 2, 'average');
    expect(walk.output).toEqual([
      [1, 1.5],
      [2.25, 1],
    ]); // (1+2+0+1)/4, (1+0+2+3)/4, (3+0+2+4)/4, (1+2+0+1)/4
    expect(walk.steps.every((s) => s.chosen === null)).toBe(true);
    expect(checkPooling(walk, input, 2, 2, 'average')).toBe(true);
  });

  it('takes the first of equal maxima, like np.argmax and the engine', () => {
    const walk = poolingSteps(
      [
        [5, 5],
        [5, 5],
      ],
      2,
      2,
      'max',
    );
    expect(walk.steps[0]!.chosen).toBe(0);
  });

  it('overlapping windows (size 3, stride 1) and a size that does not fit', () => {
    const walk = poolingSteps(input, 3, 1, 'max');
    expect(walk.output).toEqual([
      [3, 3],
      [4, 4],
    ]);
    expect(checkPooling(walk, input, 3, 1, 'max')).toBe(true);
    expect(poolingSteps(input, 3, 2, 'max').size.problem).toEqual({ kind: 'not-whole', axis: 'height', numerator: 1, stride: 2 });
  });
});
