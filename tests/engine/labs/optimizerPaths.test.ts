// The optimizer lab's paths held to the book's update rules: the first two steps of every optimizer on
// f(x, y) = x²/20 + y² from (−7, 2), worked out by hand below (gradient (x/10, 2y)), then the contour
// lines, the learning-rate checks and what a run-away path becomes.

import { describe, expect, it } from 'vitest';
import {
  bowl,
  checkLearningRate,
  CONTOUR_LEVELS,
  contourEllipse,
  insidePlot,
  optimizerPath,
  PATH_LEARNING_RATES,
  PLOT_BOUNDS,
  visiblePath,
} from '../../../engine/labs/optimizerPaths';

/** Steps 1 and 2 of a path, to be compared with the hand-worked numbers. */
function firstSteps(type: string, lr: number) {
  const path = optimizerPath(type, lr);
  return path.points.slice(1, 3).map((p) => [p.x, p.y]);
}

function expectSteps(actual: number[][], expected: number[][]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((point, i) => {
    expect(point[0]).toBeCloseTo(expected[i]![0]!, 9);
    expect(point[1]).toBeCloseTo(expected[i]![1]!, 9);
  });
}

describe('the first steps of each optimizer, by hand', () => {
  // Start: x₀ = −7, y₀ = 2, so g₀ = (−0.7, 4).
  it('SGD (lr 0.95): W ← W − η·g', () => {
    // x₁ = −7 − 0.95·(−0.7) = −6.335            y₁ = 2 − 0.95·4 = −1.8
    // g₁ = (−0.6335, −3.6)
    // x₂ = −6.335 − 0.95·(−0.6335) = −5.733175  y₂ = −1.8 − 0.95·(−3.6) = 1.62
    expectSteps(firstSteps('sgd', 0.95), [
      [-6.335, -1.8],
      [-5.733175, 1.62],
    ]);
  });

  it('Momentum (lr 0.1, α 0.9): v ← αv − η·g; W ← W + v', () => {
    // v₁ = −0.1·(−0.7, 4) = (0.07, −0.4)          → (−6.93, 1.6)
    // g₁ = (−0.693, 3.2); v₂ = 0.9·(0.07, −0.4) − 0.1·(−0.693, 3.2) = (0.1323, −0.68) → (−6.7977, 0.92)
    expectSteps(firstSteps('momentum', 0.1), [
      [-6.93, 1.6],
      [-6.7977, 0.92],
    ]);
  });

  it("Nesterov (lr 0.1, α 0.9), the book's form: v ← αv − η·g; W ← W + α²v − (1+α)·η·g", () => {
    // v₁ = (0.07, −0.4); x₁ = −7 + 0.81·0.07 − 0.19·(−0.7) = −6.8103; y₁ = 2 + 0.81·(−0.4) − 0.19·4 = 0.916
    // g₁ = (−0.68103, 1.832); v₂ = 0.9·v₁ − 0.1·g₁ = (0.131103, −0.5432)
    // x₂ = −6.8103 + 0.81·0.131103 − 0.19·(−0.68103) = −6.57471087
    // y₂ = 0.916 + 0.81·(−0.5432) − 0.19·1.832 = 0.127928
    expectSteps(firstSteps('nesterov', 0.1), [
      [-6.8103, 0.916],
      [-6.57471087, 0.127928],
    ]);
  });

  it('AdaGrad (lr 1.5, ε 1e-7): h ← h + g²; W ← W − η·g/(√h + ε)', () => {
    // h₁ = (0.49, 16): x₁ = −7 − 1.5·(−0.7)/(0.7 + 1e-7) = −5.500000214286;  y₁ = 2 − 1.5·4/(4 + 1e-7) = 0.500000037500
    // g₁ = (−0.5500000214, 1.0000000750); h₂ = (0.49 + 0.3025000236, 16 + 1.0000001500)
    // x₂ = x₁ + 1.5·0.5500000214/(√0.7925000236 + 1e-7) = −4.573267968164
    // y₂ = y₁ − 1.5·1.0000000750/(√17.00000015 + 1e-7) = 0.136196583089
    expectSteps(firstSteps('adagrad', 1.5), [
      [-5.500000214286, 0.5000000375],
      [-4.573267968164, 0.136196583089],
    ]);
  });

  it('RMSProp (lr 0.1, ρ 0.99, ε 1e-7): h ← ρh + (1−ρ)g²; W ← W − η·g/(√h + ε)', () => {
    // h₁ = 0.01·(0.49, 16) = (0.0049, 0.16): x₁ = −7 + 0.1·0.7/(0.07 + 1e-7) = −6.000001428569
    //                                        y₁ = 2 − 0.1·4/(0.4 + 1e-7) = 1.00000025
    // g₁ = (−0.6000001429, 2.0000005); h₂ = 0.99·h₁ + 0.01·g₁² = (0.008451001714, 0.1984000200)
    // x₂ = x₁ + 0.1·0.6000001429/(0.09192933000 + 1e-7) = −5.347326716178
    // y₂ = y₁ − 0.1·2.0000005/(0.4454211715 + 1e-7) = 0.550987006118
    expectSteps(firstSteps('rmsprop', 0.1), [
      [-6.000001428569, 1.00000025],
      [-5.347326716178, 0.550987006118],
    ]);
  });

  it('AdaDelta (lr 100, ρ 0.95, ε 1e-6): E[g²] ← ρE[g²] + (1−ρ)g²; Δ = −√(E[Δ²]+ε)/√(E[g²]+ε)·g; W ← W + η·Δ', () => {
    // E[g²]₁ = 0.05·(0.49, 16) = (0.0245, 0.8)
    // Δx₁ = −√1e-6/√0.024501·(−0.7) = 0.004472044690;  Δy₁ = −√1e-6/√0.800001·4 = −0.004472133160
    // x₁ = −7 + 100·0.004472044690 = −6.552795531029;   y₁ = 2 − 100·0.004472133160 = 1.552786684008
    // E[Δ²]₁ = 0.05·Δ₁² = (9.999592e-7, 9.999988e-7); g₁ = (−0.6552795531, 3.105573368)
    // E[g²]₂ = 0.95·E[g²]₁ + 0.05·g₁² = (0.04474456464, 1.242229297)
    // x₂ = −6.114706694271, y₂ = 1.158732813831 (same rule once more)
    expectSteps(firstSteps('adadelta', 100), [
      [-6.552795531029, 1.552786684008],
      [-6.114706694271, 1.158732813831],
    ]);
  });

  it("Adam (lr 0.3, β₁ 0.9, β₂ 0.999, ε 1e-7), the book's form with η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ)", () => {
    // t = 1: m = 0.1·g₀ = (−0.07, 0.4); v = 0.001·g₀² = (0.00049, 0.016); η₁ = 0.3·√0.001/0.1 = 0.0948683298
    // x₁ = −7 − 0.0948683298·(−0.07)/(0.0221359436 + 1e-7) = −6.700001355256
    // y₁ = 2 − 0.0948683298·0.4/(0.1264911064 + 1e-7) = 1.700000237171
    // t = 2: g₁ = (−0.6700001355, 3.400000474); m = 0.9m + 0.1g₁ = (−0.1300000136, 0.7000000474)
    //        v = 0.999v + 0.001g₁² = (0.0009384101816, 0.02754400323); η₂ = 0.3·√0.001999/0.19 = 0.0705950176
    // x₂ = −6.400416624043, y₂ = 1.402245740899
    expectSteps(firstSteps('adam', 0.3), [
      [-6.700001355256, 1.700000237171],
      [-6.400416624043, 1.402245740899],
    ]);
  });

  it('Nadam (lr 0.3, β₁ 0.9, β₂ 0.999, ε 1e-7): m̂ = β₁m/(1−β₁^(t+1)) + (1−β₁)g/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)', () => {
    // t = 1: m = (−0.07, 0.4); m̂ = 0.9·m/0.19 + 0.1·g₀/0.1 = (−1.031578947, 5.894736842)
    //        v̂ = g₀² = (0.49, 16): x₁ = −7 + 0.3·1.031578947/(0.7 + 1e-7) = −6.5578948
    //                              y₁ = 2 − 0.3·5.894736842/(4 + 1e-7) = 1.557894747895
    // t = 2: the same rule with m̂ = 0.9m/(1−0.9³) + 0.1g₁/(1−0.9²), v̂ = v/(1−0.999²)
    // x₂ = −6.216350814501, y₂ = 1.234029983034
    expectSteps(firstSteps('nadam', 0.3), [
      [-6.5578948, 1.557894747895],
      [-6.216350814501, 1.234029983034],
    ]);
  });
});

describe('paths', () => {
  it("start at (−7, 2), take 30 steps, and with the lab's learning rates all stay in the plot and end lower", () => {
    for (const [type, lr] of Object.entries(PATH_LEARNING_RATES)) {
      const path = optimizerPath(type, lr);
      expect(path.points).toHaveLength(31);
      expect(path.points[0]).toEqual({ step: 0, x: -7, y: 2, f: 6.45 });
      expect(path.leftAt, type).toBeNull();
      expect(path.brokeAt, type).toBeNull();
      expect(path.points[30]!.f, type).toBeLessThan(0.5);
      path.points.forEach((p) => expect(p.f).toBeCloseTo(bowl(p.x, p.y), 12));
    }
  });

  it("uses the book's learning rates for the book's four optimizers", () => {
    expect(PATH_LEARNING_RATES).toMatchObject({ sgd: 0.95, momentum: 0.1, adagrad: 1.5, adam: 0.3 });
  });

  it('SGD with lr 10 leaves the plot at step 1 and is drawn only up to the border', () => {
    // x₁ = −7 − 10·(−0.7) = 0, y₁ = 2 − 10·4 = −38; y₂ = −38 − 10·(−76) = 722: each step multiplies y by −19.
    const path = optimizerPath('sgd', 10);
    expect(path.points[1]!.x).toBeCloseTo(0, 12);
    expect(path.points[1]!.y).toBeCloseTo(-38, 12);
    expect(path.points[2]!.y).toBeCloseTo(722, 9);
    expect(path.leftAt).toBe(1);
    expect(path.brokeAt).toBeNull();
    const drawn = visiblePath(path);
    expect(drawn).toHaveLength(2);
    expect(drawn[0]).toEqual({ x: -7, y: 2 });
    // The segment (−7, 2) → (0, −38) meets y = −5 at t = 7/40: x = −7 + 7·7/40 = −5.775.
    expect(drawn[1]!.y).toBeCloseTo(PLOT_BOUNDS.yMin, 12);
    expect(drawn[1]!.x).toBeCloseTo(-5.775, 12);
  });

  it('a path whose numbers overflow stops at the last finite step', () => {
    // y_k = 2·(1 − 2·10⁶)ᵏ: f = y² passes 1.8·10³⁰⁸ at k = 25 (y₂₄² ≈ 1.1·10³⁰³, y₂₅² ≈ 4.5·10³¹⁵).
    const path = optimizerPath('sgd', 1e6);
    expect(path.leftAt).toBe(1);
    expect(path.brokeAt).toBe(25);
    expect(path.points).toHaveLength(25);
    expect(path.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.f))).toBe(true);
    expect(visiblePath(path).every((p) => insidePlot(p.x, p.y))).toBe(true);
  });

  it('refuses learning rates the optimizer does not accept, with a reason', () => {
    expect(checkLearningRate('sgd', 0.95)).toBeNull();
    expect(checkLearningRate('sgd', Number.NaN)).toBe('notNumber');
    expect(checkLearningRate('adam', 0)).toBe('notPositive');
    expect(checkLearningRate('adam', -0.3)).toBe('notPositive');
    expect(checkLearningRate('momentum', 2e6)).toBe('tooLarge');
    expect(() => optimizerPath('sgd', 0)).toThrow(/learning rate/);
    expect(() => optimizerPath('nope', 0.1)).toThrow(/unknown optimizer/);
  });
});

describe('contour lines', () => {
  it("every point of a level set has f equal to its level; the ellipse's half-axes are √(20c) and √c", () => {
    for (const level of CONTOUR_LEVELS) {
      const points = contourEllipse(level);
      expect(points.length).toBe(120);
      for (const p of points) expect(bowl(p.x, p.y)).toBeCloseTo(level, 12);
      expect(Math.max(...points.map((p) => p.x))).toBeCloseTo(Math.sqrt(20 * level), 12);
      expect(Math.max(...points.map((p) => p.y))).toBeCloseTo(Math.sqrt(level), 2);
    }
    // f = 5 touches the plot's left and right edges: x = ±√100 = ±10.
    expect(contourEllipse(5)[0]).toEqual({ x: 10, y: 0 });
  });

  it('has no line for level 0 or below (the minimum is a point) and levels around the start', () => {
    expect(contourEllipse(0)).toEqual([]);
    expect(contourEllipse(-1)).toEqual([]);
    expect(contourEllipse(Number.NaN)).toEqual([]);
    const start = bowl(-7, 2);
    expect(CONTOUR_LEVELS.some((c) => c < start) && CONTOUR_LEVELS.some((c) => c > start)).toBe(true);
  });
});
