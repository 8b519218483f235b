// Every optimizer is held to its published rule by an independent scalar implementation written out
// below (one number at a time, no typed arrays), plus first steps worked out by hand, plus the book's
// chapter 6 experiment on f(x, y) = x²/20 + y².
// It runs past 400 lines because it holds eight reference rules and eight hand-worked first steps side
// by side; split up, a reader could no longer compare an optimizer with its reference at a glance.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFields, type FieldValues } from '../../engine/fields';
import type { Optimizer, OptimizerType } from '../../engine/optimizers/Optimizer';
import { findOptimizerType, optimizerTypes, type OptimizerTypeName } from '../../engine/optimizers/registry';
import { SGD } from '../../engine/optimizers/SGD';
import { Momentum } from '../../engine/optimizers/Momentum';
import { Nesterov } from '../../engine/optimizers/Nesterov';
import { AdaGrad } from '../../engine/optimizers/AdaGrad';
import { RMSProp } from '../../engine/optimizers/RMSProp';
import { AdaDelta } from '../../engine/optimizers/AdaDelta';
import { Adam } from '../../engine/optimizers/Adam';
import { Nadam } from '../../engine/optimizers/Nadam';
import { sharedAllocator, Tensor, type DType } from '../../engine/tensor';

// ---------------------------------------------------------------------------------------------------
// Reference rules: one scalar parameter, its own scalar state, step count t starting at 1.

type Settings = Record<string, number>;
type ScalarState = Record<string, number>;
type ScalarRule = (s: Settings, state: ScalarState, p: number, g: number, t: number) => number;

const at = (state: ScalarState, name: string) => state[name] ?? 0;

const referenceRules: Record<OptimizerTypeName, ScalarRule> = {
  sgd: (s, _state, p, g) => p - s.lr! * g,

  momentum: (s, state, p, g) => {
    state.v = s.momentum! * at(state, 'v') - s.lr! * g;
    return p + state.v;
  },

  nesterov: (s, state, p, g) => {
    const m = s.momentum!;
    state.v = m * at(state, 'v') - s.lr! * g;
    return p + m * m * state.v - (1 + m) * s.lr! * g;
  },

  adagrad: (s, state, p, g) => {
    state.h = at(state, 'h') + g * g;
    return p - (s.lr! * g) / (Math.sqrt(state.h) + s.eps!);
  },

  rmsprop: (s, state, p, g) => {
    state.h = s.rho! * at(state, 'h') + (1 - s.rho!) * g * g;
    return p - (s.lr! * g) / (Math.sqrt(state.h) + s.eps!);
  },

  adadelta: (s, state, p, g) => {
    state.eg2 = s.rho! * at(state, 'eg2') + (1 - s.rho!) * g * g;
    const rmsDelta = Math.sqrt(at(state, 'edx2') + s.eps!);
    const rmsGrad = Math.sqrt(state.eg2 + s.eps!);
    const delta = -(rmsDelta / rmsGrad) * g;
    state.edx2 = s.rho! * at(state, 'edx2') + (1 - s.rho!) * delta * delta;
    return p + s.lr! * delta;
  },

  // Written in Kingma & Ba's explicit bias-corrected form; algebraically the book's lr_t form, except
  // that ε is applied to √v̂ rather than √v, so the reference inflates ε by the same factor.
  adam: (s, state, p, g, t) => {
    state.m = s.beta1! * at(state, 'm') + (1 - s.beta1!) * g;
    state.v = s.beta2! * at(state, 'v') + (1 - s.beta2!) * g * g;
    const mHat = state.m / (1 - s.beta1! ** t);
    const vHat = state.v / (1 - s.beta2! ** t);
    const epsHat = s.eps! / Math.sqrt(1 - s.beta2! ** t);
    return p - (s.lr! * mHat) / (Math.sqrt(vHat) + epsHat);
  },

  nadam: (s, state, p, g, t) => {
    state.m = s.beta1! * at(state, 'm') + (1 - s.beta1!) * g;
    state.v = s.beta2! * at(state, 'v') + (1 - s.beta2!) * g * g;
    const mHat = (s.beta1! * state.m) / (1 - s.beta1! ** (t + 1)) + ((1 - s.beta1!) * g) / (1 - s.beta1! ** t);
    const vHat = state.v / (1 - s.beta2! ** t);
    return p - (s.lr! * mHat) / (Math.sqrt(vHat) + s.eps!);
  },
};

/** The book's defaults (common/optimizer.py), and Keras's / the papers' for the two the book lacks. */
const bookDefaults: Record<OptimizerTypeName, Settings> = {
  sgd: { lr: 0.01 },
  momentum: { lr: 0.01, momentum: 0.9 },
  nesterov: { lr: 0.01, momentum: 0.9 },
  adagrad: { lr: 0.01, eps: 1e-7 },
  rmsprop: { lr: 0.01, rho: 0.99, eps: 1e-7 },
  adadelta: { lr: 1.0, rho: 0.95, eps: 1e-6 },
  adam: { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 },
  nadam: { lr: 0.002, beta1: 0.9, beta2: 0.999, eps: 1e-7 },
};

/** Settings that differ from every default, so a constructor ignoring one would be caught. */
const customSettings: Record<OptimizerTypeName, Settings> = {
  sgd: { lr: 0.1 },
  momentum: { lr: 0.1, momentum: 0.8 },
  nesterov: { lr: 0.1, momentum: 0.8 },
  adagrad: { lr: 0.3, eps: 1e-3 },
  rmsprop: { lr: 0.05, rho: 0.9, eps: 1e-3 },
  adadelta: { lr: 0.5, rho: 0.9, eps: 1e-2 },
  adam: { lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-3 },
  nadam: { lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-3 },
};

const typeNames: OptimizerTypeName[] = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adadelta', 'adam', 'nadam'];

/** The trajectory of each element after every step, by the reference rule. */
function referenceRun(type: OptimizerTypeName, settings: Settings, start: number[], gradSteps: number[][]): number[][] {
  const rule = referenceRules[type];
  const states: ScalarState[] = start.map(() => ({}));
  const p = [...start];
  const trajectory: number[][] = [];
  gradSteps.forEach((g, step) => {
    for (let i = 0; i < p.length; i++) p[i] = rule(settings, states[i]!, p[i]!, g[i]!, step + 1);
    trajectory.push([...p]);
  });
  return trajectory;
}

function optimizerType(type: string): OptimizerType {
  const found = findOptimizerType(type);
  if (!found) throw new Error(`no optimizer type "${type}"`);
  return found;
}

function engineRun(optimizer: Optimizer, start: number[], gradSteps: number[][], dtype: DType = 'float64'): number[][] {
  const param = Tensor.from([start.length], start, dtype);
  return gradSteps.map((g) => {
    optimizer.update({ W: param }, { W: Tensor.from([g.length], g, dtype) });
    return param.toArray();
  });
}

function expectClose(actual: number[][], expected: number[][], relTol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, step) => {
    row.forEach((a, i) => {
      const e = expected[step]![i]!;
      const tol = relTol * Math.max(1, Math.abs(e));
      if (!(Math.abs(a - e) <= tol)) {
        throw new Error(`step ${step + 1}, element ${i}: got ${a}, expected ${e} (±${tol})`);
      }
    });
  });
}

const start = [1, -2, 0.5];
const gradSteps = [
  [0.5, -1, 2],
  [0.3, 0.4, -1],
  [-0.2, 0.1, 0.5],
];

// ---------------------------------------------------------------------------------------------------

describe('registry', () => {
  it('lists the optimizers in family-tree order with their labels', () => {
    expect(optimizerTypes.map((t) => [t.type, t.label])).toEqual([
      ['sgd', 'SGD'],
      ['momentum', 'Momentum'],
      ['nesterov', 'Nesterov (NAG)'],
      ['adagrad', 'AdaGrad'],
      ['rmsprop', 'RMSProp'],
      ['adadelta', 'AdaDelta'],
      ['adam', 'Adam'],
      ['nadam', 'Nadam'],
    ]);
  });

  it('finds a type by name and nothing for an unknown one', () => {
    expect(findOptimizerType('adam')?.label).toBe('Adam');
    expect(findOptimizerType('Adam')).toBeUndefined();
    expect(findOptimizerType('lbfgs')).toBeUndefined();
  });

  it('gives every type and every field a one-line summary', () => {
    for (const t of optimizerTypes) {
      expect(t.summary.length, t.type).toBeGreaterThan(10);
      expect(t.summary, t.type).not.toContain('\n');
      for (const f of t.fields) {
        expect(f.summary.length, `${t.type}.${f.name}`).toBeGreaterThan(10);
        expect(f.summary, `${t.type}.${f.name}`).not.toContain('\n');
      }
    }
  });

  it.each(typeNames)("%s: field defaults are the book's", (type) => {
    const fields = optimizerType(type).fields;
    expect(Object.fromEntries(fields.map((f) => [f.name, f.default]))).toEqual(bookDefaults[type]);
    expect(fields.every((f) => f.kind === 'number')).toBe(true);
  });

  it.each(typeNames)('%s: the validator enforces the bounds', (type) => {
    const ctx = { where: `training.optimizer (${type})`, path: 'training.optimizer' };
    const fields = optimizerType(type).fields;
    const read = (values: Record<string, unknown>) => readFields(values, fields, ctx);
    expect(read({})).toEqual(bookDefaults[type]);
    expect(read({ lr: 1e6 }).lr).toBe(1e6); // high enough to watch a run diverge
    expect(() => read({ lr: 0 })).toThrow(/"lr" must be greater than 0/);
    expect(() => read({ lr: 1e6 + 1 })).toThrow(/"lr" must be at most 1000000/);
    for (const name of ['momentum', 'rho', 'beta1', 'beta2']) {
      if (!fields.some((f) => f.name === name)) continue;
      expect(read({ [name]: 0 })[name]).toBe(0);
      expect(() => read({ [name]: 1 })).toThrow(new RegExp(`"${name}" must be less than 1`));
      expect(() => read({ [name]: -0.1 })).toThrow(new RegExp(`"${name}" must be at least 0`));
    }
    if (fields.some((f) => f.name === 'eps')) {
      expect(read({ eps: 1 }).eps).toBe(1);
      expect(() => read({ eps: 0 })).toThrow(/"eps" must be greater than 0/);
      expect(() => read({ eps: 2 })).toThrow(/"eps" must be at most 1/);
    }
  });

  it('each type takes only the settings its rule uses', () => {
    const names = Object.fromEntries(optimizerTypes.map((t) => [t.type, t.fields.map((f) => f.name)]));
    expect(names).toEqual(Object.fromEntries(typeNames.map((t) => [t, Object.keys(bookDefaults[t])])));
  });
});

describe('golden: every optimizer follows its published rule', () => {
  // 1e-12 is far tighter than float32's ~1e-7, so this also catches state kept in float32 for a float64 parameter.
  it.each(typeNames)('%s with custom settings, 3 steps, float64', (type) => {
    const settings = customSettings[type];
    const actual = engineRun(optimizerType(type).create(settings as FieldValues), start, gradSteps);
    expectClose(actual, referenceRun(type, settings, start, gradSteps), 1e-12);
  });

  it.each(typeNames)("%s created with no settings uses the book's defaults", (type) => {
    const actual = engineRun(optimizerType(type).create({}), start, gradSteps);
    expectClose(actual, referenceRun(type, bookDefaults[type], start, gradSteps), 1e-12);
    // And the defaults matter: the custom settings give a different path.
    const custom = referenceRun(type, customSettings[type], start, gradSteps);
    expect(Math.abs(actual[2]![0]! - custom[2]![0]!)).toBeGreaterThan(1e-4);
  });

  it.each(typeNames)('%s in float32 stays within float32 round-off of the float64 rule', (type) => {
    const settings = customSettings[type];
    const optimizer = optimizerType(type).create(settings as FieldValues);
    const param = Tensor.from([3], start, 'float32');
    for (const g of gradSteps) optimizer.update({ W: param }, { W: Tensor.from([3], g, 'float32') });
    expect(param.data).toBeInstanceOf(Float32Array);
    // Gradients like 0.3 are not exact in float32, so the whole path carries ~1e-7 relative error.
    expectClose([param.toArray()], [referenceRun(type, settings, start, gradSteps)[2]!], 1e-5);
  });

  it('matches the reference on random parameters and gradients (property)', () => {
    const value = fc.double({ min: -10, max: 10, noNaN: true });
    const vector = fc.array(value, { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.constantFrom(...typeNames), vector, fc.array(vector, { minLength: 1, maxLength: 6 }), (type, p0, gs) => {
        const settings = customSettings[type];
        const actual = engineRun(optimizerType(type).create(settings as FieldValues), p0, gs);
        expectClose(actual, referenceRun(type, settings, p0, gs), 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});

describe('first steps by hand (p = 1, g = 0.5, then g = 0.3)', () => {
  const step = (optimizer: Optimizer, gs: number[]) =>
    engineRun(
      optimizer,
      [1],
      gs.map((g) => [g]),
    ).map((r) => r[0]);

  it('SGD lr 0.1: 1 − 0.1·0.5 = 0.95, then 0.95 − 0.03 = 0.92', () => {
    const [p1, p2] = step(new SGD({ lr: 0.1 }), [0.5, 0.3]);
    expect(p1).toBeCloseTo(0.95, 12);
    expect(p2).toBeCloseTo(0.92, 12);
  });

  it('Momentum lr 0.1, α 0.9: v = −0.05 → 0.95; v = 0.9·(−0.05) − 0.03 = −0.075 → 0.875', () => {
    const [p1, p2] = step(new Momentum({ lr: 0.1, momentum: 0.9 }), [0.5, 0.3]);
    expect(p1).toBeCloseTo(0.95, 12);
    expect(p2).toBeCloseTo(0.875, 12);
  });

  it('Nesterov lr 0.1, α 0.9: v = −0.05; p = 1 + 0.81·(−0.05) − 1.9·0.05 = 0.8645', () => {
    // It moves further than Momentum's 0.95 on the first step: the look-ahead applies the gradient twice.
    const [p1, p2] = step(new Nesterov({ lr: 0.1, momentum: 0.9 }), [0.5, 0.3]);
    expect(p1).toBeCloseTo(0.8645, 12);
    // v = 0.9·(−0.05) − 0.03 = −0.075; p = 0.8645 + 0.81·(−0.075) − 1.9·0.03 = 0.74675
    expect(p2).toBeCloseTo(0.74675, 12);
  });

  it('AdaGrad lr 0.1: h = 0.25, p = 1 − 0.1·0.5/0.5 = 0.9 (ε shifts it by 2e-8)', () => {
    const [p1, p2] = step(new AdaGrad({ lr: 0.1 }), [0.5, 0.3]);
    expect(p1).toBeCloseTo(0.9, 7);
    // h = 0.25 + 0.09 = 0.34; p = 0.9 − 0.03/√0.34 = 0.9 − 0.0514496 = 0.8485504
    expect(p2).toBeCloseTo(0.8485504, 6);
  });

  it('RMSProp lr 0.01, ρ 0.99: h = 0.01·0.25 = 0.0025, p = 1 − 0.01·0.5/0.05 = 0.9 (ten times lr)', () => {
    const [p1] = step(new RMSProp({ lr: 0.01, rho: 0.99 }), [0.5]);
    expect(p1).toBeCloseTo(0.9, 6);
  });

  it('AdaDelta defaults: Eg² = 0.0125, Δ = −√1e-6/√0.012501·0.5 = −0.00447195 → 0.99552805', () => {
    const [p1, p2] = step(new AdaDelta(), [0.5, 0.3]);
    expect(p1).toBeCloseTo(0.995528, 6);
    // Eg² = 0.95·0.0125 + 0.05·0.09 = 0.016375; EΔ² = 0.05·0.00447195² = 1.0e-6;
    // Δ = −√(2.0e-6)/√0.016376·0.3 = −0.0033151 → 0.9922129
    expect(p2).toBeCloseTo(0.9922129, 6);
  });

  it('Adam defaults: lr_t = 0.001·√0.001/0.1, m = 0.05, v = 0.00025 → moves by lr: 0.999', () => {
    // m/√v = 0.05/0.0158114 = 3.16228 and lr_t·3.16228 = 0.001; ε (1e-7 beside √v) shortens it by 6e-9.
    const [p1] = step(new Adam(), [0.5]);
    expect(p1).toBeCloseTo(0.999, 7);
  });

  it("Adam step 1 moves every parameter by ≈ lr·sign(g), whatever the gradient's size", () => {
    const moved = engineRun(new Adam({ lr: 0.01 }), start, [gradSteps[0]!])[0]!.map((p, i) => p - start[i]!);
    expect(moved[0]).toBeCloseTo(-0.01, 6);
    expect(moved[1]).toBeCloseTo(0.01, 6);
    expect(moved[2]).toBeCloseTo(-0.01, 6);
  });

  it('Nadam defaults: m̂ = 0.9·0.05/0.19 + 0.05/0.1 = 0.7368421, v̂ = 0.25 → 1 − 0.002·0.7368421/0.5 = 0.9970526', () => {
    const [p1] = step(new Nadam(), [0.5]);
    expect(p1).toBeCloseTo(0.9970526, 7);
  });
});

describe('state and storage', () => {
  it.each(typeNames)('%s updates in place: the same data array changes', (type) => {
    const optimizer = optimizerType(type).create({});
    const param = Tensor.from([3], start, 'float64');
    const data = param.data;
    optimizer.update({ W: param }, { W: Tensor.from([3], gradSteps[0]!, 'float64') });
    expect(param.data).toBe(data);
    expect(Array.from(data)).not.toEqual(start);
  });

  it.each(typeNames)('%s works on a SharedArrayBuffer, visible through another view of it', (type) => {
    const optimizer = optimizerType(type).create(customSettings[type] as FieldValues);
    const param = Tensor.zeros([3], 'float32', sharedAllocator);
    param.data.set(start);
    const workerView = new Float32Array(param.data.buffer as SharedArrayBuffer);
    for (const g of gradSteps) optimizer.update({ W: param }, { W: Tensor.from([3], g, 'float32') });
    expect(param.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expectClose([Array.from(workerView)], [referenceRun(type, customSettings[type], start, gradSteps)[2]!], 1e-5);
  });

  it.each(typeNames)('%s keeps state per parameter name: two parameters evolve independently', (type) => {
    const settings = customSettings[type];
    const optimizer = optimizerType(type).create(settings as FieldValues);
    const aStart = [1, 2];
    const bStart = [1, 2];
    const aGrads = [
      [0.5, -1],
      [0.3, 0.4],
      [-0.2, 0.1],
    ];
    const bGrads = [
      [-2, 0.01],
      [1, 0.02],
      [0.7, -0.3],
    ];
    const a = Tensor.from([2], aStart, 'float64');
    const b = Tensor.from([2], bStart, 'float64');
    for (let s = 0; s < 3; s++) {
      optimizer.update({ a, b }, { a: Tensor.from([2], aGrads[s]!, 'float64'), b: Tensor.from([2], bGrads[s]!, 'float64') });
    }
    // Each matches a run where it was the only parameter: no state leaks between names, and step
    // counters (Adam, Nadam) advance once per update, not once per parameter.
    expectClose([a.toArray()], [referenceRun(type, settings, aStart, aGrads)[2]!], 1e-12);
    expectClose([b.toArray()], [referenceRun(type, settings, bStart, bGrads)[2]!], 1e-12);
  });

  it('Adam counts steps per update() call: ten parameters in one call all take a first step', () => {
    const params: Record<string, Tensor> = {};
    const grads: Record<string, Tensor> = {};
    for (let k = 0; k < 10; k++) {
      params[`W${k}`] = Tensor.from([1], [0], 'float64');
      grads[`W${k}`] = Tensor.from([1], [1], 'float64');
    }
    new Adam({ lr: 0.1 }).update(params, grads);
    // At t = 1 every parameter moves by lr; a counter bumped per parameter would shrink later ones
    // (W9 would see t = 10: lr·√(1−β₂¹⁰)/(1−β₁¹⁰)·(0.1/√0.001) ≈ 0.48·lr).
    for (let k = 0; k < 10; k++) expect(params[`W${k}`]!.data[0]).toBeCloseTo(-0.1, 6);
  });

  it.each(typeNames)('%s refuses a missing gradient with an Error naming the parameter', (type) => {
    const optimizer = optimizerType(type).create({});
    const W = Tensor.from([2], [1, 2], 'float64');
    const b = Tensor.from([2], [3, 4], 'float64');
    expect(() => optimizer.update({ W, b }, { W: Tensor.from([2], [0.1, 0.1], 'float64') })).toThrow(/"b"/);
  });
});

// ---------------------------------------------------------------------------------------------------
// The book's §6.1.7 comparison (ch06/optimizer_compare_naive.py): f(x, y) = x²/20 + y², start (−7, 2).

describe("the book's chapter 6 experiment on f(x, y) = x²/20 + y²", () => {
  function descend(optimizer: Optimizer, steps = 30): Array<[number, number]> {
    const x = Tensor.from([1], [-7], 'float64');
    const y = Tensor.from([1], [2], 'float64');
    const path: Array<[number, number]> = [];
    for (let i = 0; i < steps; i++) {
      const gx = Tensor.from([1], [x.data[0]! / 10], 'float64');
      const gy = Tensor.from([1], [2 * y.data[0]!], 'float64');
      optimizer.update({ x, y }, { x: gx, y: gy });
      path.push([x.data[0]!, y.data[0]!]);
    }
    return path;
  }

  it('SGD lr 0.95: zig-zags in y and creeps in x, exactly as the linear recurrence says', () => {
    const path = descend(new SGD({ lr: 0.95 }));
    // Step 1: x = −7 − 0.95·(−0.7) = −6.335, y = 2 − 0.95·4 = −1.8
    expect(path[0]![0]).toBeCloseTo(-6.335, 12);
    expect(path[0]![1]).toBeCloseTo(-1.8, 12);
    // Step 2: x = −6.335 + 0.95·0.6335 = −5.733175, y = −1.8 + 0.95·3.6 = 1.62
    expect(path[1]![0]).toBeCloseTo(-5.733175, 12);
    expect(path[1]![1]).toBeCloseTo(1.62, 12);
    // y is multiplied by 1 − 0.95·2 = −0.9 each step (sign flips: the zig-zag), x by 1 − 0.095 = 0.905.
    for (let i = 1; i < 30; i++) expect(Math.sign(path[i]![1])).toBe(-Math.sign(path[i - 1]![1]));
    expect(path[29]![0]).toBeCloseTo(-7 * 0.905 ** 30, 10); // ≈ −0.350
    expect(path[29]![1]).toBeCloseTo(2 * 0.9 ** 30, 10); // ≈ 0.085
  });

  it('Momentum lr 0.1: rolls past the minimum in x but ends within 1 of it', () => {
    const path = descend(new Momentum({ lr: 0.1 }));
    // Step 1: v = (0.07, −0.4) → (−6.93, 1.6)
    expect(path[0]![0]).toBeCloseTo(-6.93, 12);
    expect(path[0]![1]).toBeCloseTo(1.6, 12);
    // Step 2: g = (−0.693, 3.2); v = (0.063 + 0.0693, −0.36 − 0.32) = (0.1323, −0.68) → (−6.7977, 0.92)
    expect(path[1]![0]).toBeCloseTo(-6.7977, 12);
    expect(path[1]![1]).toBeCloseTo(0.92, 12);
    // The velocity carries x past 0 (the book's picture of a ball rolling in a bowl): it ends at x ≈ 0.896.
    expect(Math.min(...path.map((p) => p[0]))).toBeLessThan(-6.7);
    expect(path[29]![0]).toBeGreaterThan(0.5);
    expect(path[29]![0]).toBeLessThan(1);
    expect(Math.abs(path[29]![1])).toBeLessThan(0.1);
  });

  it('AdaGrad lr 1.5: the first step moves each coordinate by 1.5, then y settles at 0', () => {
    const path = descend(new AdaGrad({ lr: 1.5 }));
    // Step 1: h = (0.49, 16); each coordinate moves by 1.5·|g|/√h = 1.5 → (−5.5, 0.5)
    expect(path[0]![0]).toBeCloseTo(-5.5, 6);
    expect(path[0]![1]).toBeCloseTo(0.5, 6);
    // Step 2: g = (−0.55, 1); h = (0.7925, 17); x += 0.825/√0.7925 = 0.926731, y −= 1.5/√17 = 0.363803
    expect(path[1]![0]).toBeCloseTo(-4.573268, 6);
    expect(path[1]![1]).toBeCloseTo(0.136197, 6);
    // y's steps shrink faster than y does, so it converges without oscillating; x is at −0.12.
    expect(Math.abs(path[29]![1])).toBeLessThan(1e-6);
    expect(Math.abs(path[29]![0])).toBeLessThan(0.15);
  });

  it('Adam lr 0.3: each first step is ≈ 0.3 per coordinate; ends within 0.4 of the minimum', () => {
    const path = descend(new Adam({ lr: 0.3 }));
    expect(path[0]![0]).toBeCloseTo(-6.7, 5);
    expect(path[0]![1]).toBeCloseTo(1.7, 5);
    // Step 2: m = (−0.13, 0.7), v = (0.00093841, 0.027544), lr_t = 0.3·√0.001999/0.19 = 0.070595
    // x = −6.7 + 0.070595·0.13/√0.00093841 = −6.400417;  y = 1.7 − 0.070595·0.7/√0.027544 = 1.402246
    expect(path[1]![0]).toBeCloseTo(-6.400417, 5);
    expect(path[1]![1]).toBeCloseTo(1.402246, 5);
    // Like Momentum it overshoots in x and circles in: it ends at about (0.136, 0.318).
    expect(Math.hypot(path[29]![0], path[29]![1])).toBeLessThan(0.4);
    expect(Math.abs(path[29]![0])).toBeLessThan(0.2);
  });

  it('every run ends far closer to the minimum than it started (7.28 away)', () => {
    for (const optimizer of [new SGD({ lr: 0.95 }), new Momentum({ lr: 0.1 }), new AdaGrad({ lr: 1.5 }), new Adam({ lr: 0.3 })]) {
      const [x, y] = descend(optimizer)[29]!;
      expect(Math.hypot(x, y)).toBeLessThan(1);
    }
  });
});
