// The WebAssembly SIMD matrix product (wasm/gemm.wat), loaded and fed from TypeScript.
//
// WebAssembly code can only read its own memory, so each product copies A's and B's numbers in (one
// `set`, a memcpy, each), lets the module pack and multiply them, and copies C out. The copies are
// linear and the product is cubic, which is why gemm.ts only sends products above a size here.
//
// Beside the product, the convolution steps that keep their data inside the module: a convolution at
// inference with its bias, ReLU and pooling; in training, the convolution's forward and its dW/db (with
// the window matrix rebuilt there rather than copied), and the same fused with a ReLU and 2×2 pooling
// (layers/fast/fusedHead.ts) and with the affine layer after it; affine layers with their ReLUs chained at
// inference (layers/fast/inference.ts); and a batch's pixel bytes turned into floats.
//
// Two builds of one source: relaxed SIMD (fused multiply-add; Electron's Chromium has it, Node 20 only
// behind --experimental-wasm-relaxed-simd, which every Node entry point of ours switches on: see
// engine/node/relaxedSimd.ts) and plain 128-bit SIMD (every current runtime). The best one the runtime
// validates is used; with neither, or no WebAssembly at all (or a page whose security policy forbids
// compiling it), everything stays on the JavaScript kernel.
// (Over 400 lines because it is one piece: loading the module, growing its memory, and the copy-in/copy-out
// of each operand layout the callers use belong together — split, each part would need the others' state:
// above all `held`, what the fused head's forward pass leaves in the module for its backward pass.)

import type { MatrixView } from './gemm';
import type { ConvGeometry } from './im2col';
import { gemmRelaxedSimdBase64, gemmSimdBase64 } from './wasm/gemmBinary.generated';
import { align16, instantiate, ModuleHeap, regionsFrom, type WasmMemory } from './wasmModule';

export type WasmGemmVariant = 'wasm-relaxed-simd' | 'wasm-simd';

export interface WasmGemm {
  readonly variant: WasmGemmVariant;
  /**
   * C (M×N, row-major) = A·B, or C += A·B when `accumulate`, exactly as gemmReference defines it but in
   * float32 sums. Returns false, having touched nothing, when the operands cannot be handled here
   * (negative strides, a view reaching past its array, or more memory than the module may take).
   */
  multiply(M: number, N: number, K: number, a: MatrixView, b: MatrixView, c: Float32Array, accumulate: boolean): boolean;
  /**
   * How many blocks of A (up to 128 rows × 256 k) `multiply` has run with their zeros skipped so far, in
   * this thread: A marked `sparse`, B finite, and at most three quarters of the four-row columns of A
   * holding a non-zero (tests and reports).
   */
  sparseBlocks(): number;
  /**
   * A convolution at inference with what follows it, for images from…from+count of x, all inside the
   * module: the window matrix (FastConvolution's colT), the product W·colT, the bias, then max(·, 0) when
   * `relu`, after taking each 2×2 window's maximum when `pool` (see `biasReluPool` in gemm.wat). Writes
   * the (count, FN, ·) result at out[offset…] and returns null; or returns false, having done nothing,
   * when the operands do not fit; or, when a NaN came up (whose place the fused kernel cannot keep as the
   * readable layers do), returns the (FN × count·OH·OW) product — a view of module memory valid until
   * the next call — for the caller to finish the readable way.
   */
  convolveForInference(job: ConvolutionJob): Float32Array | null | false;
  /**
   * A training forward of FastConvolution over the whole batch x, inside the module: the window matrix,
   * W·colT and the bias added plane by plane into out (N, FN, OH, OW) — FastConvolution's own steps and
   * numbers. False, having done nothing, when the operands do not fit.
   */
  convolveForTraining(job: TrainingConvolutionJob): boolean;
  /**
   * FastConvolution's backwardParams inside the module: the window matrix of x built again, dout
   * transposed to (FN, N·OH·OW) with db summed on the way, and dW = doutT·col. False, having done
   * nothing, when the operands do not fit.
   */
  convolutionGradient(job: ConvolutionGradientJob): boolean;
  /**
   * A convolution followed by a ReLU and a 2×2 max pooling of stride 2, trained: the convolution as in
   * convolveForTraining, then the ReLU and the pooling in one pass over the product. Writes the pooled
   * (N, FN, OH/2, OW/2) output and each window's winner (its index into the ReLU's output) — the numbers
   * the three layers give. False, having written nothing useful, when the operands do not fit or a NaN
   * came up (the layers then run one by one).
   */
  convolveReluPoolForTraining(job: TrainingConvolutionJob & { argmax: Int32Array }): boolean;
  /**
   * The gradient of that convolution's dW and db from the pooled output's gradient dPooled: the pooling's
   * and the ReLU's backward in one pass (see reluPoolBackward in gemm.wat), then as convolutionGradient.
   * For stride 1 without padding, straight from the winners instead (winnersWeightGradient): the same
   * numbers without the zeros.
   */
  convolveReluPoolGradient(job: Omit<ConvolutionGradientJob, 'dout'> & { dPooled: Float32Array; pooled: Float32Array; argmax: Int32Array }): boolean;
  /**
   * Affine layers one after another at inference, each followed by a ReLU or not, inside the module: the
   * batch copied in once, each product by `multiply`'s loops into module memory, its bias and ReLU added
   * there (biasRows in gemm.wat), and only the last layer's output copied out to `out` — the numbers
   * FastAffine's and FastRelu's forward give one by one. False, having written nothing to `out`, when the
   * operands do not fit or a NaN came up (whose bits the readable layers keep their own way).
   */
  affineChain(job: AffineChainJob): boolean;
  /**
   * In training, the affine layer after a fused head (layers/fast/fusedHead.ts), on the pooled output the
   * last convolveReluPoolForTraining left in this module: out (N × outputs) = pooled · W — FastAffine's
   * product, the same kernel and numbers, the bias left to the caller — with W copied in and kept for
   * heldAffineGradient. False, having done nothing, when nothing is held or the operands do not fit.
   */
  heldAffine(W: Float32Array, outputs: number, out: Float32Array): boolean;
  /**
   * Its backward from dout: dW = pooledᵀ·dout and dPooled = dout·Wᵀ, FastAffine's products, with the
   * pooled output and W where heldAffine left them; dPooled stays here too, where convolveReluPoolGradient
   * (given the same array) reads it instead of receiving it again. With `sparseDout` (a ReLU follows the
   * layer: FastAffine.doutIsSparse) dout·Wᵀ skips dout's zeros, as FastAffine's own product does then.
   * False when heldAffine did not run.
   */
  heldAffineGradient(dout: Float32Array, dW: Float32Array, dPooled: Float32Array, sparseDout: boolean): boolean;
  /**
   * Rows of `size` bytes of `bytes`, the r-th starting at byte rowStart(r), each byte v as v / 255 rounded
   * to float32 (parallel/gather.ts's table), written one after another at out[0…rows·size). False, having
   * done nothing, when the memory cannot hold them.
   */
  bytesToUnits(bytes: Uint8Array, rows: number, size: number, rowStart: (r: number) => number, out: Float32Array): boolean;
}

export interface AffineChainJob {
  /**
   * The batch, rows × (the first layer's inputs), row-major; or its pixels as bytes, each v standing for
   * v / 255 rounded to float32 (what parallel/gather.ts makes of them), converted inside the module — a
   * quarter of the bytes to copy in.
   */
  x: Float32Array | Uint8Array;
  rows: number;
  /** The first layer's input is the data (FastAffine.inputIsData): its product skips the zeros. */
  sparse: boolean;
  /** Each layer's W (inputs × outputs) and b (outputs), and whether a ReLU follows it. */
  layers: readonly { W: Float32Array; b: Float32Array; relu: boolean }[];
  /** rows × (the last layer's outputs) */
  out: Float32Array;
}

export interface TrainingConvolutionJob {
  geometry: ConvGeometry;
  outH: number;
  outW: number;
  /** The whole batch (N, C, H, W). */
  x: Float32Array;
  /** (FN, C, KH, KW) */
  W: Float32Array;
  b: Float32Array;
  /** (N, FN, OH, OW) */
  out: Float32Array;
}

export interface ConvolutionGradientJob {
  geometry: ConvGeometry;
  outH: number;
  outW: number;
  filters: number;
  x: Float32Array;
  /** (N, FN, OH, OW) */
  dout: Float32Array;
  /** (FN, C·KH·KW), overwritten */
  dW: Float32Array;
  /** (FN), overwritten */
  db: Float32Array;
}

export interface ConvolutionJob {
  geometry: ConvGeometry;
  outH: number;
  outW: number;
  x: Float32Array;
  from: number;
  count: number;
  /** (FN, C, KH, KW) */
  W: Float32Array;
  b: Float32Array;
  relu: boolean;
  /** A 2×2 max pooling of stride 2 after the ReLU (OH and OW even); only with `relu`. */
  pool: boolean;
  out: Float32Array;
  offset: number;
}

interface GemmExports {
  memory: WasmMemory;
  /** An exported mutable i32 global. */
  sparseBlocks: { readonly value: number };
  gemm(
    M: number,
    N: number,
    K: number,
    a: number,
    sai: number,
    sak: number,
    b: number,
    sbk: number,
    sbj: number,
    c: number,
    accumulate: number,
    packA: number,
    packB: number,
    scratch: number,
    MC: number,
    KC: number,
    NC: number,
    sparse: number,
    vals: number,
    list: number,
    counts: number,
  ): void;
  im2col(
    x: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    stride: number,
    pad: number,
    outH: number,
    outW: number,
    count: number,
    dst: number,
  ): void;
  biasReluPool(product: number, filters: number, count: number, outH: number, outW: number, bias: number, floor: number, pool: number, dst: number): number;
  convReluPoolTrain(
    product: number,
    filters: number,
    count: number,
    outH: number,
    outW: number,
    bias: number,
    dst: number,
    argmax: number,
    first: number,
  ): number;
  reluPoolBackward(g: number, pooled: number, argmax: number, count: number, d: number, n: number): void;
  winnersWeightGradient(
    x: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    outH: number,
    outW: number,
    batch: number,
    filters: number,
    g: number,
    pooled: number,
    argmax: number,
    KC: number,
    partial: number,
    sum: number,
    records: number,
    dW: number,
    db: number,
  ): number;
  convDirect(
    x: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    outH: number,
    outW: number,
    count: number,
    w: number,
    filters: number,
    c: number,
    packA: number,
    packB: number,
    scratch: number,
  ): void;
  transposeWithSums(g: number, batch: number, filters: number, plane: number, doutT: number, db: number): void;
  biasRows(c: number, rows: number, cols: number, bias: number, floor: number): number;
  bytesToUnits(src: number, dst: number, n: number): void;
}

// Blocking (see gemm.wat). KC·8 floats of B (8 KiB) stay in L1 while a tile runs down the MC rows of the
// packed A block (MC·KC floats, 128 KiB, in L2); NC columns of packed B (KC·NC floats, 2 MiB) sit in L2/L3.
const MC = 128;
const KC = 256;
const NC = 2048;
/**
 * A convolution fused with its ReLU and pooling takes this many bytes of window matrix and product per
 * step, a few samples at a time (layers/fast/inference.ts, and training's convolveReluPoolForTraining):
 * they stay in the core's L2 cache.
 */
export const FUSED_STEP_BYTES = 256 * 1024;

interface PackingLayout {
  /** Whether A's zeros are looked for (gemm.wat's $compactA and $tileSparse). */
  sparse: boolean;
  scratch: number;
  packA: number;
  packB: number;
  /** With `sparse`: where gemm.wat's $compactA puts the compacted A panels, their k lists and counts. */
  vals: number;
  list: number;
  counts: number;
  end: number;
}

/**
 * Byte offsets of the scratch tile and the packed panels for one M×N×K product, and with `sparse` the
 * compacted copy of packed A beside them, from `base` on (rounded up to 64; 0 by default: products that
 * keep nothing in the module between calls); `end` is where free memory begins.
 */
function packingLayout(M: number, N: number, K: number, sparse = false, base = 0): PackingLayout {
  const from = base + ((64 - (base % 64)) % 64);
  const kc = Math.min(KC, K);
  const panels = Math.ceil(Math.min(MC, M) / 4);
  const packA = from + 128;
  const packB = packA + align16(panels * 4 * kc * 4);
  const vals = packB + align16(kc * Math.ceil(Math.min(NC, N) / 8) * 8 * 4);
  if (!sparse) return { sparse, scratch: from, packA, packB, vals: 0, list: 0, counts: 0, end: vals };
  const list = vals + panels * 4 * kc * 4;
  const counts = list + align16(panels * kc * 4);
  return { sparse, scratch: from, packA, packB, vals, list, counts, end: counts + align16(panels * 4) };
}

/** What a fused head's forward pass leaves in its own module (see ModuleGemm.held), and where. */
interface Held {
  x: Float32Array;
  pooled: Float32Array;
  argmax: Int32Array;
  offX: number;
  offPooled: number;
  offArgmax: number;
  /** The affine layer after the head (heldAffine): its W, kept here, and its shape. */
  affine?: { offW: number; rows: number; inputs: number; outputs: number };
  /** The gradient of the pooled output as heldAffineGradient computed it here, and the array it copied it to. */
  dPooled?: { array: Float32Array; off: number };
  /** Where free memory begins. */
  end: number;
}

class ModuleGemm implements WasmGemm {
  private readonly exports: GemmExports;
  private readonly heap: ModuleHeap;

  /**
   * What the last convolveReluPoolForTraining left in this module's memory (the batch, the pooled output
   * and the winners, with where they are), while no other call has run here since: its gradient then
   * reads them where they are instead of receiving them again. An instance of its own (ownWasmGemm) is
   * what keeps other calls from running in between.
   */
  private held: Held | null = null;

  constructor(
    readonly variant: WasmGemmVariant,
    exports: GemmExports,
  ) {
    this.exports = exports;
    this.heap = new ModuleHeap(exports.memory);
  }

  sparseBlocks(): number {
    return this.exports.sparseBlocks.value;
  }

  /**
   * gemm.wat's `gemm` on operands already in this module: C (M×N, row-major at byte c) = A·B, or += with
   * `accumulate`, A(i, k) at byte a + 4(i·sai + k·sak) and B(k, j) at b + 4(k·sbk + j·sbj), in the packing
   * space `pack` laid out for this M, N, K.
   */
  private product(
    M: number,
    N: number,
    K: number,
    a: number,
    sai: number,
    sak: number,
    b: number,
    sbk: number,
    sbj: number,
    c: number,
    pack: PackingLayout,
    accumulate = false,
  ): void {
    const { sparse, scratch, packA, packB, vals, list, counts } = pack;
    this.exports.gemm(M, N, K, a, sai, sak, b, sbk, sbj, c, accumulate ? 1 : 0, packA, packB, scratch, MC, KC, NC, sparse ? 1 : 0, vals, list, counts);
  }

  multiply(M: number, N: number, K: number, a: MatrixView, b: MatrixView, c: Float32Array, accumulate: boolean): boolean {
    this.held = null;
    if (M <= 0 || N <= 0) return true;
    if (K <= 0) {
      if (!accumulate) c.fill(0, 0, M * N);
      return true;
    }
    const sAi = a.rowStride,
      sAk = a.colStride,
      sBk = b.rowStride,
      sBj = b.colStride;
    if (sAi < 0 || sAk < 0 || sBk < 0 || sBj < 0) return false;
    // Only the part of each array the view reaches is copied: from 0 to its last element.
    const extentA = (M - 1) * sAi + (K - 1) * sAk + 1;
    const extentB = (K - 1) * sBk + (N - 1) * sBj + 1;
    if (extentA > a.data.length || extentB > b.data.length || M * N > c.length) return false;

    const sparse = a.sparse === true;
    const pack = packingLayout(M, N, K, sparse);
    const {
      at: [offA, offB, offC],
      end: last,
    } = regionsFrom(pack.end, [extentA * 4, extentB * 4, M * N * 4]);
    if (!this.heap.reserve(last)) return false;

    const heap = this.heap.f32;
    heap.set(extentA === a.data.length ? a.data : a.data.subarray(0, extentA), offA >> 2);
    heap.set(extentB === b.data.length ? b.data : b.data.subarray(0, extentB), offB >> 2);
    const cLength = M * N;
    const cWhole = cLength === c.length;
    if (accumulate) heap.set(cWhole ? c : c.subarray(0, cLength), offC >> 2);
    this.product(M, N, K, offA, sAi, sAk, offB, sBk, sBj, offC, pack, accumulate);
    c.set(heap.subarray(offC >> 2, (offC >> 2) + cLength));
    return true;
  }

  affineChain(job: AffineChainJob): boolean {
    this.held = null;
    const { x, rows, layers, out } = job;
    if (rows <= 0 || layers.length === 0) return false;
    // Each layer's inputs follow from the one before: K of the first is x's width.
    const widths = [x.length / rows];
    for (const { W, b } of layers) {
      const inputs = widths[widths.length - 1]!;
      if (!Number.isInteger(inputs) || inputs <= 0 || W.length !== inputs * b.length) return false;
      widths.push(b.length);
    }
    if (out.length < rows * widths[layers.length]!) return false;
    // The packing space of the largest product, then x, every W and b, and each layer's output.
    let packing = 0;
    for (let i = 0; i < layers.length; i++) packing = Math.max(packing, packingLayout(rows, widths[i + 1]!, widths[i]!, i === 0 && job.sparse).end);
    const pixels = x instanceof Uint8Array;
    const sizes = [x.length * 4, ...layers.flatMap(({ W, b }, i) => [W.length * 4, b.length * 4, rows * widths[i + 1]! * 4]), pixels ? x.length : 0];
    const { at, end } = regionsFrom(packing, sizes);
    if (!this.heap.reserve(end)) return false;
    const heap = this.heap.f32;
    if (pixels) {
      const offBytes = at[at.length - 1]!;
      this.heap.u8.set(plainBytes(x), offBytes);
      this.exports.bytesToUnits(offBytes, at[0]!, x.length);
    } else heap.set(x, at[0]! >> 2);
    let input = at[0]!;
    for (let i = 0; i < layers.length; i++) {
      const { W, b, relu } = layers[i]!;
      const [offW, offB, offOut] = [at[1 + 3 * i]!, at[2 + 3 * i]!, at[3 + 3 * i]!];
      const [K, N] = [widths[i]!, widths[i + 1]!];
      heap.set(W, offW >> 2);
      heap.set(b, offB >> 2);
      this.product(rows, N, K, input, K, 1, offW, N, 1, offOut, packingLayout(rows, N, K, i === 0 && job.sparse));
      if (this.exports.biasRows(offOut, rows, N, offB, relu ? 0 : -Infinity)) return false;
      input = offOut;
    }
    const length = rows * widths[layers.length]!;
    out.set(heap.subarray(input >> 2, (input >> 2) + length));
    affineChainCount++;
    return true;
  }

  bytesToUnits(bytes: Uint8Array, rows: number, size: number, rowStart: (r: number) => number, out: Float32Array): boolean {
    this.held = null;
    const n = rows * size;
    const {
      at: [offBytes, offUnits],
      end,
    } = regionsFrom(0, [n, n * 4]);
    if (!this.heap.reserve(end)) return false;
    const { u8, f32 } = this.heap;
    // A plain Uint8Array view: a Node Buffer's subarray builds a Buffer through its species, which cost as
    // much as the copy itself (a tenth of TwoLayerNet's inference); rows that follow one another (an
    // evaluation's batch) are one copy.
    const plain = plainBytes(bytes);
    const first = rowStart(0);
    let contiguous = true;
    for (let r = 1; r < rows && contiguous; r++) contiguous = rowStart(r) === first + r * size;
    if (contiguous) u8.set(plain.subarray(first, first + n), offBytes);
    else
      for (let r = 0; r < rows; r++) {
        const s = rowStart(r);
        u8.set(plain.subarray(s, s + size), offBytes + r * size);
      }
    this.exports.bytesToUnits(offBytes, offUnits, n);
    out.set(f32.subarray(offUnits >> 2, (offUnits >> 2) + n));
    return true;
  }

  convolveForInference(job: ConvolutionJob): Float32Array | null | false {
    this.held = null;
    const { geometry: g, outH, outW, x, from, count, W, b, relu, pool, out, offset } = job;
    const filters = b.length;
    const rowLength = g.channels * g.kernelH * g.kernelW;
    const image = g.channels * g.height * g.width;
    const plane = outH * outW;
    const columns = count * plane;
    const outLength = count * filters * (pool ? plane / 4 : plane);
    if (W.length !== filters * rowLength || (from + count) * image > x.length || offset + outLength > out.length) return false;
    if (pool && (!relu || outH % 2 !== 0 || outW % 2 !== 0)) return false;
    const pack = packingLayout(filters, columns, rowLength);
    const { scratch, packA, packB, end } = pack;
    const useDirect = direct(g, outW, filters); // then no window matrix is built
    const {
      at: [offX, offW, offBias, offColT, offProduct, offOut],
      end: last,
    } = regionsFrom(end, [count * image * 4, W.length * 4, filters * 4, useDirect ? 0 : rowLength * columns * 4, filters * columns * 4, outLength * 4]);
    if (!this.heap.reserve(last)) return false;
    const heap = this.heap.f32;
    heap.set(x.subarray(from * image, (from + count) * image), offX >> 2);
    heap.set(W, offW >> 2);
    heap.set(b, offBias >> 2);
    const e = this.exports;
    if (useDirect) {
      e.convDirect(offX, g.channels, g.height, g.width, g.kernelH, g.kernelW, outH, outW, count, offW, filters, offProduct, packA, packB, scratch);
    } else {
      e.im2col(offX, g.channels, g.height, g.width, g.kernelH, g.kernelW, g.stride, g.pad, outH, outW, count, offColT);
      this.product(filters, columns, rowLength, offW, rowLength, 1, offColT, columns, 1, offProduct, pack);
    }
    if (e.biasReluPool(offProduct, filters, count, outH, outW, offBias, relu ? 0 : -Infinity, pool ? 1 : 0, offOut) !== 0) {
      return heap.subarray(offProduct >> 2, (offProduct >> 2) + filters * columns);
    }
    out.set(heap.subarray(offOut >> 2, (offOut >> 2) + outLength), offset);
    return null;
  }

  convolveForTraining(job: TrainingConvolutionJob): boolean {
    this.held = null;
    const { geometry: g, outH, outW, b, out } = job;
    if (out.length !== b.length * g.batch * outH * outW) return false;
    const perSample = out.length / g.batch;
    // the bias alone (a floor of −∞, no pooling): FastConvolution's planesWithBias, NaN included
    const at = this.trainingChunks(job, out.length, 0, (product, bias, outAt, _, from, count) => {
      this.exports.biasReluPool(product, b.length, count, outH, outW, bias, -Infinity, 0, outAt + from * perSample * 4);
      return true;
    });
    if (!at) return false;
    out.set(this.heap.f32.subarray(at.out >> 2, (at.out >> 2) + out.length));
    return true;
  }

  convolveReluPoolForTraining(job: TrainingConvolutionJob & { argmax: Int32Array }): boolean {
    this.held = null;
    const { geometry: g, outH, outW, x, b, out, argmax } = job;
    if (outH % 2 !== 0 || outW % 2 !== 0 || out.length !== argmax.length || out.length * 4 !== b.length * g.batch * outH * outW) return false;
    const perSample = out.length / g.batch;
    const at = this.trainingChunks(job, out.length, argmax.length, (product, bias, outAt, argmaxAt, from, count) => {
      const done = from * perSample * 4;
      return this.exports.convReluPoolTrain(product, b.length, count, outH, outW, bias, outAt + done, argmaxAt + done, from) === 0;
    });
    if (!at) return false;
    out.set(this.heap.f32.subarray(at.out >> 2, (at.out >> 2) + out.length));
    argmax.set(this.heap.i32.subarray(at.argmax >> 2, (at.argmax >> 2) + argmax.length));
    this.held = { x, pooled: out, argmax, offX: at.x, offPooled: at.out, offArgmax: at.argmax, end: at.end };
    return true;
  }

  /**
   * Copies x, W and b in and multiplies a few samples at a time, as at inference: each chunk's window
   * matrix and product (FN, count·OH·OW) stay in the core's L2 cache for `each` to read (the bias, ReLU
   * and pooling), instead of the batch's product (6.9 MB for 100 MNIST images) going out to memory and
   * back. Every column of the product is the same dot product either way. `each` writes the chunk of
   * samples from…from + count into the regions of `outLength` floats and `argmaxLength` indices; x and
   * both have 32 bytes to spare (winnersWeightGradient reads past their ends). Where they are, or null
   * when the operands do not fit or `each` refuses a chunk.
   */
  private trainingChunks(
    job: TrainingConvolutionJob,
    outLength: number,
    argmaxLength: number,
    each: (product: number, bias: number, out: number, argmax: number, from: number, count: number) => boolean,
  ): { x: number; out: number; argmax: number; end: number } | null {
    const { geometry: g, outH, outW, x, W, b } = job;
    const filters = b.length;
    const plane = outH * outW;
    const rowLength = g.channels * g.kernelH * g.kernelW;
    const image = g.channels * g.height * g.width;
    if (W.length !== filters * rowLength || x.length !== g.batch * image) return null;
    const step = Math.max(1, Math.floor(FUSED_STEP_BYTES / ((rowLength + filters) * plane * 4)));
    const columns = Math.min(step, g.batch) * plane;
    const pack = packingLayout(filters, columns, rowLength);
    const { scratch, packA, packB, end } = pack;
    const useDirect = direct(g, outW, filters);
    const {
      at: [offX, offW, offBias, offColT, offProduct, offOut, offArgmax],
      end: last,
    } = regionsFrom(end, [
      x.length * 4 + 32,
      W.length * 4,
      filters * 4,
      useDirect ? 0 : rowLength * columns * 4,
      filters * columns * 4,
      outLength * 4 + 32,
      argmaxLength * 4 + 32,
    ]);
    if (!this.heap.reserve(last)) return null;
    const heap = this.heap.f32;
    heap.set(x, offX >> 2);
    heap.set(W, offW >> 2);
    heap.set(b, offBias >> 2);
    const e = this.exports;
    for (let from = 0; from < g.batch; from += step) {
      const count = Math.min(step, g.batch - from);
      const at = offX + from * image * 4;
      if (useDirect) {
        e.convDirect(at, g.channels, g.height, g.width, g.kernelH, g.kernelW, outH, outW, count, offW, filters, offProduct, packA, packB, scratch);
      } else {
        e.im2col(at, g.channels, g.height, g.width, g.kernelH, g.kernelW, g.stride, g.pad, outH, outW, count, offColT);
        this.product(filters, count * plane, rowLength, offW, rowLength, 1, offColT, count * plane, 1, offProduct, pack);
      }
      if (!each(offProduct, offBias, offOut, offArgmax, from, count)) return null;
    }
    return { x: offX, out: offOut, argmax: offArgmax, end: last };
  }

  convolutionGradient(job: ConvolutionGradientJob): boolean {
    this.held = null;
    const { dout } = job;
    return this.weightGradient(job, dout.length, [], (offDout) => this.heap.f32.set(dout, offDout >> 2));
  }

  heldAffine(W: Float32Array, outputs: number, out: Float32Array): boolean {
    const held = this.held;
    if (!held || outputs <= 0) return false;
    const inputs = W.length / outputs;
    const rows = held.pooled.length / inputs;
    if (!Number.isInteger(inputs) || !Number.isInteger(rows) || out.length < rows * outputs) return false;
    const pack = packingLayout(rows, outputs, inputs, false, held.end);
    const {
      at: [offW, offOut],
      end,
    } = regionsFrom(pack.end, [W.length * 4, rows * outputs * 4]);
    if (!this.heap.reserve(end)) return false;
    const f32 = this.heap.f32;
    f32.set(W, offW >> 2);
    // out = pooled · W: FastAffine's gemm(n, outputs, inputs, rowMajor(x), rowMajor(W))
    this.product(rows, outputs, inputs, held.offPooled, inputs, 1, offW, outputs, 1, offOut, pack);
    out.set(f32.subarray(offOut >> 2, (offOut >> 2) + rows * outputs));
    this.held = { ...held, affine: { offW, rows, inputs, outputs }, end };
    return true;
  }

  heldAffineGradient(dout: Float32Array, dW: Float32Array, dPooled: Float32Array, sparseDout: boolean): boolean {
    const held = this.held;
    const affine = held?.affine;
    if (!held || !affine) return false;
    const { rows, inputs, outputs } = affine;
    if (dout.length < rows * outputs || dW.length !== inputs * outputs || dPooled.length !== rows * inputs) return false;
    const forX = packingLayout(rows, inputs, outputs, sparseDout, held.end);
    const forW = packingLayout(inputs, outputs, rows, false, held.end); // the same space, once forX is done with it
    const {
      at: [offDout, offDX, offDW],
      end,
    } = regionsFrom(Math.max(forX.end, forW.end), [rows * outputs * 4, rows * inputs * 4 + 32, dW.length * 4]);
    if (!this.heap.reserve(end)) return false;
    const f32 = this.heap.f32;
    f32.set(dout.length === rows * outputs ? dout : dout.subarray(0, rows * outputs), offDout >> 2);
    // FastAffine's backward: dx = dout·Wᵀ (gemm(n, inputs, outputs, rowMajor(dout), transposed(W))), then
    // dW = xᵀ·dout (gemm(inputs, outputs, n, transposed(x), rowMajor(dout))), x being the pooled output
    const sparseBefore = this.exports.sparseBlocks.value;
    this.product(rows, inputs, outputs, offDout, outputs, 1, affine.offW, 1, outputs, offDX, forX);
    if (this.exports.sparseBlocks.value > sparseBefore) heldSparseDoutCount++;
    this.product(inputs, outputs, rows, held.offPooled, 1, inputs, offDout, outputs, 1, offDW, forW);
    dPooled.set(f32.subarray(offDX >> 2, (offDX >> 2) + dPooled.length));
    dW.set(f32.subarray(offDW >> 2, (offDW >> 2) + dW.length));
    this.held = { ...held, dPooled: { array: dPooled, off: offDX }, end };
    heldAffineCount++;
    return true;
  }

  convolveReluPoolGradient(job: Omit<ConvolutionGradientJob, 'dout'> & { dPooled: Float32Array; pooled: Float32Array; argmax: Int32Array }): boolean {
    const { dPooled, pooled, argmax } = job;
    const count = dPooled.length;
    if (pooled.length !== count || argmax.length !== count) return false;
    const winnersOnly = this.winnersWeightGradient(job);
    if (winnersOnly !== null) return winnersOnly;
    this.held = null;
    const n = count * 4;
    return this.weightGradient(job, n, [count * 4, count * 4, count * 4], (offDout, [g, values, winners]) => {
      if (g === undefined || values === undefined || winners === undefined) throw new Error('weightGradient gives one region per extra size');
      // dPooled, the pooled values and the winners go in side by side; the ReLU input's gradient is spread from them
      const { f32, i32 } = this.heap;
      f32.set(dPooled, g >> 2);
      f32.set(pooled, values >> 2);
      i32.set(argmax, winners >> 2);
      this.exports.reluPoolBackward(g, values, winners, count, offDout, n);
    });
  }

  /**
   * convolveReluPoolGradient's dW and db from the winners alone (winnersWeightGradient in gemm.wat), for
   * a convolution of stride 1 without padding and at most 8 wide; null when it does not apply (another
   * geometry, or an x with an infinity or NaN), then the caller takes the long way.
   */
  private winnersWeightGradient(
    job: Omit<ConvolutionGradientJob, 'dout'> & { dPooled: Float32Array; pooled: Float32Array; argmax: Int32Array },
  ): boolean | null {
    const { geometry: g, outH, outW, filters, x, dW, db, dPooled, pooled, argmax } = job;
    if (g.stride !== 1 || g.pad !== 0 || g.kernelW > 8 || outH % 2 !== 0 || outW % 2 !== 0) return null;
    const count = dPooled.length;
    const rows = g.channels * g.kernelH;
    if (
      x.length !== g.batch * g.channels * g.height * g.width ||
      count !== (g.batch * filters * outH * outW) / 4 ||
      dW.length !== filters * rows * g.kernelW ||
      db.length !== filters
    )
      return false;
    // The batch, the pooled output and the winners are still here when the forward pass just left them.
    const held = this.held !== null && this.held.x === x && this.held.pooled === pooled && this.held.argmax === argmax ? this.held : null;
    // So is the pooled output's gradient when the affine layer after the head computed it here (heldAffineGradient).
    const dPooledHere = held?.dPooled?.array === dPooled ? held.dPooled.off : null;
    const {
      at: [atX, atG, atPooled, atArgmax, offPartial, offSum, offRecords, offDW, offDb],
      end,
    } = regionsFrom(held?.end ?? 0, [
      held ? 0 : x.length * 4 + 32,
      dPooledHere !== null ? 0 : count * 4 + 32,
      held ? 0 : count * 4 + 32,
      held ? 0 : count * 4 + 32,
      filters * rows * 32,
      filters * rows * 32,
      // gemm.wat's $winnerRecords: three lists of a plane's winners, three side lists of a pair's, the
      // table; then each filter's db and slice end
      (3 * (count / filters / g.batch + outW / 2 + 16) + 3 * (outW / 2 + 8)) * 4 + 256 + filters * 8,
      dW.length * 4,
      filters * 4,
    ]);
    if (!this.heap.reserve(end)) return false;
    const { f32, i32 } = this.heap;
    const [offX, offPooled, offArgmax] = held ? [held.offX, held.offPooled, held.offArgmax] : [atX, atPooled, atArgmax];
    if (!held) {
      f32.set(x, offX >> 2);
      f32.set(pooled, offPooled >> 2);
      i32.set(argmax, offArgmax >> 2);
    }
    const offG = dPooledHere ?? atG;
    if (dPooledHere === null) f32.set(dPooled, offG >> 2);
    const e = this.exports;
    const refused = e.winnersWeightGradient(
      offX,
      g.channels,
      g.height,
      g.width,
      g.kernelH,
      g.kernelW,
      outH,
      outW,
      g.batch,
      filters,
      offG,
      offPooled,
      offArgmax,
      KC,
      offPartial,
      offSum,
      offRecords,
      offDW,
      offDb,
    );
    if (refused !== 0) return null;
    winnerGradientCount++;
    dW.set(f32.subarray(offDW >> 2, (offDW >> 2) + dW.length));
    db.set(f32.subarray(offDb >> 2, (offDb >> 2) + filters));
    return true;
  }

  /**
   * dW and db of a convolution once `fill` has put its output's gradient (N, FN, OH, OW) at the byte
   * offset it is given (with regions of the `extra` byte sizes beside it, at the offsets it is given too): the
   * window matrix built again from x, that gradient transposed with db summed on the way, dW = doutT·col.
   */
  private weightGradient(
    job: Omit<ConvolutionGradientJob, 'dout'>,
    doutLength: number,
    extra: number[],
    fill: (offDout: number, offExtra: number[]) => void,
  ): boolean {
    const { geometry: g, outH, outW, filters, x, dW, db } = job;
    const plane = outH * outW;
    const rowLength = g.channels * g.kernelH * g.kernelW;
    const columns = g.batch * plane;
    if (
      x.length !== g.batch * g.channels * g.height * g.width ||
      doutLength !== filters * columns ||
      dW.length !== filters * rowLength ||
      db.length !== filters
    )
      return false;
    const pack = packingLayout(filters, rowLength, columns);
    const {
      at: [offX, offColT, offDout, offDoutT, offDW, offDb, ...offExtra],
      end: last,
    } = regionsFrom(pack.end, [x.length * 4, rowLength * columns * 4, doutLength * 4, doutLength * 4, dW.length * 4, filters * 4, ...extra]);
    if (!this.heap.reserve(last)) return false;
    this.heap.f32.set(x, offX >> 2);
    fill(offDout, offExtra);
    const e = this.exports;
    e.im2col(offX, g.channels, g.height, g.width, g.kernelH, g.kernelW, g.stride, g.pad, outH, outW, g.batch, offColT);
    e.transposeWithSums(offDout, g.batch, filters, plane, offDoutT, offDb);
    // dW (FN × C·KH·KW) = doutT · col, col read as colT transposed — FastConvolution's very product
    this.product(filters, rowLength, columns, offDoutT, columns, 1, offColT, 1, columns, offDW, pack);
    const heap = this.heap.f32;
    dW.set(heap.subarray(offDW >> 2, (offDW >> 2) + dW.length));
    db.set(heap.subarray(offDb >> 2, (offDb >> 2) + filters));
    return true;
  }
}

/**
 * Whether `convDirect` in gemm.wat computes this convolution's product (stride 1, no padding, output
 * rows a multiple of 8 wide, the window and the filters within one packed block): the product `gemm`
 * gives over im2col's window matrix, bit for bit, without building that matrix.
 */
function direct(g: ConvGeometry, outW: number, filters: number): boolean {
  return g.stride === 1 && g.pad === 0 && outW % 8 === 0 && g.channels * g.kernelH * g.kernelW <= KC && filters <= MC;
}

const loaded = new Map<WasmGemmVariant, WasmGemm | null>();

/** The kernel built for `variant`, or null when this runtime cannot run it. Compiled once, on first use. */
export function loadWasmGemm(variant: WasmGemmVariant): WasmGemm | null {
  if (loaded.has(variant)) return loaded.get(variant) ?? null;
  const exports = instantiate(variant === 'wasm-relaxed-simd' ? gemmRelaxedSimdBase64 : gemmSimdBase64) as GemmExports | null;
  const gemm = exports ? new ModuleGemm(variant, exports) : null;
  loaded.set(variant, gemm);
  return gemm;
}

let lastPlain: { of: Uint8Array; view: Uint8Array } | null = null;

/** `bytes` as a plain Uint8Array over the same memory (itself when it is one), the last one kept. */
function plainBytes(bytes: Uint8Array): Uint8Array {
  if (Object.getPrototypeOf(bytes) === Uint8Array.prototype) return bytes;
  if (lastPlain?.of !== bytes) lastPlain = { of: bytes, view: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  return lastPlain.view;
}

let winnerGradientCount = 0;
let affineChainCount = 0;
let heldAffineCount = 0;
let heldSparseDoutCount = 0;

/** How many backward passes of an affine layer have run inside a fused head's module (heldAffineGradient), in any instance. */
export function heldAffineGradients(): number {
  return heldAffineCount;
}

/** How many of those backward passes skipped dout's zeros (`sparseDout`) in at least one block of dout·Wᵀ, in any instance. */
export function heldSparseDoutProducts(): number {
  return heldSparseDoutCount;
}

/** How many affine chains have run to the end inside the module (affineChain), in any instance. */
export function affineChains(): number {
  return affineChainCount;
}

/** How many convolution dW have come straight from the pooling's winners (winnersWeightGradient in gemm.wat), in any instance. */
export function winnerGradients(): number {
  return winnerGradientCount;
}

/**
 * A new instance of `variant`'s kernel with a memory of its own, for a caller whose data should stay in
 * the module between two calls (fusedHead.ts: the forward pass's batch, pooled output and winners,
 * read again by the backward pass); null when this runtime cannot run it.
 */
export function ownWasmGemm(variant: WasmGemmVariant): WasmGemm | null {
  const exports = instantiate(variant === 'wasm-relaxed-simd' ? gemmRelaxedSimdBase64 : gemmSimdBase64) as GemmExports | null;
  return exports ? new ModuleGemm(variant, exports) : null;
}

/** The fastest kernel this runtime runs: relaxed SIMD, else plain SIMD, else null. */
export function bestWasmGemm(): WasmGemm | null {
  return loadWasmGemm('wasm-relaxed-simd') ?? loadWasmGemm('wasm-simd');
}
