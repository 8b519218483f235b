// The fast twin of Convolution.ts (read that one first): the same convolution by im2col and one matrix
// product, giving the same numbers to the last bit. What it does differently:
//  • the window matrix is built transposed, one row per filter position (im2colRows.ts), so the copy
//    runs along whole image rows, and the product W·colT yields each filter's output as a contiguous
//    plane — the book's transpose(0, 3, 1, 2) becomes a copy of whole planes, bias added on the way;
//  • backward transposes dout plane by plane (summing db on the way), takes dW = doutT·col and
//    dcolT = Wᵀ·doutT, and col2im adds each window back in the readable col2im's order;
//  • every matrix lives in a buffer kept between calls: the window matrix and the output once per kind of
//    pass (training, inference), the product scratch once — nothing is allocated per step.
// Every element of every product is the same sum over the same k in the same order as in Convolution.ts
// (only the roles of rows and columns swap), which is why the results are identical, not just close.

import { gemm, rowMajor, transposed } from '../../kernels/gemm';
import { convOutputShape, type ConvGeometry } from '../../kernels/im2col';
import type { FloatArray, Tensor } from '../../tensor';
import { gradsLike, needsForward, type Layer } from '../Layer';
import { col2imRows, im2colRows } from './im2colRows';
import { ModeBuffers, ReusedTensor, Scratch } from './reuse';

interface PassState {
  out: ReusedTensor;
  colTStore: Scratch;
  /** What backward needs from this pass's forward. */
  x: Tensor | null;
  colT: FloatArray | null;
  geometry: ConvGeometry | null;
}

export class FastConvolution implements Layer {
  readonly type = 'conv';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  private readonly passes = new ModeBuffers<PassState>(() => ({ out: new ReusedTensor(), colTStore: new Scratch(), x: null, colT: null, geometry: null }));
  /** The pass backward differentiates: the last forward's. */
  private last: PassState | null = null;
  /** W·colT in forward, doutT in backward: used within one call only. */
  private readonly product = new Scratch();
  private readonly dcolT = new Scratch();
  private readonly dx = new ReusedTensor();

  constructor(W: Tensor, b: Tensor, readonly stride = 1, readonly pad = 0) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  forward(x: Tensor, train: boolean): Tensor {
    const { W, b } = this.params;
    const [filters, channels, kernelH, kernelW] = W.shape;
    const [batch, , height, width] = x.shape;
    const pass = this.passes.of(train);
    const geometry = sameGeometry(pass.geometry, batch, channels, height, width, kernelH, kernelW, this.stride, this.pad)
      ? pass.geometry!
      : { batch, channels, height, width, kernelH, kernelW, stride: this.stride, pad: this.pad };
    const { outH, outW } = convOutputShape(geometry);
    const plane = outH * outW;
    const columns = batch * plane;
    const rowLength = channels * kernelH * kernelW;

    const colT = pass.colTStore.get(rowLength * columns, x.dtype);
    im2colRows(x.data, geometry, outH, outW, colT);
    // product[f, (n, oy, ox)] = W · colT, W read as (FN, C·FH·FW)
    const product = this.product.get(filters * columns, x.dtype);
    gemm(filters, columns, rowLength, rowMajor(W.data, rowLength), rowMajor(colT, columns), product);

    // (FN, N, OH·OW) → (N, FN, OH·OW), plane by plane, adding the bias on the way
    const out = pass.out.get([batch, filters, outH, outW], x.dtype);
    const o = out.data, bias = b.data;
    for (let n = 0; n < batch; n++) {
      for (let f = 0; f < filters; f++) {
        const src = f * columns + n * plane;
        const dst = (n * filters + f) * plane;
        const bf = bias[f];
        for (let p = 0; p < plane; p++) o[dst + p] = product[src + p] + bf;
      }
    }
    pass.x = x;
    pass.colT = colT;
    pass.geometry = geometry;
    this.last = pass;
    return out;
  }

  backward(dout: Tensor): Tensor {
    const pass = this.last ?? needsForward(this.type);
    const x = pass.x!, colT = pass.colT!, geometry = pass.geometry!;
    const { W } = this.params;
    const [filters, channels, kernelH, kernelW] = W.shape;
    const [batch, , outH, outW] = dout.shape;
    const plane = outH * outW;
    const columns = batch * plane;
    const rowLength = channels * kernelH * kernelW;

    // (N, FN, OH·OW) → (FN, N·OH·OW), and db[f] = Σ over n and the plane, in Convolution.ts's order
    const doutT = this.product.get(filters * columns, dout.dtype);
    const g = dout.data;
    const db = this.grads.b.data;
    db.fill(0);
    for (let n = 0; n < batch; n++) {
      for (let f = 0; f < filters; f++) {
        const src = (n * filters + f) * plane;
        const dst = f * columns + n * plane;
        for (let p = 0; p < plane; p++) {
          const v = g[src + p];
          doutT[dst + p] = v;
          db[f] += v;
        }
      }
    }
    // dW (FN × C·FH·FW) = doutT · col, col being colTᵀ
    gemm(filters, rowLength, columns, rowMajor(doutT, columns), transposed(colT, columns), this.grads.W.data);
    // dcolT (C·FH·FW × N·OH·OW) = Wᵀ · doutT
    const dcolT = this.dcolT.get(rowLength * columns, dout.dtype);
    gemm(rowLength, columns, filters, transposed(W.data, rowLength), rowMajor(doutT, columns), dcolT);
    const dx = this.dx.get(x.shape, x.dtype);
    col2imRows(dcolT, geometry, outH, outW, dx.data);
    return dx;
  }
}

function sameGeometry(
  g: ConvGeometry | null,
  batch: number, channels: number, height: number, width: number, kernelH: number, kernelW: number, stride: number, pad: number,
): boolean {
  return g !== null && g.batch === batch && g.channels === channels && g.height === height && g.width === width &&
    g.kernelH === kernelH && g.kernelW === kernelW && g.stride === stride && g.pad === pad;
}
