// A network's forward pass at inference (dropout off, BatchNorm on its running statistics), fast, for
// evaluating thousands of samples: Network.predict's numbers, bit for bit, with less memory traffic.
//
// Network.predict runs the layers one after the other over a slice of 50 samples, so every layer's
// output makes a trip through memory: a SimpleConvNet slice leaves 3.5 MB after the convolution and
// again after its ReLU, larger than the cache, and the ReLU and the pooling then spend more time
// waiting for memory than computing. Here a convolution and the ReLU and 2×2 max pooling that follow it
// run as one step, a couple of samples at a time, inside the WebAssembly module (wasmGemm.ts
// `convolveForInference`): the window matrix is built there, the product stays there, and only the
// pooled quarter comes out. Affine layers one after another, with the ReLUs between them, run as one
// step there too (wasmGemm.ts `affineChain`): the batch goes in once — as its pixel bytes, when the
// network begins with them (predictPixels) — and only the scores come out. Every other layer runs as it
// is, in train = false mode.
//
// Same numbers: every product goes to the kernel it goes to in Network.predict's slices (the slices here
// are as large or larger; see predict), the convolution's product is the one
// FastConvolution computes, and for a ReLU after a bias the maximum of each window taken first gives
// the number the separate layers give (both steps never decrease; tests/engine/fast/inference.test.ts
// holds the two to the last bit). A NaN, whose place the fused kernel cannot keep, sends that chunk
// the readable way.

import { WASM_MIN_MULTIPLY_ADDS, wasmKernelFor } from '../../kernels/gemm';
import { convOutputShape, type ConvGeometry } from '../../kernels/im2col';
import { FUSED_STEP_BYTES, type AffineChainJob } from '../../kernels/wasmGemm';
import type { Network } from '../../network';
import { Tensor, type Shape } from '../../tensor';
import type { Layer } from '../Layer';
import { FastAffine } from './FastAffine';
import { FastConvolution } from './FastConvolution';
import { FastPooling } from './FastPooling';
import { FastRelu } from './FastRelu';
import { Scratch } from './reuse';

/** The fewest values of any of the network's weights (Infinity without weights). */
function smallestWeights(network: Network): number {
  return Math.min(...network.weightNames().map((name) => network.params[name]!.size));
}

/** Network.predict's slice: at least 50 samples, and enough that X·W of the smallest W reaches gemm's WebAssembly threshold. */
function predictSlice(smallestW: number): number {
  return Number.isFinite(smallestW) ? Math.max(50, Math.ceil(WASM_MIN_MULTIPLY_ADDS / smallestW)) : 50;
}

/**
 * At most about this many bytes in one stage's output for a slice of samples. Larger slices than
 * Network.predict's give the same numbers (see predict) and cost less: each product copies its weights
 * into the WebAssembly module once per slice — SimpleConvNet's 4320 × 100 weights, 1.7 MB, once for an
 * evaluation batch of 500 instead of ten times — and multiplies more rows at a time.
 */
const SLICE_BYTES = 16 * 1024 * 1024;

interface Stage {
  forward(x: Tensor): Tensor;
}

/** A tensor of `shape` over an array that only grows: no allocation once the largest batch has been seen. */
class GrowingTensor {
  private readonly store = new Scratch();
  private tensor: Tensor | null = null;

  get(shape: Shape): Tensor {
    const t = this.tensor;
    if (t && t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t;
    const size = shape.reduce((a, b) => a * b, 1);
    return (this.tensor = new Tensor(shape, this.store.get(size, 'float32').subarray(0, size)));
  }
}

/** A layer run as it is, at inference. */
class LayerStage implements Stage {
  constructor(private readonly layer: Layer) {}

  forward(x: Tensor): Tensor {
    return this.layer.forward(x, false);
  }
}

/** Convolution → ReLU → 2×2 max pooling (or convolution → ReLU, or a convolution alone) as one step. */
class ConvolutionStage implements Stage {
  private readonly out = new GrowingTensor();

  constructor(
    private readonly conv: FastConvolution,
    private readonly relu: boolean,
    private readonly pool: boolean,
    /** The layers it replaces, run as they are when the fused kernel cannot. */
    private readonly layers: Layer[],
  ) {}

  forward(x: Tensor): Tensor {
    const { W, b } = this.conv.params;
    const [filters, channels, kernelH, kernelW] = W.shape as [number, number, number, number];
    const [batch, , height, width] = x.shape as [number, number, number, number];
    const geometry: ConvGeometry = { batch, channels, height, width, kernelH, kernelW, stride: this.conv.stride, pad: this.conv.pad };
    const { outH, outW } = convOutputShape(geometry);
    const plane = outH * outW;
    const rowLength = channels * kernelH * kernelW;
    // FastConvolution multiplies a few samples at a time; on WebAssembly whatever their number only
    // when one sample's product is above the threshold already. Then so does this.
    const kernel = wasmKernelFor(filters, plane, rowLength);
    if (!kernel || !(x.data instanceof Float32Array) || !(W.data instanceof Float32Array) || !(b.data instanceof Float32Array)) return this.separately(x);
    const out = this.out.get(this.pool ? [batch, filters, outH / 2, outW / 2] : [batch, filters, outH, outW]);
    const perSample = out.size / batch;
    const step = Math.max(1, Math.floor(FUSED_STEP_BYTES / ((rowLength + filters) * plane * 4)));
    for (let from = 0; from < batch; from += step) {
      const count = Math.min(step, batch - from);
      const job = {
        geometry,
        outH,
        outW,
        x: x.data,
        from,
        count,
        W: W.data,
        b: b.data,
        relu: this.relu,
        pool: this.pool,
        out: out.data as Float32Array,
        offset: from * perSample,
      };
      const result = kernel.convolveForInference(job);
      if (result === false) return this.separately(x);
      if (result) this.finishReadably(result, job, filters, plane);
    }
    return out;
  }

  private separately(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, false);
    return out;
  }

  /** Bias, ReLU and max pooling on the product as the readable layers do them, NaNs and all (rare: only when a NaN came up). */
  private finishReadably(
    product: Float32Array,
    job: { count: number; outH: number; outW: number; out: Float32Array; offset: number },
    filters: number,
    plane: number,
  ): void {
    const { count, outH, outW, out } = job;
    const bias = this.conv.params.b.data;
    const columns = count * plane;
    const value = new Float32Array(plane);
    let o = job.offset;
    for (let n = 0; n < count; n++) {
      for (let f = 0; f < filters; f++) {
        const src = f * columns + n * plane;
        for (let p = 0; p < plane; p++) {
          value[p] = product[src + p]! + bias[f]!;
          if (this.relu && value[p]! <= 0) value[p] = 0;
        }
        if (!this.pool) {
          out.set(value, o);
          o += plane;
          continue;
        }
        for (let oy = 0; oy < outH; oy += 2) {
          for (let ox = 0; ox < outW; ox += 2) {
            let best = -Infinity;
            for (const at of [oy * outW + ox, oy * outW + ox + 1, (oy + 1) * outW + ox, (oy + 1) * outW + ox + 1]) {
              if (value[at]! > best) best = value[at]!;
            }
            out[o++] = best;
          }
        }
      }
    }
  }
}

/**
 * Affine layers one after another, each with the ReLU after it or not (TwoLayerNet's Affine → ReLU →
 * Affine, SimpleConvNet's last three layers), as one step inside the WebAssembly module (wasmGemm.ts `affineChain`):
 * the batch goes in once and only the last scores come out, where the layers one by one copy every
 * product in and out and add the bias and take the ReLU in JavaScript. The same kernel multiplies, so
 * the numbers are the layers'; whenever a product is one the layers would not send to WebAssembly, or
 * the chain cannot run, they run as they are.
 */
class AffineStage implements Stage {
  private readonly out = new GrowingTensor();

  constructor(
    private readonly affines: { layer: FastAffine; relu: boolean }[],
    /** The layers it replaces, in order. */
    private readonly layers: Layer[],
  ) {}

  forward(x: Tensor): Tensor {
    return (x.data instanceof Float32Array && this.chain(x.data, x.rows)) || this.separately(x);
  }

  /** The scores of `rows` samples given as pixel bytes (see FastInference.predictPixels); null when the chain cannot run. */
  forwardPixels(pixels: Uint8Array, rows: number): Tensor | null {
    return this.chain(pixels, rows);
  }

  private chain(x: Float32Array | Uint8Array, rows: number): Tensor | null {
    const kernel = this.kernel(rows);
    if (!kernel) return null;
    const layers: AffineChainJob['layers'][number][] = [];
    for (const { layer, relu } of this.affines) {
      const { W, b } = layer.params;
      if (!(W.data instanceof Float32Array) || !(b.data instanceof Float32Array)) return null;
      layers.push({ W: W.data, b: b.data, relu });
    }
    const out = this.out.get([rows, layers[layers.length - 1]!.b.length]);
    const job = { x, rows, sparse: this.affines[0]!.layer.inputIsData, layers, out: out.data as Float32Array };
    return kernel.affineChain(job) ? out : null;
  }

  /** The kernel every product of the chain goes to, as FastAffine's gemm call picks it; null when one of them stays in JavaScript. */
  private kernel(rows: number) {
    const kernels = this.affines.map(({ layer }) => {
      const [inputs, outputs] = layer.params.W.shape as [number, number];
      return wasmKernelFor(rows, outputs, inputs);
    });
    return kernels.every((k) => k && k === kernels[0]) ? kernels[0]! : null;
  }

  private separately(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, false);
    return out;
  }
}

/** The stages for a network's layers: each convolution fused with the ReLU and max pooling after it where they fit, and affine layers (with their ReLUs) chained. */
function stagesOf(layers: readonly Layer[]): Stage[] {
  const stages: Stage[] = [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    if (layer instanceof FastAffine) {
      const affines: { layer: FastAffine; relu: boolean }[] = [];
      let j = i;
      while (layers[j] instanceof FastAffine) {
        const relu = layers[j + 1] instanceof FastRelu;
        affines.push({ layer: layers[j] as FastAffine, relu });
        j += relu ? 2 : 1;
      }
      stages.push(new AffineStage(affines, layers.slice(i, j)));
      i = j - 1;
      continue;
    }
    if (!(layer instanceof FastConvolution)) {
      stages.push(new LayerStage(layer));
      continue;
    }
    const relu = layers[i + 1] instanceof FastRelu;
    const next = layers[i + 2];
    // Only after a ReLU: without it, max-then-bias could turn a −0 the layers keep into +0.
    const pool = relu && next instanceof FastPooling && next.mode === 'max' && next.size === 2 && next.stride === 2 && next.pad === 0;
    const replaced = layers.slice(i, i + 1 + (relu ? 1 : 0) + (pool ? 1 : 0));
    stages.push(new ConvolutionStage(layer, relu, pool, replaced));
    i += replaced.length - 1;
  }
  return stages;
}

/**
 * Network.predict at inference, for a float32 network on its fast layers. The scores it returns live in
 * a buffer it keeps, valid until its next call.
 */
export class FastInference {
  private readonly stages: Stage[];
  private readonly smallestW: number;
  private readonly slice: number;
  /** The most values one sample has had in any stage's output so far (0 before the first pass). */
  private widest = 0;
  private readonly scores = new GrowingTensor();

  constructor(network: Network) {
    if (network.implementation !== 'fast' || network.dtype !== 'float32') throw new Error('FastInference runs float32 networks on their fast layers');
    this.stages = stagesOf(network.layers);
    this.smallestW = smallestWeights(network);
    this.slice = predictSlice(this.smallestW);
  }

  /** Whether a network can run here (float32 on the fast layers); otherwise call network.predict. */
  static supports(network: Network): boolean {
    return network.implementation === 'fast' && network.dtype === 'float32';
  }

  /**
   * The scores of a batch, a slice of samples at a time. Every sample's numbers are those Network.predict
   * gives with its own equal slices: no stage mixes samples, and a product with more rows goes to the same
   * kernel as with fewer once those fewer already take even the smallest weights to WebAssembly. Then,
   * once a pass has shown how wide the stages' outputs are, the slices grow up to SLICE_BYTES; otherwise
   * (a toy network, whose products sit around the threshold) they stay Network.predict's.
   */
  predict(x: Tensor): Tensor {
    const n = x.rows,
      size = x.cols;
    const slice = this.sliceFor(n);
    if (n <= slice) return this.forward(x);
    const slices = Math.ceil(n / slice);
    const step = Math.ceil(n / slices); // Network.predict's equal slices
    let scores: Tensor | null = null;
    for (let from = 0; from < n; from += step) {
      const to = Math.min(n, from + step);
      const y = this.forward(new Tensor([to - from, ...x.shape.slice(1)], x.data.subarray(from * size, to * size)));
      scores ??= this.scores.get([n, ...y.shape.slice(1)]);
      scores.data.set(y.data, from * y.cols);
    }
    return scores!;
  }

  /**
   * The scores of `rows` samples given as their pixel bytes, each v standing for v / 255 rounded to float32
   * (what parallel/gather.ts makes of them): predict's numbers, with the conversion done where the first
   * affine layers read them (AffineStage), so the floats never come out to JavaScript. Null when the
   * network does not begin with affine layers, the batch would be predicted in several slices, or the chain
   * cannot run: then gather the floats and call predict.
   */
  predictPixels(pixels: Uint8Array, rows: number): Tensor | null {
    const first = this.stages[0];
    if (!(first instanceof AffineStage) || rows > this.sliceFor(rows)) return null;
    const out = first.forwardPixels(pixels, rows);
    return out && this.forward(out, 1);
  }

  /** The slice a batch of n samples is predicted in (see predict). */
  private sliceFor(n: number): number {
    const theirs = Math.ceil(n / Math.ceil(n / this.slice)); // Network.predict's slice for this batch
    const grow = this.widest > 0 && (!Number.isFinite(this.smallestW) || theirs * this.smallestW >= WASM_MIN_MULTIPLY_ADDS);
    return grow ? Math.max(this.slice, Math.floor(SLICE_BYTES / (4 * this.widest))) : this.slice;
  }

  /** Stages from `first` on, over x (the input, or the output of the stage before `first`). */
  private forward(x: Tensor, first = 0): Tensor {
    let out = x;
    if (first > 0 && out.rows) this.widest = Math.max(this.widest, out.size / out.rows);
    for (let i = first; i < this.stages.length; i++) {
      out = this.stages[i]!.forward(out);
      if (out.rows) this.widest = Math.max(this.widest, out.size / out.rows);
    }
    return out;
  }
}
