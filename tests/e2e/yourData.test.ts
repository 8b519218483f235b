// Your own data dropped onto the window, in a real browser over the web host: real dragenter, dragover
// and drop events carrying real Files in a DataTransfer. A browser gives no path, so the page uploads
// what was dropped into the lab's data folder. A CSV table: the drop target shows while dragging, the
// label is picked, a seeded run trains, the confusion matrix names the classes. A folder of PNGs (made
// here with sharp): the preview shows its classes with their counts and the size found, and it trains.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { JSHandle } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';
import { LabPage } from './pages';

let e: E2ELab;
let lab: LabPage;
const cacheBefore = process.env.DLAB_CACHE_DIR;

beforeAll(async () => {
  e = await openLab({ workers: 1 });
  // The web host runs in this process: the prepared images go to the test's folder, not the user's.
  process.env.DLAB_CACHE_DIR = join(e.dir, 'cache');
  lab = new LabPage(e.page, e.dir);
});
afterAll(async () => {
  await e?.close();
  if (cacheBefore === undefined) delete process.env.DLAB_CACHE_DIR;
  else process.env.DLAB_CACHE_DIR = cacheBefore;
});

const mlp = (input: number[], classes: number) => ({
  format: 'dlab-experiment',
  version: 1,
  name: 'dropped data e2e',
  model: {
    input,
    layers: [{ type: 'affine', units: 8, init: 'he' }, { type: 'relu' }, { type: 'affine', units: classes, init: 'xavier' }, { type: 'softmax-with-loss' }],
  },
  data: { source: 'blobs' },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 20, seed: 3 },
});

/** Drags a DataTransfer over the page and drops it, as the browser does: enter, over, drop, on the page's body. */
async function dropOnPage(transfer: JSHandle<DataTransfer>): Promise<void> {
  await e.page.dispatchEvent('.build-page__body', 'dragenter', { dataTransfer: transfer });
  await e.page.dispatchEvent('.build-page__body', 'dragover', { dataTransfer: transfer });
  // While a file is over the window, the page shows where it goes.
  await lab.id('data.dropTarget').waitFor();
  if (process.env.DLAB_SCREENSHOTS === '1') await e.page.screenshot({ path: new URL('../../docs/drop-target.png', import.meta.url).pathname });
  await e.page.dispatchEvent('.build-page__body', 'drop', { dataTransfer: transfer });
  await lab.id('data.dropTarget').waitFor({ state: 'detached' });
}

describe('your own data dropped onto the window', () => {
  it('a CSV file: dropped, its label picked, trained, its class names in the confusion matrix', async () => {
    await lab.openExperiment(mlp([2], 3), 'dropped.dlab.json');
    const text = readFileSync(new URL('../main/data/fruit.csv', import.meta.url).pathname, 'utf8');
    const transfer = await e.page.evaluateHandle((csv) => {
      const data = new DataTransfer();
      data.items.add(new File([csv], 'fruit.csv', { type: 'text/csv' }));
      return data;
    }, text);
    await dropOnPage(transfer);

    // The data tab comes forward with the lab's copy of the table as the source.
    await expect
      .poll(async () => lab.id('form.field.csvFile').inputValue(), { timeout: 20_000 })
      .toMatch(/[\\/]data[\\/]uploads[\\/][0-9a-f]{16}[\\/]fruit\.csv$/);
    expect(readFileSync((await lab.id('form.field.csvFile').inputValue()).trim(), 'utf8')).toBe(text);
    await lab.id('form.preview.table').waitFor();
    await expect.poll(async () => lab.id('form.preview.error').textContent()).toContain('"colour": "red" is not a number');
    await lab.id('form.csv.oneHot.2').check();
    await lab.id('form.csv.label').selectOption('kind');
    await expect.poll(async () => lab.id('form.preview.error').count()).toBe(0);

    await lab.train(1);
    expect(await lab.finalTestAccuracy()).toBe('1.0000'); // the same table and seed as tests/e2e/csv.test.ts typed by path
    await lab.id('dashboard.confusion.matrix').waitFor({ timeout: 30_000 });
    const header = await lab.id('dashboard.confusion.matrix').locator('thead th').allTextContents();
    expect(header.slice(1, 4)).toEqual(['apple', 'lemon', 'plum']);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });

  it('a folder of PNGs: dropped, its classes with their counts and the size found, then trained, and an image of your own judged', async () => {
    const folder = join(e.dir, 'shades');
    for (const [name, base] of [
      ['dark', 40],
      ['light', 210],
    ] as const) {
      mkdirSync(join(folder, name), { recursive: true });
      for (let i = 0; i < 10; i++) {
        const pixels = Buffer.alloc(8 * 6, base + ((i * 7) % 30));
        // b-w: sharp writes one raw channel as an RGB PNG unless told it is grey.
        await sharp(pixels, { raw: { width: 8, height: 6, channels: 1 } })
          .toColourspace('b-w')
          .png()
          .toFile(join(folder, name, `${i}.png`));
      }
    }
    // A browser's dropped folder: Files that keep their place in it (pets/cat/1.png) — as a folder picker
    // gives them, handed here to a page input by playwright, then carried by a real drop.
    await lab.openExperiment(mlp([1, 28, 28], 2), 'shades.dlab.json');
    const picker = await e.page.evaluateHandle(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.setAttribute('webkitdirectory', '');
      input.id = 'test-folder-source';
      input.hidden = true;
      document.body.append(input);
      return input;
    });
    await e.page.setInputFiles('#test-folder-source', folder);
    const transfer = await picker.evaluateHandle((input: HTMLInputElement) => {
      const data = new DataTransfer();
      for (const file of Array.from(input.files ?? [])) data.items.add(file);
      return data;
    });
    await dropOnPage(transfer);

    await expect
      .poll(async () => lab.id('form.field.idxFolder').inputValue(), { timeout: 20_000 })
      .toMatch(/[\\/]data[\\/]uploads[\\/][0-9a-f]{16}[\\/]shades$/);
    await lab.id('form.preview.images').waitFor({ timeout: 30_000 });
    expect(await lab.id('form.preview.class.0').locator('.image-grid__name').textContent()).toBe('dark');
    expect(await lab.id('form.preview.class.0.count').textContent()).toBe('8 training · 2 test');
    expect(await lab.id('form.preview.class.1.count').textContent()).toBe('8 training · 2 test');
    expect(await lab.id('form.preview.class.1').locator('canvas').count()).toBe(4);
    expect(await lab.id('form.images.found').textContent()).toBe('Found in the folder: 8 × 6 pixels, grey');
    expect(await lab.id('form.field.width').getAttribute('placeholder')).toBe('8');
    await lab.id('form.preview.images').scrollIntoViewIfNeeded();
    await e.page.screenshot({
      path: join(process.env.DLAB_SCREENSHOTS === '1' ? new URL('../../docs/', import.meta.url).pathname : e.dir, 'image-folder-preview.png'),
    });
    // The builder's input follows the folder's images.
    await expect.poll(async () => lab.id('form.preview').locator('.preview__meta').textContent()).toContain('1×6×8');

    await lab.id('inspector.tab.training').click();
    await lab.id('form.field.epochs').fill('40');
    await lab.train(1);
    expect(await lab.finalTestAccuracy()).toBe('1.0000'); // dark and light apart, for this seed
    await lab.id('dashboard.confusion.matrix').waitFor({ timeout: 30_000 });
    const header = await lab.id('dashboard.confusion.matrix').locator('thead th').allTextContents();
    expect(header.slice(1, 3)).toEqual(['dark', 'light']);

    // Not 28×28 digits: the draw pad is an image picker. A dark image of another size is stretched to 8×6 and judged.
    expect(await lab.id('dashboard.drawpad').count()).toBe(0);
    const picked = join(e.dir, 'my-dark.png');
    await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 50, g: 45, b: 40 } } })
      .png()
      .toFile(picked);
    await lab.id('dashboard.imagepad.file').setInputFiles(picked);
    await lab.id('dashboard.imagepad.seen').waitFor();
    const dark = Number(await lab.id('dashboard.imagepad.probabilities.0').getAttribute('data-value'));
    const light = Number(await lab.id('dashboard.imagepad.probabilities.1').getAttribute('data-value'));
    expect(dark + light).toBeCloseTo(1, 3);
    expect(dark).toBeGreaterThan(light);
    expect(await lab.id('dashboard.imagepad.probabilities.0').textContent()).toContain('dark');
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
