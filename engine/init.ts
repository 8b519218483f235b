// Initial weights (book §6.2): W ~ N(0, σ²) with σ fixed (1, 0.01…), Xavier's σ = √(1/n) for
// sigmoid and tanh, or He's σ = √(2/n) for ReLU, where n is the number of inputs feeding one unit.
// Biases start at zero, BatchNorm's gamma at one and beta at zero, as in the book.

import type { Rng } from './rng';
import type { Tensor } from './tensor';

export type InitSetting = 'he' | 'xavier' | number;

export function initStd(init: InitSetting, fanIn: number): number {
  if (init === 'he') return Math.sqrt(2 / fanIn);
  if (init === 'xavier') return Math.sqrt(1 / fanIn);
  return init;
}

export function fillNormal(t: Tensor, std: number, rng: Rng): void {
  for (let i = 0; i < t.size; i++) t.data[i] = std * rng.normal();
}
