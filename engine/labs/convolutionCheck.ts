// The explorer's numbers, computed a second time by the engine itself: its Convolution layer (im2col
// and one matrix product), its im2col kernel and its Pooling layer, in float64 so small whole numbers
// stay exact. The explorer shows whether its window-by-window sums agree — what the learner steps
// through is what the networks compute.

import { im2col } from '../kernels/im2col';
import { Convolution } from '../layers/Convolution';
import { Pooling } from '../layers/Pooling';
import { Tensor } from '../tensor';
import { filterColumn, type ConvolutionWalk, type Grid, type PoolingWalk, type PoolMode } from './convolutionSteps';

function channelsTensor(channels: readonly Grid[]): Tensor {
  const h = channels[0]!.length,
    w = h ? channels[0]![0]!.length : 0;
  return Tensor.from(
    [1, channels.length, h, w],
    channels.flatMap((g) => g.flat()),
    'float64',
  );
}

function toGrid(data: ArrayLike<number>, rows: number, cols: number, offset = 0): Grid {
  return Array.from({ length: rows }, (_, y) => Array.from({ length: cols }, (_, x) => data[offset + y * cols + x]!));
}

/** One filter, no bias, through the engine's Convolution layer: the output as a grid. */
export function engineConvolution(input: readonly Grid[], filter: readonly Grid[], stride: number, pad: number): Grid {
  const x = channelsTensor(input);
  const fh = filter[0]!.length,
    fw = filter[0]![0]!.length;
  const W = Tensor.from([1, filter.length, fh, fw], filterColumn(filter), 'float64');
  const out = new Convolution(W, Tensor.zeros([1], 'float64'), stride, pad).forward(x);
  return toGrid(out.data, out.shape[2]!, out.shape[3]!);
}

/** The engine's im2col matrix of the input: (OH·OW) rows of C·FH·FW values. */
export function engineIm2col(input: readonly Grid[], fh: number, fw: number, stride: number, pad: number, outH: number, outW: number): Grid {
  const x = channelsTensor(input);
  const [, channels, height, width] = x.shape as [number, number, number, number];
  const rowLength = channels * fh * fw;
  const col = new Float64Array(outH * outW * rowLength);
  im2col(x.data, { batch: 1, channels, height, width, kernelH: fh, kernelW: fw, stride, pad }, col);
  return toGrid(col, outH * outW, rowLength);
}

/** The engine's Pooling layer on one channel. */
export function enginePooling(input: Grid, size: number, stride: number, mode: PoolMode): Grid {
  const out = new Pooling(mode, size, stride, 0).forward(channelsTensor([input]));
  return toGrid(out.data, out.shape[2]!, out.shape[3]!);
}

const sameGrid = (a: Grid, b: Grid): boolean =>
  a.length === b.length && a.every((row, y) => row.length === b[y]!.length && row.every((v, x) => Math.abs(v - b[y]![x]!) <= 1e-9 * Math.max(1, Math.abs(v))));

export interface EngineAgreement {
  /** The window sums equal the Convolution layer's output. */
  convolution: boolean;
  /** The windows, laid out as rows, equal the engine's im2col matrix. */
  im2col: boolean;
}

export function checkConvolution(walk: ConvolutionWalk, input: readonly Grid[], filter: readonly Grid[], stride: number, pad: number): EngineAgreement | null {
  if (walk.size.problem) return null;
  const fh = filter[0]!.length,
    fw = filter[0]![0]!.length;
  return {
    convolution: sameGrid(walk.output, engineConvolution(input, filter, stride, pad)),
    im2col: sameGrid(
      walk.steps.map((s) => s.terms.map((t) => t.value)),
      engineIm2col(input, fh, fw, stride, pad, walk.size.outH, walk.size.outW),
    ),
  };
}

export function checkPooling(walk: PoolingWalk, input: Grid, size: number, stride: number, mode: PoolMode): boolean | null {
  if (walk.size.problem) return null;
  return sameGrid(walk.output, enginePooling(input, size, stride, mode));
}
