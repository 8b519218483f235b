// Samples of a split gathered into one batch: data/dataset.ts's gatherBatch, the same numbers (v / 255
// for a byte v, rounded to the batch's precision), but into buffers kept from one call to the next, and
// four pixels per read. Training gathers a slice of every step's mini-batch and evaluation thousands of
// samples an epoch: at one byte per read, a table lookup and a float store each, gathering took as long
// as a third of TwoLayerNet's step.

import type { DataSplit } from '../data/dataset';
import { wasmKernelForPixels } from '../kernels/gemm';
import { Tensor, sizeOf, type DType, type Shape } from '../tensor';

const BYTE_TO_UNIT = Float64Array.from({ length: 256 }, (_, v) => v / 255);
/** The same, rounded to float32 once: storing either into a Float32Array stores the same number. */
const BYTE_TO_UNIT_32 = Float32Array.from(BYTE_TO_UNIT);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export class BatchGatherer {
  private x: Tensor | null = null;
  private t = new Uint8Array(0);
  private readonly size: number;
  /** The last split's bytes read four at a time (when they lie on a 4-byte boundary). */
  private words: { bytes: Uint8Array; view: Uint32Array } | null = null;

  constructor(
    private readonly inputShape: Shape,
    private readonly dtype: DType,
  ) {
    this.size = sizeOf(inputShape);
  }

  /**
   * Samples indices[from…to) of a split (samples from…to when indices is null) as a batch and its labels:
   * views of buffers this gatherer keeps, overwritten by its next call.
   */
  gather(split: DataSplit, indices: ArrayLike<number> | null, from: number, to: number): { x: Tensor; t: Uint8Array } {
    const n = to - from,
      d = this.size;
    if (!this.x || this.x.rows !== n) {
      const bytes = n * d * (this.dtype === 'float64' ? 8 : 4);
      const capacity = this.x && this.x.data.buffer.byteLength >= bytes ? (this.x.data.buffer as ArrayBuffer) : null;
      const storage = capacity
        ? this.dtype === 'float64'
          ? new Float64Array(capacity, 0, n * d)
          : new Float32Array(capacity, 0, n * d)
        : this.dtype === 'float64'
          ? new Float64Array(n * d)
          : new Float32Array(n * d);
      this.x = new Tensor([n, ...this.inputShape], storage);
    }
    if (this.t.length < n) this.t = new Uint8Array(n);
    const out = this.x.data,
      src = split.x,
      t = this.t;
    // A batch large enough converts in WebAssembly (kernels/wasmGemm.ts), the same numbers.
    if (out instanceof Float32Array && src instanceof Uint8Array) {
      const wasm = wasmKernelForPixels(n * d);
      if (wasm?.bytesToUnits(src, n, d, (r) => (indices ? indices[from + r]! : from + r) * d, out)) {
        for (let r = 0; r < n; r++) t[r] = split.y[indices ? indices[from + r]! : from + r]!;
        return { x: this.x, t: t.length === n ? t : t.subarray(0, n) };
      }
    }
    const words = out instanceof Float32Array && src instanceof Uint8Array ? this.wordsOf(src) : null;
    for (let r = 0; r < n; r++) {
      const i = indices ? indices[from + r]! : from + r;
      if (words) wordsToUnits(words, (i * d) >> 2, out as Float32Array, r * d, d >> 2);
      else if (src instanceof Uint8Array) for (let k = 0; k < d; k++) out[r * d + k] = BYTE_TO_UNIT[src[i * d + k]!]!;
      else for (let k = 0; k < d; k++) out[r * d + k] = src[i * d + k]!;
      t[r] = split.y[i]!;
    }
    return { x: this.x, t: t.length === n ? t : t.subarray(0, n) };
  }

  private wordsOf(bytes: Uint8Array): Uint32Array | null {
    if (!LITTLE_ENDIAN || this.size % 4 !== 0 || bytes.byteOffset % 4 !== 0) return null;
    if (this.words?.bytes !== bytes) this.words = { bytes, view: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) };
    return this.words.view;
  }
}

/** `count` words of four pixels from words[s…], as 4·count floats at out[o…]. */
function wordsToUnits(words: Uint32Array, s: number, out: Float32Array, o: number, count: number): void {
  for (let k = 0; k < count; k++, o += 4) {
    const w = words[s + k]!;
    out[o] = BYTE_TO_UNIT_32[w & 255]!;
    out[o + 1] = BYTE_TO_UNIT_32[(w >>> 8) & 255]!;
    out[o + 2] = BYTE_TO_UNIT_32[(w >>> 16) & 255]!;
    out[o + 3] = BYTE_TO_UNIT_32[w >>> 24]!;
  }
}
