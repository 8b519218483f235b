// The convolution explorer's state without React: the book's examples load with the right sizes, edits
// start the stepping again, sizes stay within bounds, and a cell that is not a number is named.

import { describe, expect, it } from 'vitest';
import { checkConvolution } from '../../../engine/labs/convolutionCheck';
import { convolutionSteps } from '../../../engine/labs/convolutionSteps';
import { example, explorerReducer, isExplorerState, isGridText, parseGrids, type ExplorerState } from '../../../renderer/labs/convolution/explorerState';

const walkOf = (s: ExplorerState) => {
  const input = parseGrids(s.input, 'input');
  const filter = parseGrids(s.filter, 'filter');
  if (!('grids' in input) || !('grids' in filter)) throw new Error('bad grid');
  return { walk: convolutionSteps(input.grids, filter.grids, s.stride, s.pad), input: input.grids, filter: filter.grids };
};

describe('the explorer’s examples', () => {
  it('the seed example gives 15, 16, 6, 15', () => {
    expect(walkOf(example('seed')).walk.steps.map((s) => s.sum)).toEqual([15, 16, 6, 15]);
  });

  it('padding 1 gives 4×4, the 7×7 stride-2 example 3×3, and both agree with the engine', () => {
    for (const [name, size] of [
      ['padding', 4],
      ['stride', 3],
    ] as const) {
      const s = example(name);
      const { walk, input, filter } = walkOf(s);
      expect(walk.size).toMatchObject({ outH: size, outW: size, problem: null });
      expect(checkConvolution(walk, input, filter, s.stride, s.pad)).toEqual({ convolution: true, im2col: true });
    }
    expect(example('stride').input[0]).toHaveLength(7);
  });

  it('the stride-2 example is the seed slides’ 7×7 grid ("스트라이드: 2"), and its windows give 15 and 17', () => {
    // The slide's rows as printed: each row is the one above moved one cell to the right (0 1 2 3 repeating).
    const slideRows = ['1 2 3 0 1 2 3', '0 1 2 3 0 1 2', '3 0 1 2 3 0 1', '2 3 0 1 2 3 0', '1 2 3 0 1 2 3', '0 1 2 3 0 1 2', '3 0 1 2 3 0 1'];
    const s = example('stride');
    expect(s.input[0]!.map((row) => row.join(' '))).toEqual(slideRows);
    expect(s.stride).toBe(2);
    // By hand: the top-left window is the seed example's first (15); two cells right it is
    // 3·2+0·0+1·1 + 2·0+3·1+0·2 + 1·1+2·0+3·2 = 17; the grid repeats every 4 cells along its diagonals.
    expect(walkOf(s).walk.output).toEqual([
      [15, 17, 15],
      [17, 15, 17],
      [15, 17, 15],
    ]);
  });

  it('three channels: channel 1 is the seed example, and each window sums the three', () => {
    const { walk } = walkOf(example('channels'));
    expect(walk.steps.map((s) => s.channelSums[0])).toEqual([15, 16, 6, 15]);
    expect(walk.steps[0]!.channelSums).toEqual([15, 4, 3]);
    expect(walk.output[0]![0]).toBe(22);
  });
});

describe('edits', () => {
  const stepped = explorerReducer(example('seed'), { type: 'step', by: 3, total: 4 });

  it('steps within 0 … the number of windows', () => {
    expect(stepped.step).toBe(3);
    expect(explorerReducer(stepped, { type: 'step', by: 5, total: 4 }).step).toBe(4);
    expect(explorerReducer(stepped, { type: 'goto', step: -2, total: 4 }).step).toBe(0);
  });

  it('a typed cell changes that cell only and starts the stepping again', () => {
    const s = explorerReducer(stepped, { type: 'cell', which: 'filter', channel: 0, row: 1, col: 2, text: '5' });
    expect(s.filter[0]![1]).toEqual(['0', '1', '5']);
    expect(s.filter[0]![0]).toEqual(['2', '0', '1']);
    expect(s.step).toBe(0);
    expect(walkOf(s).walk.steps[0]!.sum).toBe(15 + 3 * 2); // the weight under the "2" at (1, 2) went from 2 to 5
  });

  it('resizing keeps the old numbers, fills new cells with 0, and stays within bounds', () => {
    const s = explorerReducer(stepped, { type: 'resize', which: 'input', rows: 5, cols: 3 });
    expect(s.input[0]).toEqual([
      ['1', '2', '3'],
      ['0', '1', '2'],
      ['3', '0', '1'],
      ['2', '3', '0'],
      ['0', '0', '0'],
    ]);
    expect(explorerReducer(s, { type: 'resize', which: 'input', rows: 50, cols: 0 }).input[0]!.map((r) => r.length)).toEqual(Array(9).fill(1));
    expect(explorerReducer(s, { type: 'stride', value: 0 }).stride).toBe(1);
    expect(explorerReducer(s, { type: 'pad', value: 9 }).pad).toBe(3);
  });

  it('three channels add zero channels of the same size; one channel keeps the first', () => {
    const three = explorerReducer(example('seed'), { type: 'channels', value: 3 });
    expect(three.input).toHaveLength(3);
    expect(three.filter[2]).toEqual([
      ['0', '0', '0'],
      ['0', '0', '0'],
      ['0', '0', '0'],
    ]);
    expect(walkOf(three).walk.output).toEqual([
      [15, 16],
      [6, 15],
    ]);
    expect(explorerReducer(three, { type: 'channels', value: 1 }).input).toEqual(example('seed').input);
  });

  it('names the first cell that is not a number', () => {
    const s = explorerReducer(example('seed'), { type: 'cell', which: 'input', channel: 0, row: 2, col: 1, text: '4x' });
    expect(parseGrids(s.input, 'input')).toEqual({ bad: { which: 'input', channel: 0, row: 2, col: 1, text: '4x' } });
    expect(parseGrids([[['']]], 'filter')).toEqual({ bad: { which: 'filter', channel: 0, row: 0, col: 0, text: '' } });
    expect(parseGrids([[['−2', ' 1.5 ']]], 'filter')).toEqual({ grids: [[[-2, 1.5]]] });
  });
});

describe('the explorer’s settings as kept for the session', () => {
  it('takes every example and what the reducer makes of it, and only settings the explorer can show', () => {
    for (const name of ['seed', 'padding', 'stride', 'channels'] as const) {
      const state = example(name);
      expect(isExplorerState(state), name).toBe(true);
      const edited = explorerReducer(explorerReducer(state, { type: 'pad', value: 2 }), { type: 'resize', which: 'filter', rows: 2, cols: 4 });
      expect(isExplorerState(edited), `${name} edited`).toBe(true);
    }
    const seed = example('seed');
    const refused: [string, unknown][] = [
      ['not an object', 'seed'],
      ['a walk in progress', { ...seed, step: 2 }],
      ['padding out of range', { ...seed, pad: 4 }],
      ['a stride of 1.5', { ...seed, stride: 1.5 }],
      ['a ragged grid', { ...seed, input: [[['1', '2'], ['3']]] }],
      [
        'a number for a cell',
        {
          ...seed,
          input: [
            [
              [1, 2],
              [3, 4],
            ],
          ],
        },
      ],
      ['two channels', { ...seed, input: [seed.input[0], seed.input[0]], filter: [seed.filter[0], seed.filter[0]] }],
      ['channels that differ', { ...seed, input: explorerReducer(seed, { type: 'channels', value: 3 }).input }],
      ['an input too large', { ...seed, input: [Array.from({ length: 10 }, () => Array(10).fill('0'))] }],
      ['a field missing', { input: seed.input, filter: seed.filter, pad: 0, step: 0 }],
    ];
    for (const [why, value] of refused) expect(isExplorerState(value), why).toBe(false);
    expect(
      isGridText(
        [
          ['1', '2'],
          ['3', '4'],
        ],
        { min: 1, max: 8 },
      ),
    ).toBe(true);
    expect(isGridText([], { min: 1, max: 8 })).toBe(false);
  });
});
