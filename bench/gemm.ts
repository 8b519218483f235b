// Matrix-product figures: single-thread GFLOP/s (2·M·N·K per second, median of timed runs after a
// warm-up) of each kernel on the products the book's networks make, and one square one. Node 20 runs
// relaxed SIMD only behind a flag, so that kernel is measured in a child `node --experimental-wasm-relaxed-simd`.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gemm, setGemmBackend, type GemmBackend, type MatrixView } from '../engine/kernels/gemm';
import { loadWasmGemm } from '../engine/kernels/wasmGemm';
import type { Row } from './backend';

/** M, N, K, and whether A and B are read transposed — as the layers read them (see the test's cases). */
const SHAPES: { name: string; M: number; N: number; K: number; ta: boolean; tb: boolean }[] = [
  { name: 'two-layer net dx = dout·Wᵀ', M: 100, N: 784, K: 50, ta: false, tb: true },
  { name: 'two-layer net dx = dout·Wᵀ', M: 100, N: 50, K: 10, ta: false, tb: true },
  { name: 'convnet dcol = dout·W', M: 57600, N: 25, K: 30, ta: false, tb: false },
  { name: 'convnet affine dx = dout·Wᵀ', M: 100, N: 4320, K: 100, ta: false, tb: true },
  { name: 'square', M: 512, N: 512, K: 512, ta: false, tb: false },
];

function operand(rows: number, cols: number, transpose: boolean): MatrixView {
  const data = new Float32Array(rows * cols);
  let s = rows * 31 + cols;
  for (let i = 0; i < data.length; i++) data[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  return transpose ? { data, rowStride: 1, colStride: rows } : { data, rowStride: cols, colStride: 1 };
}

/** Median GFLOP/s of `backend` on each shape. Synchronous, so a child process can run it as it is. */
export function measureGemm(backend: GemmBackend): Row[] {
  setGemmBackend(backend);
  try {
    return SHAPES.map(({ name, M, N, K, ta, tb }) => {
      const a = operand(M, K, ta),
        b = operand(K, N, tb),
        c = new Float32Array(M * N);
      const flops = 2 * M * N * K;
      // Enough calls per timed sample for ~5 ms, so the timer's grain does not matter.
      const calls = Math.max(1, Math.round(5e-3 / (flops / (backend === 'js' ? 3e9 : 30e9))));
      const sample = () => {
        const start = performance.now();
        for (let i = 0; i < calls; i++) gemm(M, N, K, a, b, c);
        return (performance.now() - start) / 1000 / calls;
      };
      for (let i = 0; i < 5; i++) sample(); // warm-up: the optimizing compilers take over
      const seconds = Array.from({ length: 11 }, sample).sort((x, y) => x - y)[5];
      return {
        figure: `gemm ${M}×${N}×${K} (${name}), ${backend}`,
        value: flops / seconds / 1e9,
        unit: 'GFLOP/s',
        note: `median of 11 × ${calls} call${calls > 1 ? 's' : ''}`,
      };
    });
  } finally {
    setGemmBackend('auto');
  }
}

function notMeasured(backend: GemmBackend, reason: string): Row[] {
  return SHAPES.map(({ name, M, N, K }) => ({ figure: `gemm ${M}×${N}×${K} (${name}), ${backend}`, value: NaN, unit: 'GFLOP/s', note: reason }));
}

/** The relaxed-SIMD figures from a child Node that has the flag, or n/a rows saying why not. */
async function measureRelaxedInChild(): Promise<Row[]> {
  const na = (reason: string) => notMeasured('wasm-relaxed-simd', reason);
  const dir = mkdtempSync(join(tmpdir(), 'dlab-gemm-bench-'));
  try {
    // esbuild stays outside the bench bundle (it cannot be bundled): found in the project's node_modules at run time.
    const esbuildPath = createRequire(join(process.cwd(), 'package.json')).resolve('esbuild');
    const { build } = (await import(pathToFileURL(esbuildPath).href)) as typeof import('esbuild');
    const entry = `import { measureGemm } from ${JSON.stringify(join(process.cwd(), 'bench/gemm.ts'))};
      console.log(JSON.stringify(measureGemm('wasm-relaxed-simd')));`;
    const script = join(dir, 'relaxed.mjs');
    await build({
      stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
      external: ['esbuild'],
    });
    const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', script], { encoding: 'utf8' });
    if (child.status !== 0) return na(`the flagged child failed: ${child.stderr.trim().split('\n')[0]}`);
    const rows = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '[]') as Row[];
    return rows.map((r) => ({ ...r, note: `${r.note}; in node --experimental-wasm-relaxed-simd` }));
  } catch (error) {
    return na(`not measured: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function gemmBench(): Promise<Row[]> {
  const rows = measureGemm('js');
  rows.push(...(loadWasmGemm('wasm-simd') ? measureGemm('wasm-simd') : notMeasured('wasm-simd', 'this runtime has no WebAssembly SIMD')));
  rows.push(...(loadWasmGemm('wasm-relaxed-simd') ? measureGemm('wasm-relaxed-simd') : await measureRelaxedInChild()));
  return rows;
}
