// The hyperparameter search's trials, held to the book (§6.5): lr = 10^U(−6, −2) and λ = 10^U(−8, −4)
// drawn log-uniformly, the same seed giving the same trials, every trial the book's 6×100 ReLU network
// on the book's split — the first 500 training samples shuffled once per search by its seed, 100 validating and 400 training, in
// mini-batches drawn with replacement — the test split never read.
// One trained pair shows why the search exists: lr 10⁻² learns within 50 epochs, lr 10⁻⁶ does not.

import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import {
  BOOK_SEARCH,
  checkSearch,
  DEFAULT_SEARCH,
  logUniform,
  MAX_TRIALS,
  sampleTrials,
  searchMembers,
  searchModel,
  shortScientific,
  trialExperiment,
  threeDigits,
  trialLabel,
  type SearchSettings,
} from '../../../engine/labs/search';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { Rng } from '../../../engine/rng';
import { Trainer, type EpochEvent } from '../../../engine/trainer';

const book: SearchSettings = { ...DEFAULT_SEARCH, trials: MAX_TRIALS, seed: 7 };

describe('log-uniform sampling', () => {
  it('stays inside the exponent range and spreads evenly over the decades', () => {
    const rng = new Rng(3, 'test');
    const exponents = Array.from({ length: 4000 }, () => Math.log10(logUniform(rng, { min: -6, max: -2 })));
    expect(Math.min(...exponents)).toBeGreaterThanOrEqual(-6);
    expect(Math.max(...exponents)).toBeLessThan(-2);
    // Each of the four decades holds about a quarter (1,000 ± 4.5σ, σ ≈ 27), which a uniform lr would not:
    // U(10⁻⁶, 10⁻²) puts 99.9 % of its draws in the top decade.
    const perDecade = [-6, -5, -4, -3].map((d) => exponents.filter((e) => e >= d && e < d + 1).length);
    perDecade.forEach((n) => expect(Math.abs(n - 1000)).toBeLessThan(125));
  });

  it('draws every trial within the book’s ranges: lr in [10⁻⁶, 10⁻²], λ in [10⁻⁸, 10⁻⁴], to 3 significant digits', () => {
    const trials = sampleTrials(book);
    expect(trials).toHaveLength(100);
    expect(trials.map((t) => t.index)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const t of trials) {
      expect(t.lr).toBeGreaterThanOrEqual(1e-6);
      expect(t.lr).toBeLessThanOrEqual(1e-2);
      expect(t.weightDecay).toBeGreaterThanOrEqual(1e-8);
      expect(t.weightDecay).toBeLessThanOrEqual(1e-4);
      // The label names the very value trained with.
      expect(Number(shortScientific(t.lr))).toBe(t.lr);
      expect(Number(shortScientific(t.weightDecay))).toBe(t.weightDecay);
    }
    // λ and lr are drawn independently: not the same exponent fraction.
    expect(trials.some((t) => Math.abs(Math.log10(t.lr) + 6 - (Math.log10(t.weightDecay) + 8)) > 0.5)).toBe(true);
  });

  it('is reproducible from the seed, and another seed gives other trials', () => {
    expect(sampleTrials(book)).toEqual(sampleTrials({ ...book }));
    const other = sampleTrials({ ...book, seed: 8 });
    expect(other.map((t) => t.lr)).not.toEqual(sampleTrials(book).map((t) => t.lr));
    // The first trials of a longer search are the trials of a shorter one (the stream is per search, in order).
    expect(sampleTrials({ ...book, trials: 5 })).toEqual(sampleTrials(book).slice(0, 5));
  });

  it('draws λ then lr from the search’s own stream, as the book does', () => {
    const rng = new Rng(7, 'hyperparameter-search');
    const weightDecay = Number((10 ** (-8 + 4 * rng.uniform())).toPrecision(3));
    const lr = Number((10 ** (-6 + 4 * rng.uniform())).toPrecision(3));
    expect(sampleTrials(book)[0]).toEqual({ index: 1, lr, weightDecay });
  });

  it('keeps 3 significant digits, so engines whose 10 ** x differ in the last bit draw the same trials', () => {
    // 10 ** x one ulp apart, as Node and Chromium were measured to give: the same kept value.
    const v = 0.0006753365144913459;
    const ulpBelow = 0.0006753365144913458;
    expect(ulpBelow).not.toBe(v);
    expect(threeDigits(v)).toBe(0.000675);
    expect(threeDigits(ulpBelow)).toBe(0.000675);
    expect(threeDigits(0.0099962)).toBe(0.01);
  });
});

describe('trial experiments', () => {
  it('are the book’s network: 6 hidden layers of 100 ReLU with He weights, then 10 scores', () => {
    const types = searchModel()
      .layers.map((l) => l.type)
      .join(' ');
    expect(types).toBe(`${'affine relu '.repeat(6)}affine softmax-with-loss`);
    const { plan } = validateExperiment(trialExperiment({ index: 1, lr: 1e-3, weightDecay: 1e-6 }, { epochs: 50, seed: 1 }));
    expect(plan.layers.filter((l) => l.type === 'affine').map((l) => l.outputShape[0])).toEqual([100, 100, 100, 100, 100, 100, 10]);
    expect(
      searchModel()
        .layers.filter((l) => l.type === 'affine')
        .every((l) => l.init === 'he'),
    ).toBe(true);
  });

  it('all validate on 100 of the first 500 training samples and train on the other 400, SGD, batch 100 drawn at random, with their own lr and λ', () => {
    const members = searchMembers(book);
    expect(members).toHaveLength(100);
    for (const m of members) {
      const { experiment } = validateExperiment(m.experiment);
      expect(experiment.data).toEqual({ source: 'mnist', trainLimit: 400, validation: 100, validationFrom: 'shuffled', splitSeed: 7 });
      expect(experiment.training).toEqual({
        optimizer: { type: 'sgd', lr: m.trial.lr },
        batchSize: 100,
        epochs: 50,
        weightDecay: m.trial.weightDecay,
        seed: 7,
        batches: 'random',
      });
      expect(m.label).toBe(trialLabel(m.trial));
    }
    expect(BOOK_SEARCH.trainLimit + BOOK_SEARCH.validation).toBe(500);
    expect(BOOK_SEARCH.validation / (BOOK_SEARCH.trainLimit + BOOK_SEARCH.validation)).toBe(0.2);
  });

  it('load the book’s split: the first 500 training samples, shuffled, 100 measured and the other 400 trained on, none twice', async () => {
    const experiment = searchMembers({ ...book, trials: 2 })[0]!.experiment;
    const full = await loadDataSource({ source: 'mnist' });
    const dataset = await loadDataSource(experiment.data);
    expect(dataset.evaluatedOn).toBe('validation');
    expect(dataset.train.count).toBe(400);
    expect(dataset.test.count).toBe(100);
    const d = 28 * 28;
    const key = (x: Uint8Array | Float32Array, i: number) => Array.from(x.subarray(i * d, (i + 1) * d)).join(',');
    const firstFiveHundred = Array.from({ length: 500 }, (_, i) => key(full.train.x, i)).sort();
    const used = [...Array.from({ length: 100 }, (_, i) => key(dataset.test.x, i)), ...Array.from({ length: 400 }, (_, i) => key(dataset.train.x, i))];
    expect(used.sort()).toEqual(firstFiveHundred);
    // shuffled: the validation share is not simply the first (nor the last) 100 of the 500
    expect(key(dataset.test.x, 0)).not.toBe(key(full.train.x, 0));
    expect(Array.from(dataset.test.y)).not.toEqual(Array.from(full.train.y.subarray(0, 100)));
    // one split for every trial of a search: it compares its trials on one validation set
    const secondTrial = await loadDataSource(searchMembers({ ...book, trials: 2 })[1]!.experiment.data);
    expect(Array.from(secondTrial.test.y)).toEqual(Array.from(dataset.test.y));
    expect(key(secondTrial.test.x, 0)).toBe(key(dataset.test.x, 0));
    // and another for another seed, as the book's script shuffles anew each time it runs: the same 500, other 100 validating
    const otherSearch = await loadDataSource(searchMembers({ ...book, seed: 99, trials: 2 })[0]!.experiment.data);
    const otherValidation = Array.from({ length: 100 }, (_, i) => key(otherSearch.test.x, i));
    const validation = new Set(Array.from({ length: 100 }, (_, i) => key(dataset.test.x, i)));
    expect(otherValidation.filter((k) => validation.has(k)).length).toBeLessThan(50);
    expect([...otherValidation, ...Array.from({ length: 400 }, (_, i) => key(otherSearch.train.x, i))].sort()).toEqual(firstFiveHundred);
  });

  it('label trials without words: "lr = 1.23e-3, λ = 4.56e-6"', () => {
    expect(shortScientific(0.00123)).toBe('1.23e-3');
    expect(shortScientific(4.56e-6)).toBe('4.56e-6');
    expect(trialLabel({ index: 1, lr: 0.00123, weightDecay: 4.56e-6 })).toBe('lr = 1.23e-3, λ = 4.56e-6');
  });

  it('refuse settings that cannot make a search, each with its own reason', () => {
    expect(checkSearch(DEFAULT_SEARCH)).toBeNull();
    expect(checkSearch({ ...DEFAULT_SEARCH, lr: { min: -2, max: -6 } })).toBe('lrOrder');
    expect(checkSearch({ ...DEFAULT_SEARCH, lr: { min: -3, max: -3 } })).toBe('lrOrder');
    expect(checkSearch({ ...DEFAULT_SEARCH, lr: { min: Number.NaN, max: -2 } })).toBe('lrRange');
    expect(checkSearch({ ...DEFAULT_SEARCH, lr: { min: -6, max: 3 } })).toBe('lrRange');
    expect(checkSearch({ ...DEFAULT_SEARCH, weightDecay: { min: -4, max: -8 } })).toBe('weightDecayOrder');
    expect(checkSearch({ ...DEFAULT_SEARCH, weightDecay: { min: -20, max: -4 } })).toBe('weightDecayRange');
    expect(checkSearch({ ...DEFAULT_SEARCH, trials: 101 })).toBe('trials');
    expect(checkSearch({ ...DEFAULT_SEARCH, trials: 1 })).toBe('trials');
    expect(checkSearch({ ...DEFAULT_SEARCH, trials: 2.5 })).toBe('trials');
    expect(checkSearch({ ...DEFAULT_SEARCH, epochs: 0 })).toBe('epochs');
    expect(checkSearch({ ...DEFAULT_SEARCH, seed: -1 })).toBe('seed');
    expect(searchMembers({ ...DEFAULT_SEARCH, trials: 0 })).toEqual([]);
  });
});

describe('the book’s search, two trials trained', () => {
  async function validationCurve(lr: number): Promise<EpochEvent[]> {
    const { experiment } = validateExperiment(trialExperiment({ index: 1, lr, weightDecay: 1e-6 }, { epochs: BOOK_SEARCH.epochs, seed: 1 }));
    const dataset = await loadDataSource(experiment.data);
    const trainer = new Trainer(new Network(experiment.model, { seed: 1 }), dataset, experiment.training);
    const epochs: EpochEvent[] = [];
    for (const event of trainer.run()) if (event.type === 'epoch') epochs.push(event);
    return epochs;
  }

  it('lr 10⁻² learns within 50 epochs; lr 10⁻⁶ stays near chance — the spread the book’s search shows', async () => {
    const good = await validationCurve(1e-2);
    const tiny = await validationCurve(1e-6);
    expect(good).toHaveLength(50);
    // Each figure is a count of the 100 validation samples.
    for (const e of [...good, ...tiny]) expect(Math.round(e.testAcc * 100)).toBeCloseTo(e.testAcc * 100, 9);
    expect(good.at(-1)!.testAcc).toBeGreaterThan(0.6);
    expect(tiny.at(-1)!.testAcc).toBeLessThan(0.3);
  }, 60_000);
});
