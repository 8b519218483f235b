import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemmJs as gemm, gemmReference, rowMajor, transposed, type MatrixView } from '../../../engine/kernels/gemm';

function views(data: Float32Array, rows: number, cols: number, transpose: boolean): MatrixView {
  // The logical (rows × cols) matrix, stored either as it is or as its transpose.
  return transpose ? transposed(data, rows) : rowMajor(data, cols);
}

describe('gemmJs (the register-tiled JavaScript kernel)', () => {
  it('computes a small product by hand', () => {
    const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2×3
    const b = Float32Array.from([7, 8, 9, 10, 11, 12]); // 3×2
    const c = new Float32Array(4);
    gemm(2, 2, 3, rowMajor(a, 3), rowMajor(b, 2), c);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    gemm(2, 2, 3, rowMajor(a, 3), rowMajor(b, 2), c, true);
    expect(Array.from(c)).toEqual([116, 128, 278, 308]);
  });

  it('equals the reference loops for any shape and either operand transposed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 << 30 }),
        (M, N, K, ta, tb, accumulate, seed) => {
          let s = seed;
          const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
          const a = Float32Array.from({ length: M * K }, rand);
          const b = Float32Array.from({ length: K * N }, rand);
          const c0 = Float32Array.from({ length: M * N }, rand);
          const fast = c0.slice();
          const ref = c0.slice();
          gemm(M, N, K, views(a, M, K, ta), views(b, K, N, tb), fast, accumulate);
          gemmReference(M, N, K, views(a, M, K, ta), views(b, K, N, tb), ref, accumulate);
          // Same sums in the same order: the fast kernel is exact, not merely close.
          expect(Array.from(fast)).toEqual(Array.from(ref));
        },
      ),
      { numRuns: 300 },
    );
  });
});
