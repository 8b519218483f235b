// The fast twin of Affine.ts (read that one first): the very same products through the same `gemm`
// calls, so its numbers are Affine's bit for bit. What differs: the output and dx land in buffers the
// layer keeps between calls (one output per kind of pass, training or inference) instead of fresh
// zero-filled arrays each step — gemm overwrites every element, so no zeroing is needed either.

import { gemm, rowMajor, transposed } from '../../kernels/gemm';
import type { FloatArray, Tensor } from '../../tensor';
import { gradsLike, needsForward, type Layer } from '../Layer';
import { ModeBuffers, ReusedTensor } from './reuse';

export class FastAffine implements Layer {
  readonly type = 'affine';
  readonly params: { W: Tensor; b: Tensor };
  readonly grads: Record<string, Tensor>;
  readonly buffers = {};
  private readonly outputs = new ModeBuffers(() => new ReusedTensor());
  private readonly dx = new ReusedTensor();
  /** The last training forward's input, for dW = xᵀ·dout. */
  private x: Tensor | null = null;
  /**
   * Set by the executor (fast/executor.ts) when this is the first layer: its input is then the data,
   * images whose pixels around the figure are zero, and x·W and xᵀ·dout ask gemm to skip the zeros
   * (MatrixView.sparse). The numbers stay the same; on MNIST batches of 100 the two products take a
   * third and a half less time.
   */
  inputIsData = false;
  /**
   * Set by the executor (fast/executor.ts) when a ReLU follows this layer: the dout it hands back is
   * then zero wherever the ReLU was blocked, often for all of four samples at once (a hidden unit dead
   * for them), and dout·Wᵀ asks gemm to skip those zeros. The numbers stay the same; SimpleConvNet's
   * gradient of 50 images takes about 5 % less time (FusedHead passes the flag to the module, where its
   * product runs).
   */
  doutIsSparse = false;

  constructor(W: Tensor, b: Tensor) {
    this.params = { W, b };
    this.grads = gradsLike(this.params);
  }

  forward(x: Tensor, train: boolean): Tensor {
    const { W, b } = this.params;
    const [inputs, outputs] = W.shape as [number, number];
    const n = x.rows;
    if (x.cols !== inputs) throw new Error(`affine expects ${inputs} inputs per sample, got ${x.cols}`);
    if (train) this.x = x;
    const out = this.outputs.of(train).get([n, outputs], x.dtype);
    const o = out.data,
      bias = b.data;
    gemm(n, outputs, inputs, { ...rowMajor(x.data, inputs), sparse: this.inputIsData }, rowMajor(W.data, outputs), o);
    addBias(o, bias, n, outputs);
    return out;
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? needsForward(this.type);
    const { W } = this.params;
    const [inputs, outputs] = W.shape as [number, number];
    const n = x.rows;
    const dx = this.dx.get(x.shape, x.dtype);
    gemm(n, inputs, outputs, { ...rowMajor(dout.data, outputs), sparse: this.doutIsSparse }, transposed(W.data, outputs), dx.data); // dout·Wᵀ
    this.backwardParams(dout);
    return dx;
  }

  /** dW and db alone, without dx — all a network's first layer needs, its input being the data. */
  backwardParams(dout: Tensor): void {
    const x = this.x ?? needsForward(this.type);
    const [inputs, outputs] = this.params.W.shape as [number, number];
    const n = x.rows;
    const g = dout.data;
    gemm(inputs, outputs, n, { ...transposed(x.data, inputs), sparse: this.inputIsData }, rowMajor(g, outputs), this.grads.W!.data); // xᵀ·dout
    sumRows(g, this.grads.b!.data, n, outputs);
  }
}

/** out (n × outputs) += the bias on every row: the forward's last step (fusedHead.ts takes it too). */
export function addBias(out: FloatArray, bias: FloatArray, n: number, outputs: number): void {
  for (let i = 0; i < n; i++) {
    const row = i * outputs;
    for (let j = 0; j < outputs; j++) out[row + j]! += bias[j]!;
  }
}

/** db = the sum of dout's n rows, row after row: db of the backward (fusedHead.ts takes it too). */
export function sumRows(dout: FloatArray, db: FloatArray, n: number, outputs: number): void {
  db.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * outputs;
    for (let j = 0; j < outputs; j++) db[j]! += dout[row + j]!;
  }
}
