// Node 20's V8 has relaxed SIMD — the fused multiply-add the matrix kernel's fast build uses — behind
// --experimental-wasm-relaxed-simd; Electron's (the app's) has it on. Every Node entry point (the dlab
// command, the web host, the training worker, the benchmark, the test setup) calls this first, so that
// the command line trains on the same kernel as the app and gives the same numbers for a seed.
//
// The flag only adds instructions the validator accepts; V8 reads it when a module is validated, so it
// must be set before the first matrix product (kernels/wasmGemm.ts compiles its module on first use
// and remembers the answer). Where relaxed SIMD already validates, or cannot be switched on, nothing
// changes and the kernel picks plain SIMD as before.

import { setFlagsFromString } from 'node:v8';
import { gemmRelaxedSimdBase64 } from '../kernels/wasm/gemmBinary.generated';
import { validates } from '../kernels/wasmModule';

let enabled: boolean | undefined;

/** Makes relaxed SIMD available to WebAssembly in this process if it is not; true when it is. */
export function enableRelaxedSimd(): boolean {
  if (enabled !== undefined) return enabled;
  if (!validates(gemmRelaxedSimdBase64)) {
    try {
      setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // an embedder that refuses flags: plain SIMD it is
    }
  }
  enabled = validates(gemmRelaxedSimdBase64);
  return enabled;
}
