// The entry points switch on relaxed SIMD (Node 20 keeps it behind a flag; Electron has it on), so that
// the command line, the tests and the app multiply on the same fused kernel.

import { expect, it } from 'vitest';
import { gemmBackend, setGemmBackend } from '../../../engine/kernels/gemm';
import { loadWasmGemm } from '../../../engine/kernels/wasmGemm';
import { enableRelaxedSimd } from '../../../engine/node/relaxedSimd';

it('relaxed SIMD validates after enableRelaxedSimd, and the automatic choice is the fused kernel', () => {
  expect(enableRelaxedSimd()).toBe(true);
  expect(loadWasmGemm('wasm-relaxed-simd')).not.toBeNull();
  setGemmBackend('auto');
  expect(gemmBackend()).toBe('wasm-relaxed-simd');
});
