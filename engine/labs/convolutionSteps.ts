// The convolution explorer's arithmetic (book §7.2–7.5), one window at a time: which input cells a
// window covers (zero padding included), each multiply of a cell by its filter weight, the sum that
// becomes one output cell, the im2col row that window turns into, and pooling's windows. Pure and
// small on purpose: the explorer draws these steps, and the tests hold them to the book's example and
// to the engine's own Convolution and Pooling layers (convolutionCheck.ts).

/** A grid of numbers, rows × columns. */
export type Grid = number[][];

export type SizeProblem =
  | { kind: 'empty' }
  | { kind: 'too-large'; axis: 'height' | 'width'; padded: number; kernel: number }
  | { kind: 'not-whole'; axis: 'height' | 'width'; numerator: number; stride: number };

export interface OutputSize {
  /** (H + 2P − FH)/S + 1, exactly as the formula gives it (may be fractional when it does not fit). */
  outH: number;
  outW: number;
  paddedH: number;
  paddedW: number;
  /** Why no convolution is possible with these numbers, or null. */
  problem: SizeProblem | null;
}

/** The output size formula OH = (H + 2P − FH)/S + 1 for both axes, and why it fails when it does. */
export function outputSizeOf(h: number, w: number, fh: number, fw: number, pad: number, stride: number): OutputSize {
  const paddedH = h + 2 * pad;
  const paddedW = w + 2 * pad;
  const outH = (paddedH - fh) / stride + 1;
  const outW = (paddedW - fw) / stride + 1;
  let problem: SizeProblem | null = null;
  if (h < 1 || w < 1 || fh < 1 || fw < 1 || stride < 1) problem = { kind: 'empty' };
  else if (fh > paddedH) problem = { kind: 'too-large', axis: 'height', padded: paddedH, kernel: fh };
  else if (fw > paddedW) problem = { kind: 'too-large', axis: 'width', padded: paddedW, kernel: fw };
  else if (!Number.isInteger(outH)) problem = { kind: 'not-whole', axis: 'height', numerator: paddedH - fh, stride };
  else if (!Number.isInteger(outW)) problem = { kind: 'not-whole', axis: 'width', numerator: paddedW - fw, stride };
  return { outH, outW, paddedH, paddedW, problem };
}

/** The grid with `pad` rings of zeros around it, as the convolution sees it. */
export function padGrid(grid: Grid, pad: number): Grid {
  const h = grid.length;
  const w = h ? grid[0]!.length : 0;
  return Array.from({ length: h + 2 * pad }, (_, y) =>
    Array.from({ length: w + 2 * pad }, (_, x) => {
      const iy = y - pad,
        ix = x - pad;
      return iy >= 0 && iy < h && ix >= 0 && ix < w ? grid[iy]![ix]! : 0;
    }),
  );
}

/** One multiply of a window: input value × filter weight. Positions are in the padded grid. */
export interface Term {
  channel: number;
  ky: number;
  kx: number;
  /** Row and column in the padded input. */
  y: number;
  x: number;
  value: number;
  weight: number;
  /** The value is one of the padding's zeros. */
  padding: boolean;
}

export interface WindowStep {
  /** 0-based, in the order the windows are visited (row by row, as im2col lays them out). */
  index: number;
  oy: number;
  ox: number;
  /** Top-left corner of the window in the padded input. */
  top: number;
  left: number;
  /** Every multiply, channel by channel, then row by row inside the filter (im2col's column order). */
  terms: Term[];
  /** Σ over one channel's window (the book's figure 7-8 sums these over the channels). */
  channelSums: number[];
  sum: number;
}

export interface ConvolutionWalk {
  size: OutputSize;
  steps: WindowStep[];
  /** The finished output, outH × outW (empty when the size has a problem). */
  output: Grid;
}

/**
 * Slides `filter` (one grid per channel) over `input` (one grid per channel) with padding and stride,
 * and records every window. Input channels must all be one size, and the filter must have as many
 * channels as the input (each channel of the filter meets its channel of the input).
 */
export function convolutionSteps(input: readonly Grid[], filter: readonly Grid[], stride: number, pad: number): ConvolutionWalk {
  if (input.length === 0 || input.length !== filter.length) throw new Error(`the input has ${input.length} channels but the filter ${filter.length}`);
  const h = input[0]!.length,
    w = h ? input[0]![0]!.length : 0;
  const fh = filter[0]!.length,
    fw = fh ? filter[0]![0]!.length : 0;
  const size = outputSizeOf(h, w, fh, fw, pad, stride);
  if (size.problem) return { size, steps: [], output: [] };
  const padded = input.map((g) => padGrid(g, pad));
  const steps: WindowStep[] = [];
  const output: Grid = [];
  for (let oy = 0; oy < size.outH; oy++) {
    const row: number[] = [];
    for (let ox = 0; ox < size.outW; ox++) {
      const top = oy * stride,
        left = ox * stride;
      const terms: Term[] = [];
      const channelSums: number[] = [];
      let sum = 0;
      for (let c = 0; c < input.length; c++) {
        let channelSum = 0;
        for (let ky = 0; ky < fh; ky++) {
          for (let kx = 0; kx < fw; kx++) {
            const y = top + ky,
              x = left + kx;
            const value = padded[c]![y]![x]!;
            const weight = filter[c]![ky]![kx]!;
            const iy = y - pad,
              ix = x - pad;
            terms.push({ channel: c, ky, kx, y, x, value, weight, padding: iy < 0 || iy >= h || ix < 0 || ix >= w });
            channelSum += value * weight;
          }
        }
        channelSums.push(channelSum);
        sum += channelSum;
      }
      steps.push({ index: steps.length, oy, ox, top, left, terms, channelSums, sum });
      row.push(sum);
    }
    output.push(row);
  }
  return { size, steps, output };
}

/** "1·2 + 2·0 + 3·1 = 5": the window's multiplies of one channel (or all), written out. */
export function multiplyAddText(terms: readonly Term[], sum: number, format: (n: number) => string = String): string {
  const show = (n: number) => (n < 0 ? `(${format(n)})` : format(n));
  return `${terms.map((t) => `${show(t.value)}·${show(t.weight)}`).join(' + ')} = ${format(sum)}`;
}

/** The im2col matrix of the walk: one row per window, its values in the order of the filter column. */
export function im2colRows(walk: ConvolutionWalk): Grid {
  return walk.steps.map((s) => s.terms.map((t) => t.value));
}

/** The filter laid out as one column (channel, then row, then column): what each im2col row meets. */
export function filterColumn(filter: readonly Grid[]): number[] {
  return filter.flatMap((g) => g.flat());
}

export type PoolMode = 'max' | 'average';

export interface PoolStep {
  index: number;
  oy: number;
  ox: number;
  top: number;
  left: number;
  /** The window's cells, row by row. */
  cells: { y: number; x: number; value: number }[];
  /** Max pooling: which cell won (the first on a tie, like np.argmax); null for average. */
  chosen: number | null;
  value: number;
}

export interface PoolingWalk {
  size: OutputSize;
  steps: PoolStep[];
  output: Grid;
}

/** Pooling (§7.5) without padding: each size×size window every `stride` cells becomes its max or mean. */
export function poolingSteps(input: Grid, size: number, stride: number, mode: PoolMode): PoolingWalk {
  const h = input.length,
    w = h ? input[0]!.length : 0;
  const out = outputSizeOf(h, w, size, size, 0, stride);
  if (out.problem) return { size: out, steps: [], output: [] };
  const steps: PoolStep[] = [];
  const output: Grid = [];
  for (let oy = 0; oy < out.outH; oy++) {
    const row: number[] = [];
    for (let ox = 0; ox < out.outW; ox++) {
      const top = oy * stride,
        left = ox * stride;
      const cells: PoolStep['cells'] = [];
      for (let ky = 0; ky < size; ky++) for (let kx = 0; kx < size; kx++) cells.push({ y: top + ky, x: left + kx, value: input[top + ky]![left + kx]! });
      let chosen: number | null = null;
      let value: number;
      if (mode === 'max') {
        chosen = 0;
        cells.forEach((cell, i) => {
          if (cell.value > cells[chosen!]!.value) chosen = i;
        });
        value = cells[chosen]!.value;
      } else {
        value = cells.reduce((s, c) => s + c.value, 0) / cells.length;
      }
      steps.push({ index: steps.length, oy, ox, top, left, cells, chosen, value });
      row.push(value);
    }
    output.push(row);
  }
  return { size: out, steps, output };
}
