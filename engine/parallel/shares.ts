// Two workers' gradient shares added up: g = (0 + w0·g0) + w1·g1 for each value, w the share of the
// mini-batch each worker took — the mean gradient of the whole mini-batch, in the order of the general
// sum over workers (parallel/training.ts's sumShares) with its loop unrolled. Both places that sum two
// shares (that sum, and fast Adam's step on the shares) call this one, so they cannot drift apart.

import { elementwiseKernel } from '../kernels/wasmElementwise';
import type { FloatArray } from '../tensor';

/** out[i] = (0 + w0·g0[i]) + w1·g1[i], in WebAssembly when the arrays are large enough (the same numbers). */
export function sumTwoShares(g0: FloatArray, g1: FloatArray, w0: number, w1: number, out: FloatArray): void {
  if (
    g0 instanceof Float32Array &&
    g1 instanceof Float32Array &&
    out instanceof Float32Array &&
    elementwiseKernel(out.length)?.weightedSum2(g0, g1, w0, w1, out)
  )
    return;
  for (let i = 0; i < out.length; i++) out[i] = 0 + w0 * g0[i]! + w1 * g1[i]!;
}
