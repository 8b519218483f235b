// Every matrix kernel this machine can run — JavaScript, WebAssembly SIMD, and WebAssembly relaxed SIMD
// (fused multiply-add) — held to gemmReference on the same cases: ragged shapes, all four ways of
// reading A and B (as stored or transposed), accumulate on and off, K = 1, and the products the book's
// networks make. Relaxed SIMD needs a flag in Node 20: then a child `node --experimental-wasm-relaxed-simd`
// runs the cases for real and hands its results back, so that path is never silently skipped.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  gemm,
  gemmBackend,
  gemmJs,
  gemmReference,
  rowMajor,
  setGemmBackend,
  transposed,
  WASM_MIN_MULTIPLY_ADDS,
  type MatrixView,
} from '../../../engine/kernels/gemm';
import { loadWasmGemm } from '../../../engine/kernels/wasmGemm';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A view of one operand: the strides, and how many numbers its array holds (past the view: NaN). */
interface Operand {
  data: Float32Array;
  rowStride: number;
  colStride: number;
}
interface Case {
  name: string;
  M: number;
  N: number;
  K: number;
  a: Operand;
  b: Operand;
  c0: Float32Array;
  accumulate: boolean;
  /** Small whole numbers: every sum is exact in float32, so any order must give the reference bit for bit. */
  exact: boolean;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function makeCase(
  name: string,
  M: number,
  N: number,
  K: number,
  options: { ta: boolean; tb: boolean; accumulate: boolean; exact: boolean; slack?: number; seed: number },
): Case {
  const rand = lcg(options.seed);
  const value = options.exact ? () => Math.floor(rand() * 7) - 3 : () => rand() * 2 - 1;
  const slack = options.slack ?? 0;
  // The logical rows×cols matrix, stored as it is or as its transpose, followed by `slack` NaNs that
  // no kernel may read.
  const operand = (rows: number, cols: number, transpose: boolean): Operand => {
    const data = new Float32Array(rows * cols + slack).fill(NaN);
    for (let i = 0; i < rows * cols; i++) data[i] = value();
    return transpose ? { data, rowStride: 1, colStride: rows } : { data, rowStride: cols, colStride: 1 };
  };
  const a = operand(M, K, options.ta);
  const b = operand(K, N, options.tb);
  const c0 = Float32Array.from({ length: M * N }, value);
  const ways = `${options.ta ? 'Aᵀ' : 'A'}·${options.tb ? 'Bᵀ' : 'B'}${options.accumulate ? ' +C' : ''}${options.exact ? ' ints' : ''}`;
  return { name: `${name} ${M}×${N}×${K} ${ways}`, M, N, K, a, b, c0, accumulate: options.accumulate, exact: options.exact };
}

function makeCases(): Case[] {
  const cases: Case[] = [];
  const rand = lcg(2024);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  for (let i = 0; i < 64; i++) {
    // Mostly ragged small shapes; some cross the kernel's blocks (MC = 128 rows, KC = 256 of K).
    const M = i % 8 === 7 ? between(129, 300) : between(1, 21);
    const N = between(1, 27);
    const K = i % 8 === 5 ? between(257, 600) : between(1, 40);
    const ta = (i & 1) === 1,
      tb = (i & 2) === 2;
    cases.push(makeCase('random', M, N, K, { ta, tb, accumulate: (i & 4) === 4, exact: i % 3 === 0, slack: i % 5 === 0 ? 7 : 0, seed: i }));
  }
  for (const [M, N] of [
    [1, 1],
    [7, 13],
    [33, 17],
    [4, 8],
    [100, 50],
  ]) {
    for (const accumulate of [false, true]) {
      cases.push(makeCase('K = 1', M!, N!, 1, { ta: M! % 2 === 1, tb: N! % 2 === 0, accumulate, exact: false, seed: M! * N! }));
    }
  }
  // The book's products, as the layers make them (see Affine.ts and Convolution.ts), in floats and in
  // whole numbers: dx = dout·Wᵀ of both affine layers, dcol = dout·W and dW = doutᵀ·col of the convolution.
  const book: [string, number, number, number, boolean, boolean][] = [
    ['two-layer net dx', 100, 784, 50, false, true],
    ['two-layer net dx', 100, 50, 10, false, true],
    ['convnet dcol', 57600, 25, 30, false, false],
    ['convnet affine dx', 100, 4320, 100, false, true],
    ['convnet dW', 30, 25, 57600, true, false],
  ];
  for (const [name, M, N, K, ta, tb] of book) {
    cases.push(makeCase(name, M, N, K, { ta, tb, accumulate: false, exact: false, seed: M + N + K }));
    cases.push(makeCase(name, M, N, K, { ta, tb, accumulate: true, exact: true, seed: M * N + K }));
  }
  for (const ta of [false, true]) {
    for (const tb of [false, true]) cases.push(makeCase('two-layer net', 100, 784, 50, { ta, tb, accumulate: ta, exact: false, seed: 5 }));
  }
  return cases;
}

const view = (o: Operand): MatrixView => ({ data: o.data, rowStride: o.rowStride, colStride: o.colStride });

function run(kase: Case, multiply = gemm): Float32Array {
  const c = kase.c0.slice();
  multiply(kase.M, kase.N, kase.K, view(kase.a), view(kase.b), c, kase.accumulate);
  return c;
}

interface Expected {
  value: Float32Array;
  /** Σₖ |A(i,k)·B(k,j)| (+ |C₀(i,j)|): the size a float32 sum's rounding error is measured against. */
  magnitude: Float32Array;
}

function expectedResult(kase: Case): Expected {
  const value = kase.c0.slice();
  gemmReference(kase.M, kase.N, kase.K, view(kase.a), view(kase.b), value, kase.accumulate);
  const abs = (o: Operand): Operand => ({ ...o, data: o.data.map(Math.abs) });
  const magnitude = kase.c0.map(Math.abs);
  gemmJs(kase.M, kase.N, kase.K, view(abs(kase.a)), view(abs(kase.b)), magnitude, kase.accumulate);
  return { value, magnitude };
}

/**
 * Where `got` strays from the reference, or null: bit for bit for whole numbers; otherwise within a
 * float32 sum's rounding, which grows with the number of terms K (2⁻²²·(2 + √K), about 1e-5 at K = 256).
 */
function mismatch(kase: Case, expected: Expected, got: Float32Array): string | null {
  const { value, magnitude } = expected;
  const tolerance = 2 ** -22 * (2 + Math.sqrt(kase.K));
  for (let i = 0; i < value.length; i++) {
    const ok = kase.exact ? got[i] === value[i] : Math.abs(got[i]! - value[i]!) <= tolerance * magnitude[i]!;
    if (!ok) return `${kase.name}: C[${Math.floor(i / kase.N)}, ${i % kase.N}] = ${got[i]}, reference ${value[i]}`;
  }
  return null;
}

function mismatches(cases: Case[], expected: Expected[], results: Float32Array[]): string[] {
  return cases.map((kase, n) => mismatch(kase, expected[n]!, results[n]!)).filter((m): m is string => m !== null);
}

/** Runs every case on the relaxed-SIMD kernel in `node --experimental-wasm-relaxed-simd`, for real. */
async function runInRelaxedChild(cases: Case[]): Promise<{ backend: string; results: Float32Array[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-gemm-'));
  try {
    // Input: a JSON header (the shapes and where each array starts, in floats), then all the floats.
    const arrays: Float32Array[] = [];
    const place = (data: Float32Array) => {
      const offset = arrays.reduce((sum, x) => sum + x.length, 0);
      arrays.push(data);
      return { offset, length: data.length };
    };
    const header = cases.map((k) => ({
      M: k.M,
      N: k.N,
      K: k.K,
      accumulate: k.accumulate,
      a: { ...place(k.a.data), rowStride: k.a.rowStride, colStride: k.a.colStride },
      b: { ...place(k.b.data), rowStride: k.b.rowStride, colStride: k.b.colStride },
      c: place(k.c0),
    }));
    const json = JSON.stringify(header);
    const headerBytes = Buffer.from(json.padEnd(Math.ceil(json.length / 4) * 4));
    const lengthBytes = Buffer.alloc(4);
    lengthBytes.writeUInt32LE(headerBytes.length);
    writeFileSync(join(dir, 'in.bin'), Buffer.concat([lengthBytes, headerBytes, ...arrays.map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength))]));

    const child = `
      import { readFileSync, writeFileSync } from 'node:fs';
      import { gemm, gemmBackend, setGemmBackend } from ${JSON.stringify(join(root, 'engine/kernels/gemm.ts'))};
      const [input, output] = process.argv.slice(2);
      const file = readFileSync(input);
      const headerLength = file.readUInt32LE(0);
      const cases = JSON.parse(file.subarray(4, 4 + headerLength).toString());
      const floats = new Float32Array(file.buffer.slice(file.byteOffset + 4 + headerLength, file.byteOffset + file.length));
      const at = (p) => floats.subarray(p.offset, p.offset + p.length);
      setGemmBackend('wasm-relaxed-simd');
      const results = cases.map((k) => {
        const c = at(k.c).slice();
        gemm(k.M, k.N, k.K, { data: at(k.a), rowStride: k.a.rowStride, colStride: k.a.colStride },
          { data: at(k.b), rowStride: k.b.rowStride, colStride: k.b.colStride }, c, k.accumulate);
        return c;
      });
      writeFileSync(output, Buffer.concat(results.map((c) => Buffer.from(c.buffer))));
      console.log(JSON.stringify({ backend: gemmBackend() }));
    `;
    await build({
      stdin: { contents: child, resolveDir: root, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'child.mjs'),
      logLevel: 'silent',
    });
    const done = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', join(dir, 'child.mjs'), join(dir, 'in.bin'), join(dir, 'out.bin')], {
      encoding: 'utf8',
    });
    if (done.status !== 0) throw new Error(`the relaxed-SIMD child failed: ${done.stderr}`);
    const out = readFileSync(join(dir, 'out.bin'));
    const floats = new Float32Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.length));
    let offset = 0;
    const results = cases.map((k) => floats.slice(offset, (offset += k.M * k.N)));
    return { backend: JSON.parse(done.stdout.trim()).backend, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('gemm kernels against gemmReference', () => {
  const cases = makeCases();
  let expected: Expected[];
  beforeAll(() => {
    expected = cases.map(expectedResult);
  });
  afterEach(() => setGemmBackend('auto'));

  it('finds WebAssembly SIMD in this runtime (Node 20 and Electron both have it)', () => {
    expect(loadWasmGemm('wasm-simd')?.variant).toBe('wasm-simd');
  });

  it.each(['js', 'wasm-simd'] as const)('%s matches the reference on every case', (backend) => {
    setGemmBackend(backend);
    expect(gemmBackend()).toBe(backend);
    expect(
      mismatches(
        cases,
        expected,
        cases.map((k) => run(k)),
      ),
    ).toEqual([]);
  });

  it('wasm-relaxed-simd matches the reference on every case (in a flagged child where the runtime needs it)', async () => {
    let backend: string;
    let results: Float32Array[];
    if (loadWasmGemm('wasm-relaxed-simd')) {
      setGemmBackend('wasm-relaxed-simd');
      backend = gemmBackend();
      results = cases.map((k) => run(k));
    } else {
      ({ backend, results } = await runInRelaxedChild(cases));
    }
    expect(backend).toBe('wasm-relaxed-simd');
    expect(mismatches(cases, expected, results)).toEqual([]);
  });

  it('gives the last 1 to 4 columns (the narrow edge kernels) the very numbers of a full 8-column tile', () => {
    // The same A times B, and times B with columns added up to a multiple of 8: in the wide product every
    // column goes through gemm.wat's 4×8 tile, in the narrow one the last few through $edge2 or $edge4.
    // Each value must be the same float32, bit for bit, with and without accumulating into C.
    const variants = (['wasm-simd', 'wasm-relaxed-simd'] as const).filter((v) => loadWasmGemm(v));
    expect(variants).toContain('wasm-simd');
    const rand = lcg(77);
    const floats = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
    const shapes = [
      [50, 50, 784],
      [100, 50, 50],
      [13, 1, 9],
      [15, 2, 300],
      [21, 3, 40],
      [7, 4, 1],
      [5, 12, 17],
      [130, 100, 270],
      [300, 10, 33],
    ];
    for (const variant of variants) {
      setGemmBackend(variant);
      for (const [M, N, K] of shapes as [number, number, number][]) {
        const wide = Math.ceil(N / 8) * 8;
        expect(N % 8 === 0 || N % 8 > 4).toBe(false); // every shape here has a narrow edge
        const a = floats(M * K),
          bWide = floats(K * wide),
          cWide0 = floats(M * wide);
        const b = new Float32Array(K * N),
          c0 = new Float32Array(M * N);
        for (let k = 0; k < K; k++) b.set(bWide.subarray(k * wide, k * wide + N), k * N);
        for (let i = 0; i < M; i++) c0.set(cWide0.subarray(i * wide, i * wide + N), i * N);
        for (const accumulate of [false, true]) {
          const narrow = c0.slice(),
            full = cWide0.slice();
          gemm(M, N, K, rowMajor(a, K), rowMajor(b, N), narrow, accumulate);
          gemm(M, wide, K, rowMajor(a, K), rowMajor(bWide, wide), full, accumulate);
          const differing: string[] = [];
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) if (!Object.is(narrow[i * N + j], full[i * wide + j])) differing.push(`(${i}, ${j})`);
          }
          expect(differing, `${variant} ${M}×${N}×${K}${accumulate ? ' +C' : ''}`).toEqual([]);
        }
      }
    }
  });

  it('skips the zeros of an A marked sparse and still gives the dense product bit for bit', () => {
    // A like a batch of images: columns of k that are zero in every row (the border), the rest zero with
    // probability 0.7, a run of rows that are all zeros (whole panels with nothing to multiply), and -0s
    // (not skipped: only +0 bits count as zero). The same product with and without the mark must agree
    // to the last bit (Object.is: +0 and -0 differ), accumulating into a C with -0s in it or not; and the
    // sparse path must really have run (the module counts the blocks it skipped zeros in). Where B holds
    // an infinity or a NaN (0·∞ is NaN) or A is dense, the kernel must keep to the dense loops.
    const variants = (['wasm-simd', 'wasm-relaxed-simd'] as const).filter((v) => loadWasmGemm(v));
    expect(variants).toContain('wasm-simd');
    const rand = lcg(1234);
    const imageLike = (rows: number, cols: number, density: number) => {
      const m = new Float32Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        if (i % 23 >= 17) continue; // rows 17..22 of every 23: all zero
        for (let k = 0; k < cols; k++) {
          if (k % 28 < 4 || rand() > density) continue;
          m[i * cols + k] = rand() < 0.02 ? -0 : rand();
        }
      }
      return m;
    };
    const shapes = [
      [100, 50, 784],
      [50, 50, 784],
      [13, 10, 300],
      [5, 3, 1000],
      [130, 20, 40],
      [300, 9, 57],
    ];
    for (const variant of variants) {
      setGemmBackend(variant);
      const kernel = loadWasmGemm(variant)!;
      for (const [M, N, K] of shapes as [number, number, number][]) {
        for (const transpose of [false, true]) {
          const stored = imageLike(M, K, 0.3);
          // the logical M×K matrix read as stored (row-major) or from its transpose
          const data = transpose ? Float32Array.from({ length: M * K }, (_, j) => stored[(j % M) * K + Math.floor(j / M)]!) : stored;
          const view = (sparse: boolean): MatrixView => (transpose ? { ...transposed(data, M), sparse } : { ...rowMajor(data, K), sparse });
          const b = Float32Array.from({ length: K * N }, () => rand() * 2 - 1);
          const c0 = Float32Array.from({ length: M * N }, () => (rand() < 0.1 ? -0 : rand()));
          for (const accumulate of [false, true]) {
            const label = `${variant} ${M}×${N}×${K}${transpose ? ' Aᵀ' : ''}${accumulate ? ' +C' : ''}`;
            const dense = c0.slice(),
              skipping = c0.slice();
            gemm(M, N, K, view(false), rowMajor(b, N), dense, accumulate);
            const before = kernel.sparseBlocks();
            gemm(M, N, K, view(true), rowMajor(b, N), skipping, accumulate);
            expect(kernel.sparseBlocks(), label).toBeGreaterThan(before);
            expect(
              dense.findIndex((v, i) => !Object.is(v, skipping[i])),
              label,
            ).toBe(-1);
          }
          // An infinity and a NaN in B (the infinity at a k where A is all zero: 0·∞ puts NaNs in its
          // column): the same NaNs as the dense loops, the slice of K holding them on the dense path.
          const bad = b.slice();
          bad[3 * N + 1] = Infinity;
          bad[(K - 1) * N] = NaN;
          const dense = new Float32Array(M * N),
            skipping = new Float32Array(M * N);
          gemm(M, N, K, view(false), rowMajor(bad, N), dense);
          const before = kernel.sparseBlocks();
          gemm(M, N, K, view(true), rowMajor(bad, N), skipping);
          if (K <= 256) expect(kernel.sparseBlocks()).toBe(before); // one slice of K (KC = 256)
          expect(
            dense.findIndex((v, i) => !Object.is(v, skipping[i])),
            `${variant} ${M}×${N}×${K} with ∞ and NaN in B`,
          ).toBe(-1);
          expect(skipping.filter(Number.isNaN).length).toBeGreaterThanOrEqual(M);
        }
      }
      // A dense A marked sparse: nothing to skip, the dense loops, the same numbers.
      const a = Float32Array.from({ length: 100 * 784 }, () => rand() + 0.5);
      const b = Float32Array.from({ length: 784 * 50 }, () => rand() - 0.5);
      const dense = new Float32Array(100 * 50),
        skipping = new Float32Array(100 * 50);
      gemm(100, 50, 784, rowMajor(a, 784), rowMajor(b, 50), dense);
      const before = kernel.sparseBlocks();
      gemm(100, 50, 784, { ...rowMajor(a, 784), sparse: true }, rowMajor(b, 50), skipping);
      expect(kernel.sparseBlocks()).toBe(before);
      expect(skipping).toEqual(dense);
    }
  });

  it('would notice a kernel that leaves out one product, even among 57 600 terms', () => {
    const dropLast = (M: number, N: number, K: number, a: MatrixView, b: MatrixView, c: Float32Array | Float64Array, accumulate = false) => {
      gemmJs(M, N, K, a, b, c, accumulate);
      c[M * N - 1]! -= a.data[(M - 1) * a.rowStride + (K - 1) * a.colStride]! * b.data[(K - 1) * b.rowStride + (N - 1) * b.colStride]!;
    };
    const lastProduct = (k: Case) =>
      k.a.data[(k.M - 1) * k.a.rowStride + (k.K - 1) * k.a.colStride]! * k.b.data[(k.K - 1) * k.b.rowStride + (k.N - 1) * k.b.colStride]!;
    const exact = cases.filter((k) => k.exact);
    const caught = exact.filter((k) => mismatch(k, expected[cases.indexOf(k)]!, run(k, dropLast)) !== null);
    expect(caught).toEqual(exact.filter((k) => lastProduct(k) !== 0));
    expect(caught.map((k) => k.name)).toContain('convnet dW 30×25×57600 Aᵀ·B +C ints');
  });
});

describe('gemm dispatch', () => {
  afterEach(() => setGemmBackend('auto'));
  const rand = lcg(99);
  const floats = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);

  it('sends a large float32 product to the best WebAssembly kernel, and a small one to gemmJs', () => {
    setGemmBackend('auto');
    const best = gemmBackend();
    expect(best).not.toBe('js');
    const [M, N, K] = [64, 48, 300];
    const a = floats(M * K),
      b = floats(K * N);
    const auto = new Float32Array(M * N),
      js = new Float32Array(M * N),
      wasm = new Float32Array(M * N);
    gemm(M, N, K, rowMajor(a, K), rowMajor(b, N), auto);
    gemmJs(M, N, K, rowMajor(a, K), rowMajor(b, N), js);
    setGemmBackend(best);
    gemm(M, N, K, rowMajor(a, K), rowMajor(b, N), wasm);
    expect(Array.from(auto)).toEqual(Array.from(wasm));
    expect(Array.from(auto)).not.toEqual(Array.from(js)); // float32 sums, not gemmJs's float64 ones

    setGemmBackend('auto');
    const [m, n, k] = [5, 6, 7];
    expect(m * n * k).toBeLessThan(WASM_MIN_MULTIPLY_ADDS);
    const small = new Float32Array(m * n),
      smallJs = new Float32Array(m * n);
    gemm(m, n, k, rowMajor(a, k), rowMajor(b, n), small);
    gemmJs(m, n, k, rowMajor(a, k), rowMajor(b, n), smallJs);
    expect(Array.from(small)).toEqual(Array.from(smallJs));
  });

  it('keeps float64 products (gradient checks) in JavaScript whatever backend is forced', () => {
    const [M, N, K] = [40, 30, 200];
    const a = Float64Array.from(floats(M * K)),
      b = Float64Array.from(floats(K * N));
    const forced = new Float64Array(M * N),
      js = new Float64Array(M * N);
    setGemmBackend('wasm-simd');
    gemm(M, N, K, transposed(a, M), rowMajor(b, N), forced);
    gemmJs(M, N, K, transposed(a, M), rowMajor(b, N), js);
    expect(Array.from(forced)).toEqual(Array.from(js));
  });

  it('handles empty products on the WebAssembly kernel: K = 0 gives zeros, or leaves C when accumulating', () => {
    setGemmBackend('wasm-simd');
    const c = Float32Array.from([1, 2, 3, 4, 5, 6]);
    gemm(2, 3, 0, rowMajor(new Float32Array(0), 0), rowMajor(new Float32Array(0), 3), c, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5, 6]);
    gemm(2, 3, 0, rowMajor(new Float32Array(0), 0), rowMajor(new Float32Array(0), 3), c);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses to force a kernel the runtime cannot run, in a sentence', () => {
    if (loadWasmGemm('wasm-relaxed-simd')) {
      expect(() => setGemmBackend('wasm-relaxed-simd')).not.toThrow();
      expect(gemmBackend()).toBe('wasm-relaxed-simd');
    } else {
      setGemmBackend('js');
      expect(() => setGemmBackend('wasm-relaxed-simd')).toThrow(/cannot run the wasm-relaxed-simd matrix kernel/);
      expect(gemmBackend()).toBe('js'); // the choice before stands
    }
  });
});
