// Convolution (book §7.4.3), by im2col: the windows of the input become the rows of a matrix, the
// filters its columns, and the whole convolution one matrix product plus the bias.
//   x: (N, C, H, W)   W: (FN, C, FH, FW)   b: (FN)   out: (N, FN, OH, OW), OH = (H + 2P − FH)/S + 1
// Backward runs the same product the other way round: dW = colᵀ·dout, dcol = dout·W, dx = col2im(dcol).

import { gemm, rowMajor, transposed } from '../kernels/gemm';
import { col2im, convOutputShape, im2col, type ConvGeometry } from '../kernels/im2col';
import { floatArray, Tensor } from '../tensor';
import { gradsLike, needsForward, type Layer } from './Layer';

export class Convolution implements Layer {
  readonly type = 'conv';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  private cache: { x: Tensor; col: Tensor; geometry: ConvGeometry } | null = null;

  constructor(W: Tensor, b: Tensor, readonly stride = 1, readonly pad = 0) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  forward(x: Tensor): Tensor {
    const { W, b } = this.params;
    const [filters, channels, kernelH, kernelW] = W.shape;
    const [batch, , height, width] = x.shape;
    const geometry: ConvGeometry = { batch, channels, height, width, kernelH, kernelW, stride: this.stride, pad: this.pad };
    const { outH, outW } = convOutputShape(geometry);
    const rows = batch * outH * outW;
    const rowLength = channels * kernelH * kernelW;

    const col = Tensor.zeros([rows, rowLength], x.dtype);
    im2col(x.data, geometry, col.data);
    // out2d[(n, oy, ox), f] = col · Wᵀ, W read as (FN, C·FH·FW)
    const out2d = floatArray(rows * filters, x.dtype);
    gemm(rows, filters, rowLength, rowMajor(col.data, rowLength), transposed(W.data, rowLength), out2d);

    // (N, OH, OW, FN) → (N, FN, OH, OW), adding the bias on the way: the book's transpose(0, 3, 1, 2)
    const out = Tensor.zeros([batch, filters, outH, outW], x.dtype);
    const plane = outH * outW;
    for (let n = 0; n < batch; n++) {
      for (let p = 0; p < plane; p++) {
        const src = (n * plane + p) * filters;
        for (let f = 0; f < filters; f++) out.data[(n * filters + f) * plane + p] = out2d[src + f] + b.data[f];
      }
    }
    this.cache = { x, col, geometry };
    return out;
  }

  backward(dout: Tensor): Tensor {
    const { x, col, geometry } = this.cache ?? needsForward(this.type);
    const { W } = this.params;
    const filters = W.shape[0];
    const [batch, , outH, outW] = dout.shape;
    const plane = outH * outW;
    const rows = batch * plane;
    const rowLength = col.cols;

    // (N, FN, OH, OW) → (N·OH·OW, FN): the book's dout.transpose(0, 2, 3, 1).reshape(-1, FN)
    const dout2d = floatArray(rows * filters, dout.dtype);
    const db = this.grads.b.data;
    db.fill(0);
    for (let n = 0; n < batch; n++) {
      for (let f = 0; f < filters; f++) {
        const src = (n * filters + f) * plane;
        for (let p = 0; p < plane; p++) {
          const v = dout.data[src + p];
          dout2d[(n * plane + p) * filters + f] = v;
          db[f] += v;
        }
      }
    }
    // dW (FN × C·FH·FW) = dout2dᵀ · col
    gemm(filters, rowLength, rows, transposed(dout2d, filters), rowMajor(col.data, rowLength), this.grads.W.data);
    // dcol (N·OH·OW × C·FH·FW) = dout2d · W
    const dcol = floatArray(rows * rowLength, dout.dtype);
    gemm(rows, rowLength, filters, rowMajor(dout2d, filters), rowMajor(W.data, rowLength), dcol);
    const dx = Tensor.zeros(x.shape, x.dtype);
    col2im(dcol, geometry, dx.data);
    return dx;
  }
}
