// The WebAssembly loops of kernels/wasmElementwise.ts against the JavaScript they stand in for: every
// array large enough to go to WebAssembly gives the very bits the JavaScript path gives (forced with
// setElementwiseBackend('js')) and, for the layers, the readable layers' and optimizers' bits — special values included.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdamInModule, elementwiseKernel, setElementwiseBackend, WASM_MIN_VALUES } from '../../../engine/kernels/wasmElementwise';
import { FastPooling } from '../../../engine/layers/fast/FastPooling';
import { FastRelu } from '../../../engine/layers/fast/FastRelu';
import { Pooling } from '../../../engine/layers/Pooling';
import { Relu } from '../../../engine/layers/Relu';
import { Adam } from '../../../engine/optimizers/Adam';
import { SGD } from '../../../engine/optimizers/SGD';
import type { Optimizer } from '../../../engine/optimizers/Optimizer';
import { optimizerTypes } from '../../../engine/optimizers/registry';
import { fastOptimizer, takesShares } from '../../../engine/fast/optimizers';
import { Tensor } from '../../../engine/tensor';
import { expectSame, expectTwins, randomTensor, rngFor, tiedTensor } from '../fast/compare';

const SPECIALS = [0, -0, NaN, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38, -3.4e38];

/** Normal numbers with every special value sprinkled in. */
function withSpecials(shape: number[], seed: string): Tensor {
  const rng = rngFor(seed);
  const t = randomTensor(shape, 'float32', rng, 0.2);
  for (let i = 0; i < t.size; i += 37) t.data[i] = SPECIALS[rng.int(SPECIALS.length)]!;
  return t;
}

/** What `run` returns with the JavaScript loops, then with WebAssembly; each gets its own copies. */
function bothWays<T>(run: () => T): { js: T; wasm: T } {
  setElementwiseBackend('js');
  const js = run();
  setElementwiseBackend('auto');
  return { js, wasm: run() };
}

afterEach(() => setElementwiseBackend('auto'));

describe('the WebAssembly elementwise kernels', () => {
  it('load in this runtime (otherwise the tests below would compare JavaScript with itself)', () => {
    expect(elementwiseKernel(WASM_MIN_VALUES)).not.toBeNull();
    expect(elementwiseKernel(WASM_MIN_VALUES - 1)).toBeNull();
  });

  it('ReLU: forward and backward bits equal the JavaScript loop and the readable Relu (odd lengths, NaN, ±0, ±∞)', () => {
    for (const shape of [
      [9, 3, 11, 13],
      [5, 1031],
    ]) {
      const x = withSpecials(shape, `relu x ${String(shape)}`);
      const dout = withSpecials(shape, `relu dout ${String(shape)}`);
      const { js, wasm } = bothWays(() => {
        const layer = new FastRelu();
        const y = layer.forward(x, true).clone();
        return { y, dx: layer.backward(dout).clone() };
      });
      expectSame(wasm.y, js.y, `${String(shape)} y`);
      expectSame(wasm.dx, js.dx, `${String(shape)} dx`);
      expectTwins(new FastRelu(), new Relu(), x, () => dout, `${String(shape)} against Relu`);
    }
  });

  it('2×2 max pooling: same maxima and winners as the JavaScript path and Pooling, ties included', () => {
    const rng = rngFor('pool');
    for (const shape of [
      [8, 30, 24, 24],
      [3, 5, 14, 10],
    ]) {
      // after a ReLU (+0…+∞: the WebAssembly path) and with negatives (it declines and the readable way runs)
      for (const x of [tiedTensor(shape, 'float32', rng, [0, 0, 1, 2, 2]), randomTensor(shape, 'float32', rng, 0.3)]) {
        const dout = (out: Tensor) => randomTensor(out.shape, 'float32', rng);
        const g = dout(new FastPooling('max', 2, 2).forward(x, false));
        const { js, wasm } = bothWays(() => {
          const layer = new FastPooling('max', 2, 2);
          const y = layer.forward(x, true).clone();
          return { y, dx: layer.backward(g).clone() };
        });
        expectSame(wasm.y, js.y, `${String(shape)} y`);
        expectSame(wasm.dx, js.dx, `${String(shape)} dx`);
        expectTwins(new FastPooling('max', 2, 2), new Pooling('max', 2, 2), x, dout, `${String(shape)} against Pooling`);
      }
    }
  });

  it.each([
    ['SGD', () => new SGD({ lr: 0.1 })],
    ['Adam', () => new Adam({ lr: 0.001 })],
  ] as [string, () => Optimizer][])('%s as training runs it: five steps give the JavaScript loop’s parameters, and the readable class’s', (_, make) => {
    const rng = rngFor('optimizer');
    const W = randomTensor([37, 101], 'float32', rng);
    const b = randomTensor([3], 'float32', rng); // small: stays in JavaScript beside the large one
    const grads = Array.from({ length: 5 }, () => ({ W: withSpecials([37, 101], `g ${rng.int(1e6)}`), b: randomTensor([3], 'float32', rng) }));
    grads[0]!.W.data[5] = 0; // a zero gradient on a fresh average: m = v = 0, a step of 0/(0 + eps)
    const steps = (optimizer: Optimizer) => {
      const params = { W: W.clone(), b: b.clone() };
      for (const g of grads) optimizer.update(params, g);
      return params;
    };
    expect(fastOptimizer(make())).not.toBeInstanceOf(make().constructor); // the twin, with the WebAssembly branch
    const { js, wasm } = bothWays(() => steps(fastOptimizer(make())));
    const readable = steps(make());
    expectSame(wasm.W, js.W, 'W');
    expectSame(wasm.b, js.b, 'b');
    expectSame(wasm.W, readable.W, 'W against the readable class');
    expectSame(wasm.b, readable.b, 'b against the readable class');
    expect(Array.from(wasm.W.data).some((v, i) => v !== W.data[i])).toBe(true);
  });

  it("Adam's averages kept in the module: parameters met at different steps, after its memory held other steps' values, move as the readable Adam's", () => {
    const rng = rngFor('resident adam');
    const sizes = { A: [41, 53], B: [2003], C: [7, 311] } as const;
    const start = Object.fromEntries(Object.entries(sizes).map(([k, shape]) => [k, randomTensor([...shape], 'float32', rng)]));
    const gradsAt = (step: number, key: string) => withSpecials([...sizes[key as keyof typeof sizes]], `resident g ${step} ${key}`);
    // A from the first step, B from the third, C from the fifth: each new parameter's averages are
    // allocated where earlier steps copied p and g, and must still start at zero.
    const keysAt = (step: number) => (step < 2 ? ['A'] : step < 4 ? ['A', 'B'] : ['A', 'B', 'C']);
    const run = (optimizer: Optimizer) => {
      const params = Object.fromEntries(Object.entries(start).map(([k, t]) => [k, t.clone()]));
      for (let step = 0; step < 7; step++) {
        const keys = keysAt(step);
        optimizer.update(Object.fromEntries(keys.map((k) => [k, params[k]!])), Object.fromEntries(keys.map((k) => [k, gradsAt(step, k)])));
      }
      return params;
    };
    const fast = run(fastOptimizer(new Adam({ lr: 0.01 })));
    const readable = run(new Adam({ lr: 0.01 }));
    for (const key of Object.keys(sizes)) expectSame(fast[key]!, readable[key]!, key);
    expect(Array.from(fast.C!.data).some((v, i) => v !== start.C!.data[i])).toBe(true);
  });

  it("Adam on two workers' gradient shares moves the parameters as summing them first and stepping does", () => {
    const rng = rngFor('shares');
    const start = { W: randomTensor([37, 101], 'float32', rng), b: randomTensor([3], 'float32', rng) }; // W in the module, b not
    const shares = Array.from({ length: 5 }, (_, step) =>
      ([0, 1] as const).map((v) => ({ W: withSpecials([37, 101], `share ${step} ${v}`), b: randomTensor([3], 'float32', rng) })),
    );
    const weights = [0.51, 0.49] as const;
    const summedFirst = fastOptimizer(new Adam({ lr: 0.01 }));
    const bySummed = { W: start.W.clone(), b: start.b.clone() };
    for (const [s0, s1] of shares) {
      const g = Object.fromEntries(
        (['W', 'b'] as const).map((k) => {
          const sum = new Float32Array(s0![k].size);
          for (let i = 0; i < sum.length; i++) sum[i] = 0 + weights[0] * s0![k].data[i]! + weights[1] * s1![k].data[i]!;
          return [k, new Tensor([...s0![k].shape], sum)];
        }),
      );
      summedFirst.update(bySummed, g);
    }
    const fused = fastOptimizer(new Adam({ lr: 0.01 }));
    if (!takesShares(fused)) throw new Error('the fast Adam takes shares');
    const byShares = { W: start.W.clone(), b: start.b.clone() };
    const inModule = vi.spyOn(AdamInModule.prototype, 'adamShares');
    for (const [s0, s1] of shares) fused.updateShares(byShares, [s0!, s1!], weights);
    expect(inModule).toHaveBeenCalledTimes(5); // W's five steps summed in the module; b's here
    inModule.mockRestore();
    expectSame(byShares.W, bySummed.W, 'W');
    expectSame(byShares.b, bySummed.b, 'b');
  });

  it('AdamInModule gives back the averages it keeps, as the JavaScript loop leaves them', () => {
    const rng = rngFor('averages out');
    const n = 1500;
    const p = randomTensor([n], 'float32', rng).data as Float32Array;
    const pJs = p.slice();
    const m = new Float32Array(n),
      v = new Float32Array(n);
    const module = AdamInModule.create()!;
    expect(module).not.toBeNull();
    const averages = module.allocate(n)!;
    for (let step = 1; step <= 3; step++) {
      const g = withSpecials([n], `out g ${step}`).data as Float32Array;
      const lrT = (0.001 * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step);
      expect(module.adam(p, g, averages, 1 - 0.9, 1 - 0.999, lrT, 1e-7)).toBe(true);
      for (let i = 0; i < n; i++) {
        m[i]! += (1 - 0.9) * (g[i]! - m[i]!);
        v[i]! += (1 - 0.999) * (g[i]! * g[i]! - v[i]!);
        pJs[i]! -= (lrT * m[i]!) / (Math.sqrt(v[i]!) + 1e-7);
      }
    }
    const out = module.copyOut(averages);
    expectSame(new Tensor([n], out.m), new Tensor([n], m), 'm');
    expectSame(new Tensor([n], out.v), new Tensor([n], v), 'v');
    expectSame(new Tensor([n], p), new Tensor([n], pJs), 'p');
  });

  it('training runs every other optimizer as the readable class itself', () => {
    const others = optimizerTypes.filter((t) => t.type !== 'sgd' && t.type !== 'adam');
    expect(others.length).toBeGreaterThan(0);
    for (const type of others) {
      const optimizer = type.create({});
      expect(fastOptimizer(optimizer), type.type).toBe(optimizer);
    }
  });

  it("two workers' gradient sum: (0 + w0·g0) + w1·g1 rounded once, for every value", () => {
    const g0 = withSpecials([2051], 'g0').data as Float32Array,
      g1 = withSpecials([2051], 'g1').data as Float32Array;
    const expected = new Float32Array(g0.length);
    for (const [w0, w1] of [
      [0.5, 0.5],
      [0.51, 0.49],
    ]) {
      for (let i = 0; i < g0.length; i++) expected[i] = 0 + w0! * g0[i]! + w1! * g1[i]!;
      const out = new Float32Array(g0.length);
      expect(elementwiseKernel(out.length)!.weightedSum2(g0, g1, w0!, w1!, out)).toBe(true);
      expectSame(new Tensor([out.length], out), new Tensor([out.length], expected), `weights ${w0}, ${w1}`);
    }
  });
});
