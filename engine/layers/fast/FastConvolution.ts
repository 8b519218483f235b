// The fast twin of Convolution.ts (read that one first): the same convolution by im2col and one matrix
// product, giving the same numbers to the last bit. What it does differently:
//  • the window matrix is built transposed, one row per filter position (im2colRows.ts), so the copy
//    runs along whole image rows, and the product W·colT yields each filter's output as a contiguous
//    plane — the book's transpose(0, 3, 1, 2) becomes a copy of whole planes, bias added on the way;
//  • backward transposes dout plane by plane (summing db on the way), takes dW = doutT·col and
//    dcolT = Wᵀ·doutT, and col2im adds each window back in the readable col2im's order;
//  • every matrix lives in a buffer kept between calls: the window matrix and the output once per kind of
//    pass (training, inference), the product scratch once — nothing is allocated per step. Inference,
//    which keeps nothing for backward, builds the window matrix a few samples at a time.
// Every element of every product is the same sum over the same k in the same order as in Convolution.ts
// (only the roles of rows and columns swap), which is why the results are identical, not just close.

import { gemm, rowMajor, transposed, wasmKernelFor, WASM_MIN_MULTIPLY_ADDS } from '../../kernels/gemm';
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
  /** The window matrix of x, or null when the forward ran inside WebAssembly (backward rebuilds it). */
  colT: FloatArray | null;
  geometry: ConvGeometry | null;
}

export class FastConvolution implements Layer {
  readonly type = 'conv';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  private readonly passes = new ModeBuffers<PassState>(() => ({ out: new ReusedTensor(), colTStore: new Scratch(), x: null, colT: null, geometry: null }));
  /** The pass backward differentiates: the last training forward's. */
  private last: PassState | null = null;
  /** W·colT in forward, doutT in backward: used within one call only. */
  private readonly product = new Scratch();
  private readonly dcolT = new Scratch();
  private readonly dx = new ReusedTensor();

  constructor(
    W: Tensor,
    b: Tensor,
    readonly stride = 1,
    readonly pad = 0,
  ) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  forward(x: Tensor, train: boolean): Tensor {
    const { W, b } = this.params;
    const [filters, channels, kernelH, kernelW] = W.shape as [number, number, number, number];
    const [batch, , height, width] = x.shape as [number, number, number, number];
    const pass = this.passes.of(train);
    const geometry = sameGeometry(pass.geometry, batch, channels, height, width, kernelH, kernelW, this.stride, this.pad)
      ? pass.geometry!
      : { batch, channels, height, width, kernelH, kernelW, stride: this.stride, pad: this.pad };
    const { outH, outW } = convOutputShape(geometry);
    const plane = outH * outW;
    const rowLength = channels * kernelH * kernelW;

    // Training keeps the whole window matrix for backward. Inference goes a few samples at a time: a
    // small window matrix and product, still in cache when the next step reads them.
    if (train && this.forwardInWasm(x, geometry, outH, outW, pass)) return pass.out.get([batch, filters, outH, outW], x.dtype);
    const slice = train ? batch : inferenceSlice(batch, filters, plane, rowLength);
    const colT = pass.colTStore.get(rowLength * slice * plane, x.dtype);
    const product = this.product.get(filters * slice * plane, x.dtype);
    const out = pass.out.get([batch, filters, outH, outW], x.dtype);
    for (let from = 0; from < batch; from += slice) {
      const count = Math.min(slice, batch - from);
      const span = count * plane;
      im2colRows(x.data, geometry, outH, outW, colT, from, count);
      // product[f, (n, oy, ox)] = W · colT, W read as (FN, C·FH·FW)
      gemm(filters, span, rowLength, rowMajor(W.data, rowLength), rowMajor(colT, span), product);
      // (FN, n, OH·OW) → (n, FN, OH·OW), plane by plane, adding the bias on the way
      planesWithBias(product, from, count, filters, plane, b.data, out.data);
    }
    if (train) {
      pass.x = x;
      pass.colT = colT;
      pass.geometry = geometry;
      this.last = pass;
    }
    return out;
  }

  /**
   * A float32 training forward, whole, inside the WebAssembly module — when gemm would send its product
   * there — with the same steps and numbers as the loop below; the window matrix stays behind in the
   * module, so backward builds it again from x (cheaper than copying it out). False when it cannot.
   */
  private forwardInWasm(x: Tensor, geometry: ConvGeometry, outH: number, outW: number, pass: PassState): boolean {
    const { W, b } = this.params;
    const filters = W.shape[0]!;
    const kernel = wasmKernelFor(filters, geometry.batch * outH * outW, W.size / filters);
    if (!kernel || !(x.data instanceof Float32Array && W.data instanceof Float32Array && b.data instanceof Float32Array)) return false;
    const out = pass.out.get([geometry.batch, filters, outH, outW], x.dtype);
    if (!kernel.convolveForTraining({ geometry, outH, outW, x: x.data, W: W.data, b: b.data, out: out.data as Float32Array })) return false;
    pass.x = x;
    pass.colT = null;
    pass.geometry = geometry;
    this.last = pass;
    return true;
  }

  backward(dout: Tensor): Tensor {
    const doutT = this.paramsGradient(dout);
    const pass = this.last!;
    const x = pass.x!,
      geometry = pass.geometry!;
    const { W } = this.params;
    const rowLength = W.size / W.shape[0]!;
    const [batch, , outH, outW] = dout.shape as [number, number, number, number];
    const columns = batch * outH * outW;
    // dcolT (C·FH·FW × N·OH·OW) = Wᵀ · doutT
    const dcolT = this.dcolT.get(rowLength * columns, dout.dtype);
    gemm(rowLength, columns, W.shape[0]!, transposed(W.data, rowLength), rowMajor(doutT, columns), dcolT);
    const dx = this.dx.get(x.shape, x.dtype);
    col2imRows(dcolT, geometry, outH, outW, dx.data);
    return dx;
  }

  /**
   * dW and db alone, without dx — all a network's first layer needs, its input being the data: inside
   * the WebAssembly module when gemm would send the product there (the same steps and numbers as
   * paramsGradient), else in JavaScript.
   */
  backwardParams(dout: Tensor): void {
    const pass = this.last ?? needsForward(this.type);
    const { W } = this.params;
    const [, , outH, outW] = dout.shape as [number, number, number, number];
    const kernel = wasmKernelFor(W.shape[0]!, W.size / W.shape[0]!, dout.size / W.shape[0]!);
    const { x, geometry } = pass;
    if (
      kernel &&
      x &&
      geometry &&
      x.data instanceof Float32Array &&
      dout.data instanceof Float32Array &&
      this.grads.W!.data instanceof Float32Array &&
      this.grads.b!.data instanceof Float32Array &&
      kernel.convolutionGradient({ geometry, outH, outW, filters: W.shape[0]!, x: x.data, dout: dout.data, dW: this.grads.W!.data, db: this.grads.b!.data })
    )
      return;
    this.paramsGradient(dout);
  }

  /** dW and db the JavaScript way; returns doutT, the (FN × N·OH·OW) transpose of dout, for backward to go on with. */
  private paramsGradient(dout: Tensor): FloatArray {
    const pass = this.last ?? needsForward(this.type);
    const { W } = this.params;
    const filters = W.shape[0]!;
    const rowLength = W.size / filters;
    const [batch, , outH, outW] = dout.shape as [number, number, number, number];
    const plane = outH * outW;
    const columns = batch * plane;
    if (!pass.colT) {
      // the forward ran in WebAssembly and kept no window matrix here: build it as the loop in forward does
      pass.colT = pass.colTStore.get(rowLength * columns, dout.dtype);
      im2colRows(pass.x!.data, pass.geometry!, outH, outW, pass.colT);
    }
    const colT = pass.colT;
    const doutT = this.product.get(filters * columns, dout.dtype);
    transposeWithSums(dout.data, batch, filters, plane, doutT, this.grads.b!.data);
    // dW (FN × C·FH·FW) = doutT · col, col being colTᵀ
    gemm(filters, rowLength, columns, rowMajor(doutT, columns), transposed(colT, columns), this.grads.W!.data);
    return doutT;
  }
}

/**
 * Samples per slice at inference: about 64 KiB of window matrix, and enough that the slice's product
 * keeps at least gemm's WebAssembly threshold of multiply-adds whenever the whole batch's would (so the
 * numbers are those of one product over the batch).
 */
function inferenceSlice(batch: number, filters: number, plane: number, rowLength: number): number {
  const forCache = Math.floor(16384 / (plane * rowLength));
  const forKernel = Math.ceil(WASM_MIN_MULTIPLY_ADDS / (filters * plane * rowLength));
  return Math.max(1, Math.min(batch, Math.max(forCache, forKernel)));
}

/** Samples from…from+count of the (FN, count·P) product → out (N, FN, P) + b[f], a plane at a time. */
function planesWithBias(product: FloatArray, from: number, count: number, filters: number, plane: number, bias: FloatArray, out: FloatArray): void {
  const columns = count * plane;
  for (let n = 0; n < count; n++) {
    for (let f = 0; f < filters; f++) {
      const src = f * columns + n * plane;
      const dst = ((from + n) * filters + f) * plane;
      const bf = bias[f]!;
      let p = 0;
      for (; p + 4 <= plane; p += 4) {
        const v0 = product[src + p]!,
          v1 = product[src + p + 1]!,
          v2 = product[src + p + 2]!,
          v3 = product[src + p + 3]!;
        out[dst + p] = v0 + bf;
        out[dst + p + 1] = v1 + bf;
        out[dst + p + 2] = v2 + bf;
        out[dst + p + 3] = v3 + bf;
      }
      for (; p < plane; p++) out[dst + p] = product[src + p]! + bf;
    }
  }
}

/**
 * (N, FN, P) → (FN, N·P), and db[f] = Σ over n and the plane in Convolution.ts's order (n, then p),
 * rounded after every addition as its db[f] += v is in float32 (Math.fround: the same rounding). The
 * four filters of a group are summed side by side: one running sum is a chain of dependent additions
 * that leaves the processor idle between them; four independent chains keep it busy.
 */
function transposeWithSums(g: FloatArray, batch: number, filters: number, plane: number, doutT: FloatArray, db: FloatArray): void {
  const columns = batch * plane;
  db.fill(0);
  if (!(g instanceof Float32Array && db instanceof Float32Array)) {
    for (let n = 0; n < batch; n++) {
      for (let f = 0; f < filters; f++) {
        const s = (n * filters + f) * plane,
          d = f * columns + n * plane;
        for (let p = 0; p < plane; p++) {
          doutT[d + p] = g[s + p]!;
          db[f]! += g[s + p]!;
        }
      }
    }
    return;
  }
  for (let n = 0; n < batch; n++) {
    let f = 0;
    for (; f + 4 <= filters; f += 4) {
      const s = (n * filters + f) * plane;
      const d = f * columns + n * plane;
      let s0 = db[f]!,
        s1 = db[f + 1]!,
        s2 = db[f + 2]!,
        s3 = db[f + 3]!;
      for (let p = 0; p < plane; p++) {
        const v0 = g[s + p]!,
          v1 = g[s + plane + p]!,
          v2 = g[s + 2 * plane + p]!,
          v3 = g[s + 3 * plane + p]!;
        doutT[d + p] = v0;
        doutT[d + columns + p] = v1;
        doutT[d + 2 * columns + p] = v2;
        doutT[d + 3 * columns + p] = v3;
        s0 = Math.fround(s0 + v0);
        s1 = Math.fround(s1 + v1);
        s2 = Math.fround(s2 + v2);
        s3 = Math.fround(s3 + v3);
      }
      db[f] = s0;
      db[f + 1] = s1;
      db[f + 2] = s2;
      db[f + 3] = s3;
    }
    for (; f < filters; f++) {
      const s = (n * filters + f) * plane;
      const d = f * columns + n * plane;
      let sum = db[f]!;
      for (let p = 0; p < plane; p++) {
        const v = g[s + p]!;
        doutT[d + p] = v;
        sum = Math.fround(sum + v);
      }
      db[f] = sum;
    }
  }
}

function sameGeometry(
  g: ConvGeometry | null,
  batch: number,
  channels: number,
  height: number,
  width: number,
  kernelH: number,
  kernelW: number,
  stride: number,
  pad: number,
): boolean {
  return (
    g !== null &&
    g.batch === batch &&
    g.channels === channels &&
    g.height === height &&
    g.width === width &&
    g.kernelH === kernelH &&
    g.kernelW === kernelW &&
    g.stride === stride &&
    g.pad === pad
  );
}
