// Matrix multiplication, the one operation that costs almost all of a training step.
//
// Every matrix product a layer needs — X·W, dY·Wᵀ, Xᵀ·dY, and the same three inside a convolution —
// is C = A·B where A and B are read through strides, so a transposed operand costs nothing:
// element (i, k) of A is A[i·sAi + k·sAk], element (k, j) of B is B[k·sBk + j·sBj]. C is row-major M×N.
//
// `gemmReference` is the definition, three loops a learner can read. `gemmJs` computes the same sums
// four rows by four columns at a time, keeping the sixteen running totals in registers. `gemm`, the one
// the layers call, sends a large float32 product to the WebAssembly SIMD kernel (wasmGemm.ts, about ten
// times faster) and everything else — small products, and the float64 of gradient checks — to gemmJs.
// Tests hold both fast ones to the reference.

import type { FloatArray } from '../tensor';
import { bestWasmGemm, loadWasmGemm, type WasmGemm } from './wasmGemm';
import { WASM_MIN_VALUES } from './wasmElementwise';

export interface MatrixView {
  data: FloatArray;
  /** Stride between rows (i for A, k for B). */
  rowStride: number;
  /** Stride between columns (k for A, j for B). */
  colStride: number;
  /**
   * For A: says that its rows are mostly zeros in the same places (images: the pixels around a digit), so
   * the WebAssembly kernel looks, four rows at a time, for the k where all four are zero and skips them.
   * Not one number of C changes; a dense A only pays for the looking.
   */
  sparse?: boolean;
}

/** A row-major r×c matrix stored contiguously, read as it is. */
export function rowMajor(data: FloatArray, cols: number): MatrixView {
  return { data, rowStride: cols, colStride: 1 };
}

/** The transpose of a row-major matrix with `cols` columns, without moving a number. */
export function transposed(data: FloatArray, cols: number): MatrixView {
  return { data, rowStride: 1, colStride: cols };
}

/** C (M×N) = A (M×K) · B (K×N), or C += A·B when `accumulate`. The definition, written plainly. */
export function gemmReference(M: number, N: number, K: number, a: MatrixView, b: MatrixView, c: FloatArray, accumulate = false): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) {
        sum += a.data[i * a.rowStride + k * a.colStride]! * b.data[k * b.rowStride + j * b.colStride]!;
      }
      c[i * N + j] = accumulate ? c[i * N + j]! + sum : sum;
    }
  }
}

/** Same result as gemmReference (the same sums, in float64, in the same order), register-tiled 4×4. */
export function gemmJs(M: number, N: number, K: number, a: MatrixView, b: MatrixView, c: FloatArray, accumulate = false): void {
  const A = a.data,
    sAi = a.rowStride,
    sAk = a.colStride;
  const B = b.data,
    sBk = b.rowStride,
    sBj = b.colStride;
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const rowA = i * sAi;
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let pa = rowA;
      let pb = j * sBj;
      for (let k = 0; k < K; k++) {
        const a0 = A[pa]!,
          a1 = A[pa + sAi]!,
          a2 = A[pa + 2 * sAi]!,
          a3 = A[pa + 3 * sAi]!;
        const b0 = B[pb]!,
          b1 = B[pb + sBj]!,
          b2 = B[pb + 2 * sBj]!,
          b3 = B[pb + 3 * sBj]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
        pa += sAk;
        pb += sBk;
      }
      const r0 = i * N + j,
        r1 = r0 + N,
        r2 = r1 + N,
        r3 = r2 + N;
      if (accumulate) {
        c[r0]! += c00;
        c[r0 + 1]! += c01;
        c[r0 + 2]! += c02;
        c[r0 + 3]! += c03;
        c[r1]! += c10;
        c[r1 + 1]! += c11;
        c[r1 + 2]! += c12;
        c[r1 + 3]! += c13;
        c[r2]! += c20;
        c[r2 + 1]! += c21;
        c[r2 + 2]! += c22;
        c[r2 + 3]! += c23;
        c[r3]! += c30;
        c[r3 + 1]! += c31;
        c[r3 + 2]! += c32;
        c[r3 + 3]! += c33;
      } else {
        c[r0] = c00;
        c[r0 + 1] = c01;
        c[r0 + 2] = c02;
        c[r0 + 3] = c03;
        c[r1] = c10;
        c[r1 + 1] = c11;
        c[r1 + 2] = c12;
        c[r1 + 3] = c13;
        c[r2] = c20;
        c[r2 + 1] = c21;
        c[r2 + 2] = c22;
        c[r2 + 3] = c23;
        c[r3] = c30;
        c[r3 + 1] = c31;
        c[r3 + 2] = c32;
        c[r3 + 3] = c33;
      }
    }
    if (N4 < N) edge(i, i + 4, N4, N);
  }
  if (M4 < M) edge(M4, M, 0, N);

  // The ragged right and bottom borders, one dot product at a time.
  function edge(i0: number, i1: number, j0: number, j1: number): void {
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        let sum = 0;
        let pa = i * sAi;
        let pb = j * sBj;
        for (let k = 0; k < K; k++) {
          sum += A[pa]! * B[pb]!;
          pa += sAk;
          pb += sBk;
        }
        c[i * N + j] = accumulate ? c[i * N + j]! + sum : sum;
      }
    }
  }
}

export type GemmBackend = 'wasm-relaxed-simd' | 'wasm-simd' | 'js';

/**
 * Below this many multiply-adds (M·N·K) a float32 product stays in gemmJs. Measured (2-core EPYC,
 * Node 20): WebAssembly, copies included, is already ahead from about 200 (6×6×6), but under 4096 a
 * product takes a few microseconds either way, and in gemmJs its float64 sums make the small products
 * of the toy networks exact and the same on every machine (a fused multiply-add is not).
 */
export const WASM_MIN_MULTIPLY_ADDS = 4096;

let forced: GemmBackend | 'auto' = 'auto';
let wasmKernel: WasmGemm | null | undefined; // undefined: not looked for yet

function kernel(): WasmGemm | null {
  if (wasmKernel === undefined) wasmKernel = forced === 'auto' ? bestWasmGemm() : forced === 'js' ? null : loadWasmGemm(forced);
  return wasmKernel;
}

/**
 * Chooses the kernel: 'auto' (the default) takes the best WebAssembly build this runtime runs for large
 * float32 products; naming a backend sends every float32 product to it, whatever its size (tests and
 * benchmarks). Float64 products always run in JavaScript.
 */
export function setGemmBackend(backend: GemmBackend | 'auto'): void {
  if (backend === 'wasm-simd' || backend === 'wasm-relaxed-simd') {
    if (!loadWasmGemm(backend)) {
      throw new Error(`This runtime cannot run the ${backend} matrix kernel (its WebAssembly does not validate here); use 'js' or 'auto'.`);
    }
  }
  forced = backend;
  wasmKernel = undefined;
}

/**
 * The WebAssembly kernel `gemm` sends a float32 M×N×K product to, or null when that product runs in
 * JavaScript — for the fused kernels that must round exactly as `gemm` would (FastInference).
 */
export function wasmKernelFor(M: number, N: number, K: number): WasmGemm | null {
  if (forced === 'auto' && M * N * K < WASM_MIN_MULTIPLY_ADDS) return null;
  return kernel();
}

/**
 * The module that converts a batch's `values` pixel bytes to floats (parallel/gather.ts: the same module
 * the affine layers read pixels in), or null when that stays in JavaScript — below the elementwise loops'
 * threshold, or on the JavaScript kernel.
 */
export function wasmKernelForPixels(values: number): WasmGemm | null {
  if (forced === 'auto' && values < WASM_MIN_VALUES) return null;
  return kernel();
}

/** The kernel large float32 products run on, for reports. */
export function gemmBackend(): GemmBackend {
  return kernel()?.variant ?? 'js';
}

/** C (M×N) = A·B, or C += A·B when `accumulate`: gemmReference's result, on the fastest kernel that fits. */
export function gemm(M: number, N: number, K: number, a: MatrixView, b: MatrixView, c: FloatArray, accumulate = false): void {
  if (
    c instanceof Float32Array &&
    a.data instanceof Float32Array &&
    b.data instanceof Float32Array &&
    (forced !== 'auto' || M * N * K >= WASM_MIN_MULTIPLY_ADDS)
  ) {
    const wasm = kernel();
    if (wasm && wasm.multiply(M, N, K, a, b, c, accumulate)) return;
  }
  gemmJs(M, N, K, a, b, c, accumulate);
}
