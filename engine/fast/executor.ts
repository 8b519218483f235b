// How a Network runs on the fast layers (layers/fast/, the same numbers as the readable ones): what
// network.ts would otherwise have to say for speed rather than for the book, kept here so that
// network.ts reads as the book's MultiLayerNet.
//
//  - A convolution → ReLU → max pooling head trains as one fused step when it can (fusedHead.ts), with
//    the affine layer after it when there is one.
//  - The first layer's input is the data: its gradient is never read, so a fast layer skips computing
//    it, and a first affine layer skips the pixels that are zero in its products.
//  - A large inference batch runs in slices: the layers' buffers hold a slice, not the whole batch.
//  - The scores of a sliced prediction go into a buffer kept between calls.
//
// Lifetime: the tensor `predict` returns is a buffer the layers (or this executor) keep, valid until
// the next forward pass of the same kind (training or inference) — copy it to keep it. Training and
// inference passes keep separate buffers, so evaluating between two training steps disturbs nothing.

import { WASM_MIN_MULTIPLY_ADDS } from '../kernels/gemm';
import { FastAffine } from '../layers/fast/FastAffine';
import { FastRelu } from '../layers/fast/FastRelu';
import { FastSoftmaxWithLoss } from '../layers/fast/FastSoftmaxWithLoss';
import { FusedHead } from '../layers/fast/fusedHead';
import { ReusedTensor } from '../layers/fast/reuse';
import type { Layer } from '../layers/Layer';
import { Tensor, type DType } from '../tensor';

/** Samples per slice of a large inference batch: what each layer's inference buffers hold. */
const INFERENCE_SLICE = 50;

/** A layer that can fill its parameter gradients without computing ∂L/∂input (fast layers only). */
interface ParamsOnlyBackward {
  backwardParams(dout: Tensor): unknown;
}

function skipsInputGradient(layer: Layer): layer is Layer & ParamsOnlyBackward {
  return typeof (layer as Partial<ParamsOnlyBackward>).backwardParams === 'function';
}

export class FastExecutor {
  /** The terminal layer's fast twin. */
  readonly lossLayer = new FastSoftmaxWithLoss();
  /**
   * Samples per slice when predicting a large batch. At least 4096 / (smallest W) samples, so that no
   * matrix product of a slice falls below gemm's WebAssembly threshold where a whole batch would not
   * (X·W has at least |W| multiply-adds per sample): a slice's numbers stay the batch's.
   */
  private readonly inferenceSlice: number = INFERENCE_SLICE;
  private readonly scores = new ReusedTensor();
  /** The fused convolution → ReLU → pooling head, when the network starts with one (float32 only). */
  private readonly head: FusedHead | null;
  /** Whether the last training forward went through `head` (backward must then too). */
  private headFused = false;

  /** `layers`: the network's fast layers, in order; `weightSizes`: the size of every W. */
  constructor(
    private readonly layers: readonly Layer[],
    dtype: DType,
    weightSizes: readonly number[],
  ) {
    this.head = dtype === 'float32' ? FusedHead.of(this.layers) : null;
    const first = this.layers[0];
    if (first instanceof FastAffine) first.inputIsData = true; // its products skip the pixels that are zero
    this.layers.forEach((layer, i) => {
      if (layer instanceof FastAffine && this.layers[i + 1] instanceof FastRelu) layer.doutIsSparse = true; // dx skips what the ReLU blocked
    });
    const smallestW = Math.min(...weightSizes);
    if (Number.isFinite(smallestW)) this.inferenceSlice = Math.max(INFERENCE_SLICE, Math.ceil(WASM_MIN_MULTIPLY_ADDS / smallestW));
  }

  /** The network's predict: the scores for a batch x, in a buffer kept by the layers or this executor. */
  predict(x: Tensor, train: boolean): Tensor {
    if (train || x.rows <= this.inferenceSlice) return this.forward(x, train);
    // At inference, a slice of samples at a time: the layers keep buffers for a slice, not for the whole
    // batch (an evaluation batch of 500 would keep some 80 MB in SimpleConvNet's layers). No layer mixes
    // samples at inference, so every sample's numbers are those of one pass over the batch.
    const n = x.rows,
      size = x.cols;
    const slices = Math.ceil(n / this.inferenceSlice);
    const step = Math.ceil(n / slices); // equal slices: the layers' buffers keep one shape
    let scores: Tensor | null = null;
    for (let from = 0; from < n; from += step) {
      const to = Math.min(n, from + step);
      const part = new Tensor([to - from, ...x.shape.slice(1)], x.data.subarray(from * size, to * size));
      const y = this.forward(part, false);
      scores ??= this.scores.get([n, ...y.shape.slice(1)], y.dtype);
      scores.data.set(y.data, from * y.cols);
    }
    return scores!;
  }

  /** The network's backward through its layers, from ∂L/∂scores; fills the layers' gradients. */
  backward(dout: Tensor): void {
    if (this.headFused) {
      for (let i = this.layers.length - 1; i >= this.head!.layers; i--) dout = this.layers[i]!.backward(dout);
      this.head!.backward(dout);
      return;
    }
    for (let i = this.layers.length - 1; i >= 1; i--) dout = this.layers[i]!.backward(dout);
    // The first layer's input is the data, whose gradient nobody reads: a fast layer skips computing it.
    const first = this.layers[0];
    if (first && skipsInputGradient(first)) first.backwardParams(dout);
    else first?.backward(dout);
  }

  private forward(x: Tensor, train: boolean): Tensor {
    let out = x;
    let from = 0;
    if (train) {
      // a convolution → ReLU → max pooling head trains as one step when it can (layers/fast/fusedHead.ts)
      const fused = this.head?.forward(x) ?? null;
      this.headFused = fused !== null;
      if (fused) {
        out = fused;
        from = this.head!.layers;
      }
    }
    for (let i = from; i < this.layers.length; i++) out = this.layers[i]!.forward(out, train);
    return out;
  }
}
