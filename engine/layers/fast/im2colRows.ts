// im2col and col2im for FastConvolution, laid out the other way round from kernels/im2col.ts (read
// that one first): one ROW per filter position (c, ky, kx) and one COLUMN per output pixel (n, oy, ox),
//   colT[(c, ky, kx), (n, oy, ox)] = x[n, c, oy·S + ky − P, ox·S + kx − P]   (0 outside the input)
// — the transpose of the book's col. Two reasons:
//  • the copy runs along whole image rows: for a fixed (c, ky, kx, n, oy) the ox run reads one row of
//    the input (every S-th value) and writes a contiguous stretch of colT, the padding being the zeros
//    before and after the part of the run that lands inside the image;
//  • W (FN × C·FH·FW) · colT is (FN × N·OH·OW): each filter's outputs come out as contiguous planes,
//    so the book's transpose(0, 3, 1, 2) becomes a copy of whole OH·OW planes.

import type { ConvGeometry } from '../../kernels/im2col';
import type { FloatArray } from '../../tensor';

// The output positions o whose window position k lands inside an axis of `size`:
// o·S + k − P ∈ [0, size)  ⇔  (P − k)/S ≤ o ≤ (size − 1 + P − k)/S, clipped to [0, out).
function insideFrom(k: number, stride: number, pad: number, out: number): number {
  return Math.min(out, Math.max(0, Math.ceil((pad - k) / stride)));
}
function insideTo(size: number, k: number, stride: number, pad: number, out: number): number {
  return Math.max(insideFrom(k, stride, pad, out), Math.min(out, Math.floor((size - 1 + pad - k) / stride) + 1));
}

/**
 * Writes the (C·FH·FW) × (count·OH·OW) matrix of windows of samples from…from+count of x (all of them
 * by default) into colT, every element.
 */
export function im2colRows(x: FloatArray, g: ConvGeometry, outH: number, outW: number, colT: FloatArray, from = 0, count = g.batch): void {
  const { channels, height, width, kernelH, kernelW, stride, pad } = g;
  const plane = outH * outW;
  const columns = count * plane;
  for (let c = 0; c < channels; c++) {
    for (let ky = 0; ky < kernelH; ky++) {
      const oyFrom = insideFrom(ky, stride, pad, outH),
        oyTo = insideTo(height, ky, stride, pad, outH);
      for (let kx = 0; kx < kernelW; kx++) {
        const oxFrom = insideFrom(kx, stride, pad, outW),
          oxTo = insideTo(width, kx, stride, pad, outW);
        const row = ((c * kernelH + ky) * kernelW + kx) * columns;
        for (let n = 0; n < count; n++) {
          const image = ((from + n) * channels + c) * height * width;
          let d = row + n * plane;
          for (let oy = 0; oy < outH; oy++, d += outW) {
            if (oy < oyFrom || oy >= oyTo) {
              for (let ox = 0; ox < outW; ox++) colT[d + ox] = 0;
              continue;
            }
            // x index of output column ox: image + y·W + ox·S + kx − P
            const s = image + (oy * stride + ky - pad) * width + kx - pad;
            for (let ox = 0; ox < oxFrom; ox++) colT[d + ox] = 0;
            if (stride === 1) {
              for (let ox = oxFrom; ox < oxTo; ox++) colT[d + ox] = x[s + ox]!;
            } else {
              for (let ox = oxFrom; ox < oxTo; ox++) colT[d + ox] = x[s + ox * stride]!;
            }
            for (let ox = oxTo; ox < outW; ox++) colT[d + ox] = 0;
          }
        }
      }
    }
  }
}

/**
 * Adds every column of dcolT back onto its window of dx (zeroed first), dropping the padding: the book's
 * col2im for this layout. Each element of dx receives its terms in the very order kernels/im2col.ts's
 * col2im adds them — by output pixel (oy, ox) ascending, that is by (ky, kx) descending — so the float
 * sums, rounded after every addition, come out the same to the last bit.
 */
export function col2imRows(dcolT: FloatArray, g: ConvGeometry, outH: number, outW: number, dx: FloatArray): void {
  const { batch, channels, height, width, kernelH, kernelW, stride, pad } = g;
  const plane = outH * outW;
  const columns = batch * plane;
  dx.fill(0);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const image = (n * channels + c) * height * width;
      for (let ky = kernelH - 1; ky >= 0; ky--) {
        const oyFrom = insideFrom(ky, stride, pad, outH),
          oyTo = insideTo(height, ky, stride, pad, outH);
        for (let kx = kernelW - 1; kx >= 0; kx--) {
          const oxFrom = insideFrom(kx, stride, pad, outW),
            oxTo = insideTo(width, kx, stride, pad, outW);
          const row = ((c * kernelH + ky) * kernelW + kx) * columns + n * plane;
          for (let oy = oyFrom; oy < oyTo; oy++) {
            const s = row + oy * outW;
            const d = image + (oy * stride + ky - pad) * width + kx - pad;
            if (stride === 1) {
              for (let ox = oxFrom; ox < oxTo; ox++) dx[d + ox]! += dcolT[s + ox]!;
            } else {
              for (let ox = oxFrom; ox < oxTo; ox++) dx[d + ox * stride]! += dcolT[s + ox]!;
            }
          }
        }
      }
    }
  }
}
