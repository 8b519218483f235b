// The optimizer and initialization labs in Debian's Chromium, through the web host: the path table's
// first SGD step is the book's hand-computed (−6.335, −1.8), a run-away learning rate gets a sentence,
// a tiny lockstep MNIST race finishes in the runs table with experiments that differ only in the
// optimizer (or the initial weights), and the histograms' numbers are the engine's for the chosen
// activation, initial weights and seed. Screenshots go to docs/ only when DLAB_SCREENSHOTS=1.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Experiment } from '../../engine/experiment';
import { simulateActivations, type ActivationName } from '../../engine/labs/activations';
import type { InitSetting } from '../../engine/init';
import { formatStd, layerShare } from '../../renderer/labs/init/histogramView';
import { openLab, type E2ELab } from './harness';
import { ChapterLab } from './labPages';

const docs = new URL('../../docs/', import.meta.url).pathname;
const shot = (name: string): string => join(process.env.DLAB_SCREENSHOTS === '1' ? docs : e.dir, name);
let e: E2ELab;

beforeAll(async () => {
  e = await openLab({ workers: 2 });
});
afterAll(async () => {
  await e?.close();
});

/** An experiment with the named parts taken out, to compare the rest. */
function without(experiment: Experiment, drop: (x: Experiment) => Experiment): string {
  return JSON.stringify(drop(structuredClone(experiment)));
}

describe('chapter 6 labs: optimizers and initial weights', () => {
  it("shows each optimizer's path, the first SGD step as the book computes it, and a sentence for a run-away rate", async () => {
    const lab = new ChapterLab(e.page, 'optimizers');
    await lab.open();
    // The book's four are shown; the plot has their four paths and ten contour lines.
    await expect.poll(() => e.page.getByTestId(/^lab\.optimizers\.plot\.\w+$/).count()).toBe(4);
    expect(await e.page.locator('[data-testid="lab.optimizers.plot"] polygon').count()).toBe(10);

    await lab.by('lab.optimizers.step').fill('1');
    expect(await lab.text('lab.optimizers.step.value')).toBe('Step 1 of 30');
    // x₁ = −7 − 0.95·(−0.7) = −6.335, y₁ = 2 − 0.95·4 = −1.8
    expect(await lab.text('lab.optimizers.path.sgd.x')).toBe('-6.335');
    expect(await lab.text('lab.optimizers.path.sgd.y')).toBe('-1.8');
    // Momentum: v₁ = −0.1·(−0.7, 4) → (−6.93, 1.6)
    expect(await lab.text('lab.optimizers.path.momentum.x')).toBe('-6.93');
    expect(await lab.text('lab.optimizers.path.momentum.y')).toBe('1.6');

    await lab.by('lab.optimizers.path.nesterov.show').check();
    await expect.poll(() => e.page.getByTestId(/^lab\.optimizers\.plot\.\w+$/).count()).toBe(5);

    await lab.by('lab.optimizers.path.sgd.lr').fill('10');
    expect(await lab.text('lab.optimizers.path.sgd.note')).toBe('The path left the plot at step 1: this learning rate is too large.');
    expect(await lab.text('lab.optimizers.path.sgd.y')).toBe('-38');
    await lab.by('lab.optimizers.path.sgd.lr').fill('-1');
    expect(await lab.text('lab.optimizers.path.sgd.note')).toBe('The learning rate must be greater than 0.');
    await lab.by('lab.optimizers.path.sgd.lr').fill('0.95');
    expect(await lab.text('lab.optimizers.path.sgd.note')).toBe('');
    await lab.by('lab.optimizers.step').fill('30');
    expect(e.errors).toEqual([]);
  });

  it('races two optimizers on MNIST in lockstep: the same experiment but for the optimizer', async () => {
    const lab = new ChapterLab(e.page, 'optimizers');
    await lab.by('lab.optimizers.race.momentum').uncheck();
    await lab.by('lab.optimizers.race.adagrad').uncheck();
    await lab.by('lab.optimizers.race.epochs').fill('0');
    expect(await lab.text('lab.optimizers.race.problem')).toBe('Epochs must be a whole number from 1 to 100.');
    expect(await lab.by('lab.optimizers.race.run').isDisabled()).toBe(true);
    await lab.by('lab.optimizers.race.epochs').fill('1');
    await lab.by('lab.optimizers.race.trainLimit').fill('512');
    await lab.by('lab.optimizers.race.run').click();
    const ids = await lab.waitForDoneRuns(2);

    const runs = await Promise.all(ids.map((id) => e.lab.service.api.getRun(id)));
    expect(runs.map((r) => r.name)).toEqual(['Optimizers — SGD', 'Optimizers — Adam']);
    expect(runs.map((r) => r.experiment.training.optimizer)).toEqual([
      { type: 'sgd', lr: 0.01 },
      { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 },
    ]);
    const rest = runs.map((r) => without(r.experiment, (x) => ({ ...x, name: '', training: { ...x.training, optimizer: { type: '' } } })));
    expect(rest[1]).toBe(rest[0]);
    expect(runs[0]!.experiment.training).toMatchObject({ batchSize: 128, epochs: 1, seed: 1 });
    // 512 images in batches of 128: 4 iterations each, and the chart overlays both.
    expect(runs.map((r) => r.losses.length)).toEqual([4, 4]);
    await lab.by('lab.optimizers.loss').waitFor();
    await lab.by('lab.optimizers.paths').scrollIntoViewIfNeeded();
    await lab.by('lab.back').scrollIntoViewIfNeeded();
    await e.page.screenshot({ path: shot('lab-optimizers.png'), fullPage: true });
    expect(e.errors).toEqual([]);
  });

  it("draws the activations of each layer and shows the engine's numbers for the chosen activation, init and seed", async () => {
    const lab = new ChapterLab(e.page, 'init');
    await lab.open();
    const expected = (activation: ActivationName, init: InitSetting, seed: number, layer: number) => {
      const result = simulateActivations({ activation, init, seed });
      const share = layerShare(result, layer - 1) * 100;
      return { std: `std ${formatStd(result.layers[layer - 1]!.std)}`, share: `${share.toLocaleString('en-US', { maximumFractionDigits: 1 })}%` };
    };
    // Sigmoid, σ = 1: the fifth layer's activations pile up at the ends.
    const sig = expected('sigmoid', 1, 1, 5);
    expect(await lab.text('lab.init.row.1.layer.5.std')).toBe(sig.std);
    expect(await lab.text('lab.init.row.1.layer.5.share')).toBe(`ends ${sig.share}`);
    expect(Number.parseFloat(sig.share)).toBeGreaterThan(60);
    await expect.poll(() => e.page.locator('[data-testid="lab.init.histograms"] .init-row').count()).toBe(4);

    await lab.by('lab.init.activation.relu').check();
    const he = expected('relu', 'he', 1, 5);
    const small = expected('relu', 0.01, 1, 5);
    await expect.poll(() => lab.text('lab.init.row.he.layer.5.std')).toBe(he.std);
    expect(await lab.text('lab.init.row.he.layer.5.share')).toBe(`zero ${he.share}`);
    expect(await lab.text('lab.init.row.0.01.layer.5.std')).toBe(small.std);
    await e.page.screenshot({ path: join(e.dir, 'lab-init-relu.png') });

    await lab.by('lab.init.show.1').uncheck();
    await lab.by('lab.init.show.xavier').uncheck();
    await expect.poll(() => e.page.locator('[data-testid="lab.init.histograms"] .init-row').count()).toBe(2);

    await lab.by('lab.init.seed').fill('2');
    const seed2 = expected('relu', 'he', 2, 5);
    expect(seed2.std).not.toBe(he.std);
    await expect.poll(() => lab.text('lab.init.row.he.layer.5.std')).toBe(seed2.std);
    await lab.by('lab.init.seed').fill('two');
    expect(await lab.text('lab.init.seed.problem')).toBe('The seed must be a whole number from 0 to 4294967295.');
    await lab.by('lab.init.seed').fill('1');
    await lab.by('lab.init.show.1').check();
    await lab.by('lab.init.show.xavier').check();
    await lab.by('lab.init.activation.sigmoid').check();
    expect(e.errors).toEqual([]);
  });

  it('compares two initial weights on MNIST in lockstep: the same experiment but for the init', async () => {
    const lab = new ChapterLab(e.page, 'init');
    await lab.by('lab.init.race.xavier').uncheck();
    await lab.by('lab.init.race.epochs').fill('1');
    await lab.by('lab.init.race.trainLimit').fill('256');
    await lab.by('lab.init.race.run').click();
    const ids = await lab.waitForDoneRuns(2);
    const runs = await Promise.all(ids.map((id) => e.lab.service.api.getRun(id)));
    expect(runs.map((r) => r.name)).toEqual(['Weight initialization — std 0.01', 'Weight initialization — He']);
    expect(runs.map((r) => r.experiment.model.layers.filter((l) => l.type === 'affine').map((l) => l.init))).toEqual([
      [0.01, 0.01, 0.01, 0.01, 0.01],
      ['he', 'he', 'he', 'he', 'he'],
    ]);
    const rest = runs.map((r) =>
      without(r.experiment, (x) => ({ ...x, name: '', model: { ...x.model, layers: x.model.layers.map(({ init: _init, ...l }) => l) } })),
    );
    expect(rest[1]).toBe(rest[0]);
    await lab.by('lab.init.loss').waitFor();
    await lab.by('lab.back').scrollIntoViewIfNeeded();
    await e.page.screenshot({ path: shot('lab-init.png'), fullPage: true });
    expect(e.errors).toEqual([]);
  });

  it("speaks Korean with the book's terms", async () => {
    await e.page.getByTestId('lang.ko').click();
    const init = new ChapterLab(e.page, 'init');
    expect(await init.text('lab.init.row.1.layer.5.std')).toMatch(/^표준편차 \d/);
    await e.page.screenshot({ path: join(e.dir, 'lab-init-ko.png') });
    const lab = new ChapterLab(e.page, 'optimizers');
    await lab.open();
    expect(await lab.text('lab.optimizers.step.value')).toBe('30단계 중 30단계');
    await lab.by('lab.optimizers.path.sgd.lr').fill('10');
    expect(await lab.text('lab.optimizers.path.sgd.note')).toBe('1단계에서 경로가 그림 밖으로 나갔습니다. 학습률이 너무 큽니다.');
    await e.page.screenshot({ path: join(e.dir, 'lab-optimizers-ko.png') });
    console.log(`Korean screenshots in ${e.dir}`);
    await e.page.getByTestId('lang.en').click();
    expect(e.errors).toEqual([]);
  });
});
