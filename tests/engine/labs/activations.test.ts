// The initialization lab's histograms held to the book's §6.2 pictures, read from the bin counts:
// sigmoid with σ = 1 piles up at 0 and 1, with σ = 0.01 crowds at 0.5, with Xavier spreads; ReLU with
// σ = 0.01 collapses to 0 with depth while He keeps every layer alike. Plus exact reproducibility.

import { describe, expect, it } from 'vitest';
import { fractionBetween, histogramRange, niceCeiling, simulateActivations, type ActivationResult } from '../../../engine/labs/activations';

const run = (activation: 'sigmoid' | 'tanh' | 'relu', init: number | 'xavier' | 'he', seed = 1) => simulateActivations({ activation, init, seed });
const layer = (r: ActivationResult, k: number) => r.layers[k - 1]!;
/** Share of values within 0.1 of either end of the range. */
const atEnds = (r: ActivationResult, k: number) => fractionBetween(r, layer(r, k), r.lo, r.lo + 0.1) + fractionBetween(r, layer(r, k), r.hi - 0.1, r.hi);
const nonEmptyBins = (r: ActivationResult, k: number) => layer(r, k).counts.filter((c) => c > 0).length;
/** Share of the binned values in the first bin (the bin next to 0 for ReLU). */
const firstBin = (r: ActivationResult, k: number) => layer(r, k).counts[0]! / layer(r, k).binned;

describe("the book's experiment", () => {
  it('is 5 layers of 1,000 × 100 activations in 30 bins; sigmoid over (0, 1), tanh over (−1, 1)', () => {
    const r = run('sigmoid', 1);
    expect(r.layers).toHaveLength(5);
    for (const l of r.layers) {
      expect(l.total).toBe(100_000);
      expect(l.counts).toHaveLength(30);
      expect(l.counts.reduce((a, b) => a + b, 0)).toBe(100_000);
      expect(l.zeros).toBe(0);
    }
    expect([r.lo, r.hi]).toEqual([0, 1]);
    expect([run('tanh', 1).lo, run('tanh', 1).hi]).toEqual([-1, 1]);
    expect(r.weightStd).toBe(1);
    expect(run('sigmoid', 'xavier').weightStd).toBeCloseTo(0.1, 15); // √(1/100)
    expect(run('sigmoid', 'he').weightStd).toBeCloseTo(Math.SQRT2 / 10, 15); // √(2/100)
  });

  it('sigmoid, σ = 1: most activations sit at 0 and 1 (figure 6-10)', () => {
    const r = run('sigmoid', 1);
    for (let k = 1; k <= 5; k++) expect(atEnds(r, k)).toBeGreaterThan(0.6);
    expect(fractionBetween(r, layer(r, 5), 0.4, 0.6)).toBeLessThan(0.1);
  });

  it('sigmoid, σ = 0.01: every layer crowds at 0.5 (figure 6-11)', () => {
    const r = run('sigmoid', 0.01);
    for (let k = 1; k <= 5; k++) {
      expect(fractionBetween(r, layer(r, k), 0.4, 0.6)).toBeGreaterThan(0.95);
      expect(atEnds(r, k)).toBe(0);
      expect(nonEmptyBins(r, k)).toBeLessThanOrEqual(8); // of 30: the middle 0.4–0.6 is 6 bins
    }
  });

  it('sigmoid, Xavier: the activations spread over many bins, neither at the ends nor all at 0.5 (figure 6-13)', () => {
    const r = run('sigmoid', 'xavier');
    for (let k = 1; k <= 5; k++) {
      expect(nonEmptyBins(r, k)).toBeGreaterThanOrEqual(15);
      expect(atEnds(r, k)).toBeLessThan(0.1);
      expect(fractionBetween(r, layer(r, k), 0.4, 0.6)).toBeLessThan(0.8);
    }
    expect(layer(r, 5).std).toBeGreaterThan(5 * layer(run('sigmoid', 0.01), 5).std);
  });

  it('tanh: σ = 1 saturates at ±1, σ = 0.01 shrinks to 0 with depth, Xavier spreads', () => {
    const big = run('tanh', 1);
    expect(atEnds(big, 5)).toBeGreaterThan(0.6);
    const small = run('tanh', 0.01);
    expect(fractionBetween(small, layer(small, 5), -0.1, 0.1)).toBe(1);
    expect(layer(small, 5).std).toBeLessThan(1e-4);
    const xavier = run('tanh', 'xavier');
    expect(nonEmptyBins(xavier, 5)).toBeGreaterThanOrEqual(20);
    expect(atEnds(xavier, 5)).toBeLessThan(0.1);
  });

  it('ReLU, σ = 0.01: the activations collapse to 0 with depth; He keeps every layer spread (figure 6-14)', () => {
    const small = run('relu', 0.01);
    expect(firstBin(small, 1)).toBeLessThan(0.5);
    expect(firstBin(small, 5)).toBe(1);
    expect(layer(small, 5).std).toBeLessThan(1e-3 * layer(small, 1).std);

    const he = run('relu', 'he');
    for (let k = 1; k <= 5; k++) {
      expect(firstBin(he, k)).toBeLessThan(0.5);
      expect(nonEmptyBins(he, k)).toBeGreaterThanOrEqual(10);
      expect(layer(he, k).std / layer(he, 1).std).toBeGreaterThan(0.5);
      expect(layer(he, k).std / layer(he, 1).std).toBeLessThan(2);
    }
    // Xavier with ReLU shrinks layer by layer, slower than σ = 0.01.
    const xavier = run('relu', 'xavier');
    expect(layer(xavier, 5).std).toBeLessThan(0.5 * layer(xavier, 1).std);
    expect(firstBin(xavier, 5)).toBeGreaterThan(firstBin(xavier, 1));
  });

  it('ReLU counts its exact zeros apart (about half of all activations) and no value falls outside the range', () => {
    for (const init of [1, 0.01, 'xavier', 'he'] as const) {
      const r = run('relu', init);
      for (const l of r.layers) {
        expect(l.zeros + l.binned).toBe(l.total);
        expect(l.zeros / l.total).toBeGreaterThan(0.4);
        expect(l.zeros / l.total).toBeLessThan(0.6);
        expect(l.counts.reduce((a, b) => a + b, 0)).toBe(l.binned);
      }
      expect(r.lo).toBe(0);
    }
    expect(run('relu', 'he').hi).toBe(10);
  });
});

describe('reproducibility', () => {
  it('the same seed gives the same numbers exactly; another seed gives others', () => {
    const a = run('sigmoid', 'xavier', 7);
    const b = run('sigmoid', 'xavier', 7);
    expect(b).toEqual(a);
    const c = run('sigmoid', 'xavier', 8);
    expect(c.layers[0]!.counts).not.toEqual(a.layers[0]!.counts);
  });

  it("inits differ only by σ: ReLU is positively homogeneous, so layer k's spread scales by exactly (σ₁/σ₂)ᵏ", () => {
    const one = run('relu', 1, 3);
    const small = run('relu', 0.01, 3);
    for (let k = 1; k <= 5; k++) {
      const ratio = layer(small, k).std / layer(one, k).std;
      expect(ratio / 0.01 ** k).toBeCloseTo(1, 9);
      expect(layer(small, k).zeros).toBe(layer(one, k).zeros);
    }
  });

  it('refuses a seed that is not a whole number', () => {
    expect(() => simulateActivations({ activation: 'relu', init: 'he', seed: 1.5 })).toThrow(/seed/);
    expect(() => simulateActivations({ activation: 'relu', init: 'he', seed: -1 })).toThrow(/seed/);
  });
});

describe('ranges and fractions', () => {
  it("rounds ReLU's range up to 1, 2 or 5 × 10ᵏ", () => {
    expect(niceCeiling(0.41)).toBe(0.5);
    expect(niceCeiling(3.2)).toBe(5);
    expect(niceCeiling(5)).toBe(5);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(150_000)).toBe(200_000);
    expect(niceCeiling(0)).toBe(1);
    expect(histogramRange('relu', 7.3)).toEqual([0, 10]);
    expect(histogramRange('sigmoid', 99)).toEqual([0, 1]);
  });

  it('fractionBetween counts whole bins inside the interval', () => {
    const layerHist = { layer: 1, counts: [1, 2, 3, 4], binned: 10, zeros: 0, total: 10, mean: 0, std: 0 };
    const range = { lo: 0, hi: 1 };
    expect(fractionBetween(range, layerHist, 0, 0.25)).toBeCloseTo(0.1, 12);
    expect(fractionBetween(range, layerHist, 0.5, 1)).toBeCloseTo(0.7, 12);
    expect(fractionBetween(range, layerHist, 0.1, 0.6)).toBeCloseTo(0.2, 12); // only [0.25, 0.5] is whole
    expect(fractionBetween(range, { ...layerHist, counts: [0, 0, 0, 0], binned: 0 }, 0, 1)).toBe(0);
  });
});
