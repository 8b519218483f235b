// Convolution (book §7.4.3, common/layers.py's Convolution), by im2col: the windows of the input
// become the rows of a matrix `col`, the filters the columns of `col_W`, and the whole convolution
// one matrix product plus the bias.
//   x: (N, C, H, W)   W: (FN, C, FH, FW)   b: (FN)   out: (N, FN, out_h, out_w)
// Backward runs the same product the other way round: dW = colᵀ·dout, dcol = dout·col_Wᵀ, dx = col2im(dcol).

import { add, dot, reshape, sumRows, transpose } from '../array';
import { Tensor } from '../tensor';
import { col2im, im2col, outputSize } from '../util';
import { gradsLike, needsForward, type Layer } from './Layer';

export class Convolution implements Layer {
  readonly type = 'conv';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  // kept by forward for backward, as the book's self.x, self.col and self.col_W
  private x: Tensor | null = null;
  private col: Tensor | null = null;
  private col_W: Tensor | null = null;

  constructor(
    W: Tensor,
    b: Tensor,
    readonly stride = 1,
    readonly pad = 0,
  ) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  get W(): Tensor {
    return this.params.W;
  }

  get b(): Tensor {
    return this.params.b;
  }

  forward(x: Tensor): Tensor {
    const [FN, , FH, FW] = this.W.shape as [number, number, number, number];
    const [N, , H, W] = x.shape as [number, number, number, number];
    const out_h = outputSize(H, FH, this.stride, this.pad);
    const out_w = outputSize(W, FW, this.stride, this.pad);

    const col = im2col(x, FH, FW, this.stride, this.pad);
    const col_W = transpose(reshape(this.W, [FN, -1]));
    let out = add(dot(col, col_W), this.b);
    out = transpose(reshape(out, [N, out_h, out_w, -1]), [0, 3, 1, 2]);

    this.x = x;
    this.col = col;
    this.col_W = col_W;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? needsForward(this.type);
    const col = this.col ?? needsForward(this.type);
    const col_W = this.col_W ?? needsForward(this.type);
    const [FN, C, FH, FW] = this.W.shape as [number, number, number, number];
    dout = reshape(transpose(dout, [0, 2, 3, 1]), [-1, FN]);

    const db = sumRows(dout);
    let dW = dot(transpose(col), dout);
    dW = reshape(transpose(dW, [1, 0]), [FN, C, FH, FW]);
    this.grads.b!.data.set(db.data);
    this.grads.W!.data.set(dW.data);

    const dcol = dot(dout, transpose(col_W));
    return col2im(dcol, x.shape, FH, FW, this.stride, this.pad, x.dtype);
  }
}
