// Training's first three layers when they are the book's SimpleConvNet head — convolution, ReLU, 2×2 max
// pooling of stride 2 — run as one step inside the WebAssembly module (wasmGemm.ts
// `convolveReluPoolForTraining` and `convolveReluPoolGradient`), for Network.gradient.
//
// Run one by one, the three layers pass a batch's convolution output (3.5 MB for 50 samples) through
// memory four times forward and four times backward, each pass waiting on memory more than computing.
// Here the product stays in the module: the ReLU and the pooling read it once and only the pooled
// quarter and each window's winner come out. Backward, only a winner whose pooled value is not 0 has a
// gradient (the pooling's backward, then the ReLU's): for stride 1 without padding, dW and db are summed
// from those winners alone, each one's d times its window of the image (under half of the windows on
// MNIST, and never the three other places of a window, which the long way multiplies as zeros); in any
// other geometry the gradient is spread onto the winners and dW and db follow as the layer's. The layers' own code
// is not involved, but their numbers are: each step is the one the layer computes, in the same order
// (tests/engine/fast/network.test.ts trains SimpleConvNet both ways and compares every bit).
//
// When an affine layer follows the pooling (SimpleConvNet's), it runs here too, on the pooled output where
// the module holds it: FastAffine's products on the same kernel, its W kept in the module from the forward
// pass to the backward, and the pooled output's gradient left there for the winners — the copies in and
// out that the layer run on its own would make of the pooled output, its gradient and W, saved.
//
// Only the head of a network fuses: its input is the data, so no gradient is needed for it. A NaN in
// the ReLU's output, or a runtime without the module, sends the batch through the layers one by one.

import { wasmKernelFor } from '../../kernels/gemm';
import { ownWasmGemm, type WasmGemm } from '../../kernels/wasmGemm';
import { convOutputShape, type ConvGeometry } from '../../kernels/im2col';
import type { Tensor } from '../../tensor';
import type { Layer } from '../Layer';
import { addBias, FastAffine, sumRows } from './FastAffine';
import { FastConvolution } from './FastConvolution';
import { FastPooling } from './FastPooling';
import { FastRelu } from './FastRelu';
import { ReusedIndices, ReusedTensor } from './reuse';

export class FusedHead {
  /** The head's own instance of the kernel: what the forward pass leaves in its memory waits there for the backward pass. */
  private own: WasmGemm | null = null;
  private readonly pooled = new ReusedTensor();
  private readonly winners = new ReusedIndices();
  private readonly scores = new ReusedTensor();
  private readonly dPooled = new ReusedTensor();
  /** What backward needs: the last fused forward's input, pooled output and winners, and whether the affine layer ran here too. */
  private last: { x: Tensor; pooled: Tensor; argmax: Int32Array; withAffine: boolean } | null = null;

  private constructor(
    private readonly conv: FastConvolution,
    /** The affine layer right after the pooling (SimpleConvNet's), run here on the pooled output as the module holds it. */
    private readonly affine: FastAffine | null,
  ) {}

  /** The fused head of these layers (a network's, in order), or null when they do not start that way. */
  static of(layers: readonly Layer[]): FusedHead | null {
    const [conv, relu, pool, next] = layers;
    if (!(conv instanceof FastConvolution && relu instanceof FastRelu && pool instanceof FastPooling)) return null;
    if (pool.mode !== 'max' || pool.size !== 2 || pool.stride !== 2 || pool.pad !== 0) return null;
    return new FusedHead(conv, next instanceof FastAffine && !next.inputIsData ? next : null);
  }

  /** How many of the network's layers the last fused forward ran: 3, or 4 with the affine layer. */
  get layers(): number {
    return this.last?.withAffine ? 4 : 3;
  }

  /** The head's own kernel where gemm would multiply (M, N, K) in WebAssembly, else null. */
  private kernelFor(M: number, N: number, K: number): WasmGemm | null {
    const shared = wasmKernelFor(M, N, K);
    if (!shared) return null;
    if (this.own?.variant !== shared.variant) this.own = ownWasmGemm(shared.variant);
    return this.own;
  }

  /** The convolution's geometry over a batch x of (N, C, H, W), and its output's height and width. */
  private shapeOf(x: Tensor): { geometry: ConvGeometry; outH: number; outW: number; filters: number; rowLength: number; columns: number } {
    const [filters, channels, kernelH, kernelW] = this.conv.params.W.shape as [number, number, number, number];
    const [batch, , height, width] = x.shape as [number, number, number, number];
    const geometry = { batch, channels, height, width, kernelH, kernelW, stride: this.conv.stride, pad: this.conv.pad };
    const { outH, outW } = convOutputShape(geometry);
    return { geometry, outH, outW, filters, rowLength: channels * kernelH * kernelW, columns: batch * outH * outW };
  }

  /** The pooled output of the three layers for a training batch x, or null: then run the layers. */
  forward(x: Tensor): Tensor | null {
    this.last = null;
    const { W, b } = this.conv.params;
    if (x.shape.length !== 4 || x.shape[1] !== W.shape[1]) return null;
    const { geometry, outH, outW, filters, rowLength, columns } = this.shapeOf(x);
    const batch = geometry.batch;
    const kernel = this.kernelFor(filters, columns, rowLength);
    if (!kernel || !(x.data instanceof Float32Array && W.data instanceof Float32Array && b.data instanceof Float32Array)) return null;
    if (outH % 2 !== 0 || outW % 2 !== 0) return null;
    const pooled = this.pooled.get([batch, filters, outH / 2, outW / 2], 'float32');
    const argmax = this.winners.get(pooled.size);
    const done = kernel.convolveReluPoolForTraining({ geometry, outH, outW, x: x.data, W: W.data, b: b.data, out: pooled.data as Float32Array, argmax });
    if (!done) return null;
    this.last = { x, pooled, argmax, withAffine: false };
    return this.affineForward(kernel, pooled) ?? pooled;
  }

  /**
   * FastAffine's forward on the pooled output where the module holds it (wasmGemm.ts heldAffine): the
   * same product, then the bias added as FastAffine adds it. Null when it cannot run here: then the
   * layer runs as it is, on the pooled output.
   */
  private affineForward(kernel: WasmGemm, pooled: Tensor): Tensor | null {
    const affine = this.affine;
    if (!affine || !this.last) return null;
    const { W, b } = affine.params;
    const [inputs, outputs] = W.shape as [number, number];
    const n = pooled.shape[0]!;
    if (pooled.size !== n * inputs || !(W.data instanceof Float32Array) || !(b.data instanceof Float32Array)) return null;
    if (!wasmKernelFor(n, outputs, inputs)) return null; // FastAffine would multiply in JavaScript
    const out = this.scores.get([n, outputs], 'float32');
    const o = out.data as Float32Array,
      bias = b.data;
    if (!kernel.heldAffine(W.data, outputs, o)) return null;
    addBias(o, bias, n, outputs);
    this.last.withAffine = true;
    return out;
  }

  /**
   * The convolution's dW and db from the gradient of what `forward` returned: the pooled output's, or
   * with the affine layer fused, its output's (whose dW and db come first, as FastAffine's backward).
   */
  backward(dout: Tensor): void {
    const last = this.last;
    if (!last) throw new Error('the fused convolution head ran backward without a fused forward');
    const { grads } = this.conv;
    const { geometry, outH, outW, filters, rowLength, columns } = this.shapeOf(last.x);
    const kernel = this.kernelFor(filters, rowLength, columns);
    const dPooled = last.withAffine ? this.affineBackward(kernel, dout, last.pooled) : dout;
    const ok =
      kernel !== null &&
      dPooled.data instanceof Float32Array &&
      grads.W!.data instanceof Float32Array &&
      grads.b!.data instanceof Float32Array &&
      kernel.convolveReluPoolGradient({
        geometry,
        outH,
        outW,
        filters,
        x: last.x.data as Float32Array,
        dPooled: dPooled.data,
        pooled: last.pooled.data as Float32Array,
        argmax: last.argmax,
        dW: grads.W!.data,
        db: grads.b!.data,
      });
    if (!ok) throw new Error('the fused convolution head could not run its backward in WebAssembly');
  }

  /** FastAffine's backward inside the module (wasmGemm.ts heldAffineGradient), its db summed as FastAffine sums it: the pooled output's gradient. */
  private affineBackward(kernel: WasmGemm | null, dout: Tensor, pooled: Tensor): Tensor {
    const affine = this.affine!;
    const dW = affine.grads.W!.data,
      db = affine.grads.b!.data;
    const dPooled = this.dPooled.get(pooled.shape, 'float32');
    const g = dout.data;
    if (!(
      kernel &&
      g instanceof Float32Array &&
      dW instanceof Float32Array &&
      kernel.heldAffineGradient(g, dW, dPooled.data as Float32Array, affine.doutIsSparse)
    ))
      throw new Error('the fused convolution head could not run its affine layer backward in WebAssembly');
    sumRows(g, db, dout.rows, dout.cols);
    return dPooled;
  }
}
