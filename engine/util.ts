// im2col and col2im, the book's common/util.py: the trick of chapter 7 that turns a convolution (and
// a pooling) into work on a matrix. im2col copies every filter-sized window of the zero-padded input
// out as one row — rows in (n, out_y, out_x) order, each row in (c, y, x) order, the order of the
// book's transpose(0, 4, 5, 1, 2, 3) — and col2im adds every row back onto the window it came from.
// Overlapping windows add up, and what lands on the padding is dropped. (The fast layers have their
// own copies of both in kernels/im2col.ts; these are the ones to read.)

import { Tensor, type DType, type Shape } from './tensor';

/** The book's conv output size: 1 + (H + 2·pad − FH) / stride. */
export function outputSize(input: number, filter: number, stride: number, pad: number): number {
  return 1 + (input + 2 * pad - filter) / stride;
}

/** (N, C, H, W) → (N·out_h·out_w, C·filter_h·filter_w): one window per row. */
export function im2col(input: Tensor, filter_h: number, filter_w: number, stride = 1, pad = 0): Tensor {
  const [N, C, H, W] = input.shape as [number, number, number, number];
  const out_h = outputSize(H, filter_h, stride, pad);
  const out_w = outputSize(W, filter_w, stride, pad);
  const col = Tensor.zeros([N * out_h * out_w, C * filter_h * filter_w], input.dtype);
  const pixels = input.data,
    cols = col.data;
  let at = 0;
  for (let n = 0; n < N; n++) {
    for (let oy = 0; oy < out_h; oy++) {
      for (let ox = 0; ox < out_w; ox++) {
        // one window, the row for (n, oy, ox)
        for (let c = 0; c < C; c++) {
          for (let y = 0; y < filter_h; y++) {
            const iy = oy * stride + y - pad;
            if (iy < 0 || iy >= H) {
              at += filter_w; // a row of padding: zeros
              continue;
            }
            const row = ((n * C + c) * H + iy) * W;
            for (let x = 0; x < filter_w; x++, at++) {
              const ix = ox * stride + x - pad;
              if (ix >= 0 && ix < W) cols[at] = pixels[row + ix]!;
            }
          }
        }
      }
    }
  }
  return col;
}

/** The way back: each row of col added onto its window of a zero (N, C, H, W) image of `dtype`. */
export function col2im(col: Tensor, input_shape: Shape, filter_h: number, filter_w: number, stride = 1, pad = 0, dtype: DType = col.dtype): Tensor {
  const [N, C, H, W] = input_shape as [number, number, number, number];
  const out_h = outputSize(H, filter_h, stride, pad);
  const out_w = outputSize(W, filter_w, stride, pad);
  const img = Tensor.zeros(input_shape, dtype);
  const dx = img.data,
    cols = col.data;
  let at = 0;
  for (let n = 0; n < N; n++) {
    for (let oy = 0; oy < out_h; oy++) {
      for (let ox = 0; ox < out_w; ox++) {
        for (let c = 0; c < C; c++) {
          for (let y = 0; y < filter_h; y++) {
            const iy = oy * stride + y - pad;
            if (iy < 0 || iy >= H) {
              at += filter_w; // a row of padding: dropped
              continue;
            }
            const row = ((n * C + c) * H + iy) * W;
            for (let x = 0; x < filter_w; x++, at++) {
              const ix = ox * stride + x - pad;
              if (ix >= 0 && ix < W) dx[row + ix]! += cols[at]!;
            }
          }
        }
      }
    }
  }
  return img;
}
