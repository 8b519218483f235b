// The optimizer lab's renderer side: the MNIST race is lockstep (identical experiments but for the
// optimizer, the book's settings), and the plot and table show the engine's paths honestly — the first
// SGD step as the table writes it, a run-away path cut at the border with a sentence instead of numbers.

import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import { formatNumber } from '../../../renderer/i18n/translate';
import { optimizerPath } from '../../../engine/labs/optimizerPaths';
import { checkRace, defaultRace, mnistLearningRate, raceMembers } from '../../../renderer/labs/optimizers/experiments';
import { CONTOUR_POLYGONS, drawPath, formatCoordinate, MARGIN, pathNote, px, py, VIEW_H, VIEW_W } from '../../../renderer/labs/optimizers/plotGeometry';

describe('the MNIST race', () => {
  const all = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adadelta', 'adam', 'nadam'];

  it('runs the same experiment for every optimizer: same seed, data, batch and network', () => {
    const members = raceMembers({ ...defaultRace, optimizers: all, epochs: 2, trainLimit: 500, seed: 42 });
    expect(members.map((m) => m.experiment.training.optimizer.type)).toEqual(all);
    const withoutOptimizer = members.map(({ experiment }) => {
      const { name: _name, training, ...rest } = experiment;
      const { optimizer: _optimizer, ...schedule } = training;
      return { ...rest, schedule };
    });
    for (const other of withoutOptimizer) expect(other).toEqual(withoutOptimizer[0]);
    const first = members[0]!.experiment;
    expect(first.training).toMatchObject({ batchSize: 128, epochs: 2, seed: 42, weightDecay: 0 });
    expect(first.data).toEqual({ source: 'mnist', trainLimit: 500 });
    for (const m of members) {
      expect(m.workers).toBe(1);
      expect(() => validateExperiment(m.experiment)).not.toThrow();
    }
  });

  it("is the book's network and learning rates (optimizer_compare_mnist.py)", () => {
    const [sgd] = raceMembers(defaultRace);
    const affine = sgd!.experiment.model.layers.filter((l) => l.type === 'affine');
    expect(affine.map((l) => l.units)).toEqual([100, 100, 100, 100, 10]);
    expect(sgd!.experiment.model.layers.filter((l) => l.type === 'relu')).toHaveLength(4);
    expect(affine.every((l) => l.init === 'he')).toBe(true);
    expect(raceMembers(defaultRace).map((m) => [m.label, m.experiment.training.optimizer.lr])).toEqual([
      ['SGD', 0.01],
      ['Momentum', 0.01],
      ['AdaGrad', 0.01],
      ['Adam', 0.001],
    ]);
    expect(mnistLearningRate('nadam')).toBe(0.002);
  });

  it('names what is wrong with its settings', () => {
    expect(checkRace(defaultRace)).toBeNull();
    expect(checkRace({ ...defaultRace, optimizers: [] })).toBe('noOptimizer');
    expect(checkRace({ ...defaultRace, epochs: 0 })).toBe('epochs');
    expect(checkRace({ ...defaultRace, epochs: Number.NaN })).toBe('epochs');
    expect(checkRace({ ...defaultRace, trainLimit: 9000 })).toBe('trainLimit');
    expect(checkRace({ ...defaultRace, seed: -1 })).toBe('seed');
  });
});

const num = (value: number, digits?: number) => formatNumber('en', value, digits);

describe('the path table and plot', () => {
  it("writes SGD's first step as −6.335, −1.8 (to 4 decimals)", () => {
    const first = optimizerPath('sgd', 0.95).points[1]!;
    expect([formatCoordinate(first.x, num), formatCoordinate(first.y, num)]).toEqual(['-6.335', '-1.8']);
    expect(formatCoordinate(-5.733175, num)).toBe('-5.7332');
    // AdaGrad's y after 30 steps is tiny but not 0: it is not rounded to a 0 it has not reached.
    const adagradY = optimizerPath('adagrad', 1.5).points[30]!.y;
    expect(adagradY).not.toBe(0);
    expect(Math.abs(adagradY)).toBeLessThan(5e-5);
    expect(formatCoordinate(adagradY, num)).toMatch(/^-?\d\.\d{2}e-\d+$/);
    expect(formatCoordinate(0, num)).toBe('0');
  });

  it('says where a path left the plot, and writes its huge coordinates in powers of ten', () => {
    const runaway = optimizerPath('sgd', 10);
    expect(pathNote(runaway)).toEqual({ key: 'leftPlot', step: 1 });
    // y₃₀ = 2·(−19)³⁰ = 4.61·10³⁸
    expect(formatCoordinate(runaway.points[30]!.y, num)).toBe('4.61e+38');
    expect(pathNote(optimizerPath('sgd', 1e6))).toEqual({ key: 'overflowed', step: 25, left: 1 });
    expect(pathNote(optimizerPath('adam', 0.3))).toBeNull();
  });

  it("draws every contour and cuts a run-away path at the plot's border", () => {
    expect(CONTOUR_POLYGONS).toHaveLength(10);
    expect([VIEW_W, VIEW_H]).toEqual([604, 316]);
    // (0, 0) is the plot's centre; (−10, 5) its top-left corner.
    expect([px(0), py(0)]).toEqual([MARGIN.left + 280, MARGIN.top + 140]);
    expect([px(-10), py(5)]).toEqual([MARGIN.left, MARGIN.top]);
    const calm = drawPath(optimizerPath('sgd', 0.95), 1);
    expect(calm.line.split(' ')).toHaveLength(31);
    expect(calm.dots).toHaveLength(31);
    expect(calm.at).toEqual({ cx: px(-6.335), cy: py(-1.8) });
    for (const lr of [10, 1e6]) {
      const wild = drawPath(optimizerPath('momentum', lr), 30);
      expect(wild.at).toBeNull();
      for (const pair of wild.line.split(' ')) {
        const [x, y] = pair.split(',').map(Number);
        expect(x).toBeGreaterThanOrEqual(MARGIN.left - 1e-9);
        expect(x).toBeLessThanOrEqual(MARGIN.left + 560 + 1e-9);
        expect(y).toBeGreaterThanOrEqual(MARGIN.top - 1e-9);
        expect(y).toBeLessThanOrEqual(MARGIN.top + 280 + 1e-9);
      }
    }
  });
});
