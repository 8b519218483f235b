// The initialization lab's renderer side: the MNIST comparison is lockstep (identical experiments but
// for the initial weights, the book's weight_init_compare settings), and a row of histograms shows the
// engine's own numbers for each layer.

import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import { simulateActivations } from '../../../engine/labs/activations';
import { checkInitRace, defaultInitRace, initRaceMembers } from '../../../renderer/labs/init/experiments';
import { formatStd, HIST_H, HIST_W, histogramBars, layerShare } from '../../../renderer/labs/init/histogramView';

describe('the MNIST comparison of initial weights', () => {
  it("differs only in every affine layer's init: same seed, data, batch, optimizer and shapes", () => {
    const members = initRaceMembers({ ...defaultInitRace, epochs: 1, trainLimit: 256, seed: 5 });
    expect(members.map((m) => m.label)).toEqual(['std 0.01', 'Xavier', 'He']);
    const inits = members.map((m) => m.experiment.model.layers.filter((l) => l.type === 'affine').map((l) => l.init));
    expect(inits).toEqual([
      [0.01, 0.01, 0.01, 0.01, 0.01],
      ['xavier', 'xavier', 'xavier', 'xavier', 'xavier'],
      ['he', 'he', 'he', 'he', 'he'],
    ]);
    const withoutInit = members.map(({ experiment }) => {
      const { name: _name, model, ...rest } = experiment;
      return { ...rest, layers: model.layers.map(({ init: _init, ...layer }) => layer), input: model.input };
    });
    for (const other of withoutInit) expect(other).toEqual(withoutInit[0]);
    expect(members[0]!.experiment.training).toEqual({ optimizer: { type: 'sgd', lr: 0.01 }, batchSize: 128, epochs: 1, weightDecay: 0, seed: 5 });
    expect(members[0]!.experiment.data).toEqual({ source: 'mnist', trainLimit: 256 });
    for (const m of members) {
      expect(m.workers).toBe(1);
      expect(() => validateExperiment(m.experiment)).not.toThrow();
    }
  });

  it("is the book's 5-layer network: 4 hidden layers of 100 ReLU units and the output layer", () => {
    const [member] = initRaceMembers(defaultInitRace);
    const layers = member!.experiment.model.layers;
    expect(layers.filter((l) => l.type === 'affine').map((l) => l.units)).toEqual([100, 100, 100, 100, 10]);
    expect(layers.filter((l) => l.type === 'relu')).toHaveLength(4);
    expect(layers[layers.length - 1]!.type).toBe('softmax-with-loss');
  });

  it('names what is wrong with its settings', () => {
    expect(checkInitRace(defaultInitRace)).toBeNull();
    expect(checkInitRace({ ...defaultInitRace, inits: [] })).toBe('noInit');
    expect(checkInitRace({ ...defaultInitRace, epochs: 101 })).toBe('epochs');
    expect(checkInitRace({ ...defaultInitRace, trainLimit: 0 })).toBe('trainLimit');
    expect(checkInitRace({ ...defaultInitRace, seed: Number.NaN })).toBe('seed');
  });
});

describe('a row of histograms', () => {
  it("shares at the ends for sigmoid, read from the bins; bars scaled to the row's tallest bin", () => {
    const result = simulateActivations({ activation: 'sigmoid', init: 1, seed: 1 });
    for (let k = 0; k < 5; k++) {
      expect(layerShare(result, k)).toBeGreaterThan(0.6);
      const bars = histogramBars(result, k);
      expect(bars.reduce((sum, b) => sum + b.count, 0)).toBe(100_000);
      for (const b of bars) {
        expect(b.y + b.height).toBeCloseTo(HIST_H, 9);
        expect(b.height).toBeLessThanOrEqual(HIST_H);
        expect(b.x + b.width).toBeLessThanOrEqual(HIST_W);
      }
    }
    const tallest = Math.max(...[0, 1, 2, 3, 4].flatMap((k) => histogramBars(result, k).map((b) => b.height)));
    expect(tallest).toBe(HIST_H);
    const middle = simulateActivations({ activation: 'sigmoid', init: 0.01, seed: 1 });
    expect(layerShare(middle, 4)).toBe(0);
  });

  it("shows ReLU's share of exact zeros", () => {
    const result = simulateActivations({ activation: 'relu', init: 'he', seed: 1 });
    expect(layerShare(result, 0)).toBe(result.layers[0]!.zeros / 100_000);
    expect(histogramBars(result, 0).reduce((sum, b) => sum + b.count, 0)).toBe(result.layers[0]!.binned);
  });

  it('writes standard deviations in three significant digits, powers of ten when tiny or huge', () => {
    expect(formatStd(0.13312)).toBe('0.133');
    expect(formatStd(15400.2)).toBe('1.54e+4');
    expect(formatStd(0.0000154)).toBe('1.54e-5');
    expect(formatStd(0)).toBe('0');
  });
});
