// im2col and col2im, the trick of chapter 7 that turns a convolution into one matrix product.
//
// im2col lays every filter-sized window of the (zero-padded) input out as one row:
//   col[(n, oy, ox), (c, ky, kx)] = x[n, c, oy·S + ky − P, ox·S + kx − P]   (0 outside the input)
// so a convolution becomes col · Wᵀ with W reshaped to (FN, C·FH·FW) — the book's `im2col` exactly.
// col2im is its adjoint: it adds every row back onto the window it came from, which is what the
// backward pass needs (overlapping windows add up, as in the book's `col2im`).

import type { FloatArray } from '../tensor';

export interface ConvGeometry {
  batch: number;
  channels: number;
  height: number;
  width: number;
  kernelH: number;
  kernelW: number;
  stride: number;
  pad: number;
}

/** OH = (H + 2P − FH)/S + 1: the output size; a non-whole result means the windows do not tile the input. */
export function outputSize(input: number, kernel: number, stride: number, pad: number): number {
  return (input + 2 * pad - kernel) / stride + 1;
}

export function convOutputShape(g: ConvGeometry): { outH: number; outW: number } {
  return {
    outH: outputSize(g.height, g.kernelH, g.stride, g.pad),
    outW: outputSize(g.width, g.kernelW, g.stride, g.pad),
  };
}

/** Writes the (N·OH·OW) × (C·FH·FW) matrix of windows of x into `col`. */
export function im2col(x: FloatArray, g: ConvGeometry, col: FloatArray): void {
  const { batch, channels, height, width, kernelH, kernelW, stride, pad } = g;
  const { outH, outW } = convOutputShape(g);
  const rowLength = channels * kernelH * kernelW;
  let row = 0;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, row++) {
        let p = row * rowLength;
        for (let c = 0; c < channels; c++) {
          const plane = (n * channels + c) * height * width;
          for (let ky = 0; ky < kernelH; ky++) {
            const y = oy * stride + ky - pad;
            const inside = y >= 0 && y < height;
            for (let kx = 0; kx < kernelW; kx++, p++) {
              const xx = ox * stride + kx - pad;
              col[p] = inside && xx >= 0 && xx < width ? x[plane + y * width + xx]! : 0;
            }
          }
        }
      }
    }
  }
}

/** Adds every row of `col` back onto its window of dx (zeroed first); the padding is dropped. */
export function col2im(col: FloatArray, g: ConvGeometry, dx: FloatArray): void {
  const { batch, channels, height, width, kernelH, kernelW, stride, pad } = g;
  const { outH, outW } = convOutputShape(g);
  const rowLength = channels * kernelH * kernelW;
  dx.fill(0);
  let row = 0;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, row++) {
        let p = row * rowLength;
        for (let c = 0; c < channels; c++) {
          const plane = (n * channels + c) * height * width;
          for (let ky = 0; ky < kernelH; ky++) {
            const y = oy * stride + ky - pad;
            const inside = y >= 0 && y < height;
            for (let kx = 0; kx < kernelW; kx++, p++) {
              const xx = ox * stride + kx - pad;
              if (inside && xx >= 0 && xx < width) dx[plane + y * width + xx]! += col[p]!;
            }
          }
        }
      }
    }
  }
}
