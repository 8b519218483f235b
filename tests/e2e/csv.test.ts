// Your own table in the browser, as a learner does it: "Your data…", the path of a CSV file typed (the
// web host has no native dialog, and a file picked in a browser has no path), the preview's refusal of a
// text column and the one-hot choice that fixes it, the label column picked, a seeded run trained, and
// the class names — not 0, 1, 2 — in the confusion matrix.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';
import { LabPage } from './pages';

let e: E2ELab;
let lab: LabPage;

beforeAll(async () => {
  e = await openLab({ workers: 1 });
  lab = new LabPage(e.page, e.dir);
});
afterAll(async () => {
  await e?.close();
});

/** A small MLP, opened on a toy set first: the table's shape replaces the input once it is picked. */
const mlp = {
  format: 'dlab-experiment',
  version: 1,
  name: 'fruit e2e',
  model: {
    input: [2],
    layers: [{ type: 'affine', units: 8, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }],
  },
  data: { source: 'blobs' },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 20, seed: 3 },
};

describe('a CSV table of your own', () => {
  it('picked by path, its label chosen, trained, and its class names in the confusion matrix', async () => {
    const csv = join(e.dir, 'fruit.csv');
    copyFileSync(new URL('../main/data/fruit.csv', import.meta.url).pathname, csv);
    await lab.openExperiment(mlp, 'fruit.dlab.json');
    await lab.id('inspector.tab.data').click();
    await lab.id('form.dataset').selectOption('csv');
    expect(await lab.id('form.yourData').count()).toBe(0); // no native dialog in a browser: the path is typed (or the file uploaded)
    await lab.id('form.field.csvFile').fill(csv);

    // The table is shown with the sentence that keeps it from training: a text column.
    await lab.id('form.preview.table').waitFor();
    await expect
      .poll(async () => lab.id('form.preview.error').textContent())
      .toBe('fruit.csv row 2, column "colour": "red" is not a number; a feature column must hold numbers (or choose one-hot for a text column).');
    expect(await lab.id('form.preview.form').textContent()).toBe('90 rows · 4 columns · semicolon (detected) · first line names the columns (detected)');
    expect(await lab.id('form.preview.column.2').textContent()).toContain('colour');
    expect((await lab.id('form.preview.classes').textContent())?.replace(/\s+/g, ' ')).toContain('apple30lemon30plum30');

    await lab.id('form.preview.table').scrollIntoViewIfNeeded();
    await e.page.screenshot({ path: join(process.env.DLAB_SCREENSHOTS === '1' ? new URL('../../docs/', import.meta.url).pathname : e.dir, 'csv-preview.png') });
    await lab.id('form.csv.oneHot.2').check();
    await lab.id('form.csv.label').selectOption('kind');
    await expect.poll(async () => lab.id('form.preview.error').count()).toBe(0);

    await lab.train(1);
    expect(await lab.finalTestAccuracy()).toBe('1.0000'); // 18/18 for this seed, as `dlab train` gives it
    await lab.id('dashboard.confusion.matrix').waitFor({ timeout: 30_000 });
    const header = await lab.id('dashboard.confusion.matrix').locator('thead th').allTextContents();
    expect(header.slice(1, 4)).toEqual(['apple', 'lemon', 'plum']);
    // The run's own test split: 6 rows of each class.
    expect(await lab.id('dashboard.confusion.matrix.0.0').textContent()).toBe('6');
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });

  it('the same path with one cell changed is other data: Compare says so beside the settings', async () => {
    const csv = join(e.dir, 'fruit.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/\r\n(\d)/, '\r\n9'));
    await lab.go('build');
    await lab.train(1);
    await lab.finalTestAccuracy();
    await lab.go('runs');
    const rows = e.page.getByTestId(/^runs\.row\.\d+$/);
    await expect.poll(() => rows.count()).toBe(2);
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.split('.')[2]));
    for (const id of ids) await lab.id(`runs.row.${id}.select`).check();
    await lab.id('runs.compare').click();
    const diff = lab.id('compare.diff.data files');
    await diff.waitFor();
    const cells = (await diff.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells).toHaveLength(2);
    for (const cell of cells) expect(cell).toMatch(/^fruit\.csv \d+\.\d KB sha256 [0-9a-f]{8}$/);
    expect(cells[0]).not.toBe(cells[1]);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
