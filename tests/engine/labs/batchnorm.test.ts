// The Batch Normalization lab's grid, held to the book's batch_norm_test (§6.3.2): 16 weight scales
// from exactly 1 to exactly 1e-4, evenly spaced in log, a BatchNorm layer after every hidden Affine
// and nowhere else, and each pair sharing its seed, data and — checked on real networks — initial weights.

import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import {
  batchnormExperiment,
  batchnormGrid,
  BOOK_BATCHNORM,
  formatScale,
  gridLabel,
  logspace,
  parseGridLabel,
  weightScales,
} from '../../../engine/labs/batchnorm';
import { Network } from '../../../engine/network';

describe('weight scales', () => {
  it('are the book’s np.logspace(0, -4, num=16): exactly 1 down to exactly 1e-4, evenly spaced in log', () => {
    const scales = weightScales(16);
    expect(scales).toHaveLength(16);
    expect(scales[0]).toBe(1);
    expect(scales[15]).toBe(1e-4);
    const ratios = scales.slice(1).map((s, i) => Math.log10(s / scales[i]!));
    ratios.forEach((r) => expect(r).toBeCloseTo(-4 / 15, 12));
    // numpy: np.logspace(0, -4, 16)[1] = 0.5411695265464637, [5] = 0.0464158883361278
    expect(scales[1]).toBeCloseTo(0.5411695265464637, 15);
    expect(scales[5]).toBeCloseTo(0.0464158883361278, 15);
    expect(weightScales()).toEqual(scales);
  });

  it('land on whole powers of ten exactly for smaller grids, and refuse a grid of no points', () => {
    expect(weightScales(5)).toEqual([1, 0.1, 0.01, 0.001, 1e-4]);
    expect(weightScales(2)).toEqual([1, 1e-4]);
    expect(logspace(0, -4, 1)).toEqual([1]);
    expect(() => logspace(0, -4, 0)).toThrow(RangeError);
  });

  it('are written to three significant digits, and labels read back to their scale', () => {
    expect(weightScales(16).map(formatScale)).toEqual([
      '1',
      '0.541',
      '0.293',
      '0.158',
      '0.0858',
      '0.0464',
      '0.0251',
      '0.0136',
      '0.00736',
      '0.00398',
      '0.00215',
      '0.00117',
      '0.000631',
      '0.000341',
      '0.000185',
      '0.0001',
    ]);
    expect(gridLabel(0.0464158883361278, true)).toBe('W:0.0464 · BN');
    expect(gridLabel(1e-4, false)).toBe('W:0.0001');
    expect(parseGridLabel('W:0.0464 · BN')).toEqual({ scale: 0.0464, batchNorm: true });
    expect(parseGridLabel('W:1')).toEqual({ scale: 1, batchNorm: false });
    expect(parseGridLabel('Adam')).toBeNull();
    expect(parseGridLabel('W:-1')).toBeNull();
  });
});

describe('the grid', () => {
  it('is 32 runs for the book’s 16 scales: each scale with BatchNorm, then without', () => {
    const grid = batchnormGrid({ scales: 16, epochs: BOOK_BATCHNORM.epochs });
    expect(grid).toHaveLength(32);
    expect(grid.map((m) => m.batchNorm)).toEqual(Array.from({ length: 32 }, (_, i) => i % 2 === 0));
    expect(grid.filter((m) => m.batchNorm).map((m) => m.scale)).toEqual(weightScales(16));
    expect(new Set(grid.map((m) => m.label)).size).toBe(32);
    grid.forEach((m) => expect(() => validateExperiment(m.experiment)).not.toThrow());
  });

  it('trains the book’s setup: 1,000 samples, SGD 0.01, batch 100, 20 epochs, every Affine initialised at the scale', () => {
    const e = batchnormExperiment(0.01, true, 20);
    expect(e.data).toEqual({ source: 'mnist', trainLimit: 1000 });
    expect(e.training).toEqual({ optimizer: { type: 'sgd', lr: 0.01 }, batchSize: 100, epochs: 20, weightDecay: 0, seed: 1 });
    const affines = e.model.layers.filter((l) => l.type === 'affine');
    expect(affines.map((l) => [l.units, l.init])).toEqual([
      [100, 0.01],
      [100, 0.01],
      [100, 0.01],
      [100, 0.01],
      [100, 0.01],
      [10, 0.01],
    ]);
  });

  it('puts BatchNorm after every hidden Affine and only there; the plain twin has none', () => {
    const withBn = batchnormExperiment(0.1, true, 3)
      .model.layers.map((l) => l.type)
      .join(' ');
    const without = batchnormExperiment(0.1, false, 3)
      .model.layers.map((l) => l.type)
      .join(' ');
    expect(withBn).toBe(`${'affine batchnorm relu '.repeat(5)}affine softmax-with-loss`);
    expect(without).toBe(`${'affine relu '.repeat(5)}affine softmax-with-loss`);
  });

  it('gives each pair the same seed, data and training, and so the same initial weights', () => {
    const grid = batchnormGrid({ scales: 4, epochs: 2, seed: 7 });
    for (let i = 0; i < grid.length; i += 2) {
      const [bn, plain] = [grid[i], grid[i + 1]];
      expect(bn!.scale).toBe(plain!.scale);
      expect(bn!.experiment.training).toEqual(plain!.experiment.training);
      expect(bn!.experiment.data).toEqual(plain!.experiment.data);
      expect(bn!.experiment.training.seed).toBe(7);
    }
    const [bn, plain] = grid.slice(2, 4).map((m) => new Network(m.experiment.model, { seed: m.experiment.training.seed })) as [Network, Network];
    expect(Object.keys(bn.params).filter((k) => /^[Wb]\d$/.test(k))).toEqual(Object.keys(plain.params));
    expect(Object.keys(plain.params)).toHaveLength(12);
    for (const name of Object.keys(plain.params)) expect(Array.from(bn.params[name]!.data)).toEqual(Array.from(plain.params[name]!.data));
    expect(Object.keys(bn.params).filter((k) => k.startsWith('gamma'))).toHaveLength(5);
  });
});
