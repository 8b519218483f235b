// The fast layers' per-value loops in WebAssembly SIMD (wasm/elementwise.wat): ReLU, 2×2 max pooling,
// the SGD and Adam updates and two workers' gradient sum.
//
// Each method copies its arrays into the module's memory, runs the loop there, and copies the results
// out. Its JavaScript twin (in FastRelu.ts, FastPooling.ts, fast/optimizers.ts, parallel/training.ts)
// stays the definition: the module computes the same numbers bit for bit (see the
// comments in elementwise.wat), and tests hold the two to each other. The copies are memcpy's, a few
// times faster than the JavaScript loops they save, which is why only arrays of at least
// `WASM_MIN_VALUES` come here.

import { elementwiseSimdBase64 } from './wasm/elementwiseBinary.generated';
import { instantiate, ModuleHeap, regionsFrom, type WasmMemory } from './wasmModule';

/** Arrays shorter than this stay in JavaScript: the call and the copies would cost more than they save. */
export const WASM_MIN_VALUES = 1024;

interface ElementwiseExports {
  memory: WasmMemory;
  relu(x: number, y: number, n: number): void;
  reluBackward(y: number, g: number, d: number, n: number): void;
  maxPool2(x: number, planes: number, height: number, width: number, out: number, argmax: number): number;
  maxPoolBackward(argmax: number, g: number, count: number, dx: number, n: number): void;
  sgd(p: number, g: number, n: number, lr: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, c1: number, c2: number, lrT: number, eps: number): void;
  weightedSum2(g0: number, g1: number, out: number, n: number, w0: number, w1: number): void;
}

export class WasmElementwise {
  private readonly heap: ModuleHeap;

  constructor(private readonly e: ElementwiseExports) {
    this.heap = new ModuleHeap(e.memory);
  }

  /**
   * Byte offsets of consecutive regions of the given byte sizes, the memory grown to hold them all;
   * null when it cannot grow. Views of the memory are taken after this call.
   */
  private regions(...sizes: number[]): number[] | null {
    const { at, end } = regionsFrom(0, sizes);
    return this.heap.reserve(end) ? at : null;
  }

  /** y = max(0, x), FastRelu's forward. False (nothing done) when the memory cannot hold it. */
  relu(x: Float32Array, y: Float32Array): boolean {
    const n = x.length;
    const at = this.regions(n * 4, n * 4);
    if (!at) return false;
    const f32 = this.heap.f32;
    f32.set(x, at[0]! >> 2);
    this.e.relu(at[0]!, at[1]!, n);
    y.set(f32.subarray(at[1]! >> 2, (at[1]! >> 2) + n));
    return true;
  }

  /** d = g where y ≠ +0, else +0: FastRelu's backward. */
  reluBackward(y: Float32Array, g: Float32Array, d: Float32Array): boolean {
    const n = g.length;
    const at = this.regions(n * 4, n * 4, n * 4);
    if (!at) return false;
    const f32 = this.heap.f32;
    f32.set(y.length === n ? y : y.subarray(0, n), at[0]! >> 2);
    f32.set(g, at[1]! >> 2);
    this.e.reluBackward(at[0]!, at[1]!, at[2]!, n);
    d.set(f32.subarray(at[2]! >> 2, (at[2]! >> 2) + n));
    return true;
  }

  /**
   * 2×2 max pooling of stride 2 without padding over `planes` planes of height×width, with each
   * winner's index into x. False, having written nothing, when some value lies outside +0…+∞ (or the
   * memory cannot hold it): the caller then pools the readable way.
   */
  maxPool2(x: Float32Array, planes: number, height: number, width: number, out: Float32Array, argmax: Int32Array): boolean {
    const n = planes * height * width;
    const count = planes * (height >> 1) * (width >> 1);
    const at = this.regions(n * 4, count * 4, count * 4);
    if (!at) return false;
    const { f32, i32 } = this.heap;
    f32.set(x.length === n ? x : x.subarray(0, n), at[0]! >> 2);
    if (this.e.maxPool2(at[0]!, planes, height, width, at[1]!, at[2]!) !== 0) return false;
    out.set(f32.subarray(at[1]! >> 2, (at[1]! >> 2) + count));
    argmax.set(i32.subarray(at[2]! >> 2, (at[2]! >> 2) + count));
    return true;
  }

  /** dx zeroed, then dx[argmax[o]] += g[o] in order of o (−1 skipped): max pooling's backward. */
  maxPoolBackward(argmax: Int32Array, g: Float32Array, dx: Float32Array): boolean {
    const count = g.length,
      n = dx.length;
    const at = this.regions(count * 4, count * 4, n * 4);
    if (!at) return false;
    const { f32, i32 } = this.heap;
    i32.set(argmax.length === count ? argmax : argmax.subarray(0, count), at[0]! >> 2);
    f32.set(g, at[1]! >> 2);
    this.e.maxPoolBackward(at[0]!, at[1]!, count, at[2]!, n);
    dx.set(f32.subarray(at[2]! >> 2, (at[2]! >> 2) + n));
    return true;
  }

  /** p ← p − lr·g (SGD.ts, run by fast/optimizers.ts). */
  sgd(p: Float32Array, g: Float32Array, lr: number): boolean {
    const n = p.length;
    const at = this.regions(n * 4, n * 4);
    if (!at) return false;
    const f32 = this.heap.f32;
    f32.set(p, at[0]! >> 2);
    f32.set(g, at[1]! >> 2);
    this.e.sgd(at[0]!, at[1]!, n, lr);
    p.set(f32.subarray(at[0]! >> 2, (at[0]! >> 2) + n));
    return true;
  }

  /** One Adam step on p with its averages m and v (Adam.ts, run by fast/optimizers.ts); c1 = 1 − β₁, c2 = 1 − β₂. */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, c1: number, c2: number, lrT: number, eps: number): boolean {
    const n = p.length;
    const at = this.regions(n * 4, n * 4, n * 4, n * 4);
    if (!at) return false;
    const f32 = this.heap.f32;
    f32.set(p, at[0]! >> 2);
    f32.set(g, at[1]! >> 2);
    f32.set(m, at[2]! >> 2);
    f32.set(v, at[3]! >> 2);
    this.e.adam(at[0]!, at[1]!, at[2]!, at[3]!, n, c1, c2, lrT, eps);
    p.set(f32.subarray(at[0]! >> 2, (at[0]! >> 2) + n));
    m.set(f32.subarray(at[2]! >> 2, (at[2]! >> 2) + n));
    v.set(f32.subarray(at[3]! >> 2, (at[3]! >> 2) + n));
    return true;
  }

  /** out = (0 + w0·g0) + w1·g1: two workers' gradient shares summed (parallel/training.ts). */
  weightedSum2(g0: Float32Array, g1: Float32Array, w0: number, w1: number, out: Float32Array): boolean {
    const n = out.length;
    const at = this.regions(n * 4, n * 4, n * 4);
    if (!at) return false;
    const f32 = this.heap.f32;
    f32.set(g0, at[0]! >> 2);
    f32.set(g1, at[1]! >> 2);
    this.e.weightedSum2(at[0]!, at[1]!, at[2]!, n, w0, w1);
    out.set(f32.subarray(at[2]! >> 2, (at[2]! >> 2) + n));
    return true;
  }
}

/** Where Adam's two averages of one parameter live inside an AdamInModule: byte offsets. */
export interface ResidentAverages {
  m: number;
  v: number;
  length: number;
}

/**
 * Adam's step with its averages m and v living in a module of their own (one per optimizer) from the
 * first step to the last: a step copies p and g in and p out, where WasmElementwise.adam copies m and v
 * in and out as well — four of its seven copies of every large parameter (SimpleConvNet's 432,000-value
 * W2) saved every step. The averages are the optimizer's alone, so nothing else needs them outside. The
 * same `adam` loop of the same module runs on the same float32 values: the same bits.
 */
export class AdamInModule {
  private readonly heap: ModuleHeap;
  /** Where the averages allocated so far end; each step's p and g are copied in beyond. */
  private end = 0;

  private constructor(private readonly e: ElementwiseExports) {
    this.heap = new ModuleHeap(e.memory);
  }

  /** A module of its own for one optimizer's averages; null where the loops stay in JavaScript. */
  static create(): AdamInModule | null {
    if (mode === 'js') return null;
    const exports = instantiate(elementwiseSimdBase64) as ElementwiseExports | null;
    return exports ? new AdamInModule(exports) : null;
  }

  /** Zeroed averages for a parameter of `length` values (as Adam.ts starts them); null when the memory cannot grow. */
  allocate(length: number): ResidentAverages | null {
    const { at, end } = regionsFrom(this.end, [length * 4, length * 4]);
    if (!this.heap.reserve(end)) return null;
    const [m, v] = at;
    // earlier steps' p and g may have been copied here: the averages start at zero
    this.heap.f32.fill(0, m >> 2, (m >> 2) + length);
    this.heap.f32.fill(0, v >> 2, (v >> 2) + length);
    this.end = end;
    return { m, v, length };
  }

  /** WasmElementwise.adam on the resident averages; false (nothing done) when the memory cannot hold p and g. */
  adam(p: Float32Array, g: Float32Array, averages: ResidentAverages, c1: number, c2: number, lrT: number, eps: number): boolean {
    const n = averages.length;
    if (p.length !== n || g.length !== n) return false;
    const { at, end } = regionsFrom(this.end, [n * 4, n * 4]);
    if (!this.heap.reserve(end)) return false;
    const [offP, offG] = at;
    const f32 = this.heap.f32;
    f32.set(p, offP >> 2);
    f32.set(g, offG >> 2);
    this.e.adam(offP, offG, averages.m, averages.v, n, c1, c2, lrT, eps);
    p.set(f32.subarray(offP >> 2, (offP >> 2) + n));
    return true;
  }

  /**
   * `adam` on two workers' gradient shares: g = (0 + w0·g0) + w1·g1 rounded once (weightedSum2, as
   * parallel/training.ts sums them) computed here, in place of g0, and Adam's step on it. One copy of the
   * sum less each way than summing outside and stepping here: the same float32 g, the same bits.
   */
  adamShares(
    p: Float32Array,
    g0: Float32Array,
    g1: Float32Array,
    w0: number,
    w1: number,
    averages: ResidentAverages,
    c1: number,
    c2: number,
    lrT: number,
    eps: number,
  ): boolean {
    const n = averages.length;
    if (p.length !== n || g0.length !== n || g1.length !== n) return false;
    const { at, end } = regionsFrom(this.end, [n * 4, n * 4, n * 4]);
    if (!this.heap.reserve(end)) return false;
    const [offP, offG0, offG1] = at;
    const f32 = this.heap.f32;
    f32.set(p, offP >> 2);
    f32.set(g0, offG0 >> 2);
    f32.set(g1, offG1 >> 2);
    this.e.weightedSum2(offG0, offG1, offG0, n, w0, w1);
    this.e.adam(offP, offG0, averages.m, averages.v, n, c1, c2, lrT, eps);
    p.set(f32.subarray(offP >> 2, (offP >> 2) + n));
    return true;
  }

  /** Copies of the averages, for a step the module cannot take (JavaScript then keeps them). */
  copyOut(averages: ResidentAverages): { m: Float32Array; v: Float32Array } {
    const f32 = this.heap.f32;
    return {
      m: f32.slice(averages.m >> 2, (averages.m >> 2) + averages.length),
      v: f32.slice(averages.v >> 2, (averages.v >> 2) + averages.length),
    };
  }
}

let mode: 'auto' | 'js' = 'auto';
let loaded: WasmElementwise | null | undefined;

/** 'js' keeps every loop in JavaScript (tests compare the two); 'auto' uses WebAssembly where it runs. */
export function setElementwiseBackend(backend: 'auto' | 'js'): void {
  mode = backend;
}

/** The module for an array of `values` numbers, or null when that work stays in JavaScript. */
export function elementwiseKernel(values: number): WasmElementwise | null {
  if (mode === 'js' || values < WASM_MIN_VALUES) return null;
  if (loaded === undefined) {
    const exports = instantiate(elementwiseSimdBase64) as ElementwiseExports | null;
    loaded = exports ? new WasmElementwise(exports) : null;
  }
  return loaded;
}
