// Chapter 7's labs in Debian's Chromium through the web host: the convolution explorer stepped through
// the book's seed example (15, 16, 6, 15 filling the output), padding 1 giving a 4 × 4 output, im2col and
// pooling; then the filters lab training a tiny SimpleConvNet and drawing its 30 filters before and
// after training, the feature maps of an image and one filter applied to it. Screenshots go to docs/
// only when DLAB_SCREENSHOTS=1.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialParams } from '../../engine/labs/filtersNetwork';
import { filterPictures, formatChange, relativeChange } from '../../renderer/labs/filters/filtersData';
import { openLab, type E2ELab } from './harness';
import { LabsView } from './labPages';

const docs = new URL('../../docs/', import.meta.url).pathname;
const shot = (name: string): string => join(process.env.DLAB_SCREENSHOTS === '1' ? docs : e.dir, name);
let e: E2ELab;

/** The labs list and one lab, in the words of their test ids. */
class ChapterSevenLabs extends LabsView {
  /** The red channel of the canvas inside a test id: the grey levels a picture was drawn with. */
  async pixels(testId: string): Promise<number[]> {
    return this.by(testId)
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        return Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]!);
      });
  }

  async outputCells(): Promise<string[]> {
    return this.page.getByTestId(/^lab\.convolution\.output\.\d+\.\d+$/).allTextContents();
  }
}

let labs: ChapterSevenLabs;

beforeAll(async () => {
  e = await openLab({ workers: 2 });
  labs = new ChapterSevenLabs(e.page);
});
afterAll(async () => {
  await e?.close();
});

describe('convolution explorer', () => {
  it('steps through the seed example window by window: 15, 16, 6, 15', async () => {
    await labs.openLab('convolution');
    expect(await labs.text('lab.convolution.size.result')).toBe('Output: 2 × 2');
    expect(await labs.outputCells()).toEqual(['', '', '', '']);
    const expected = ['15', '16', '6', '15'];
    for (let i = 0; i < 4; i++) {
      await labs.by('lab.convolution.step').click();
      await expect.poll(() => labs.outputCells()).toEqual([...expected.slice(0, i + 1), ...Array(3 - i).fill('')]);
    }
    expect(await labs.text('lab.convolution.sum.0')).toBe('1·2 + 2·0 + 3·1 + 0·0 + 1·1 + 2·2 + 3·1 + 0·0 + 1·2 = 15');
    expect(await labs.text('lab.convolution.window')).toBe('Window 4 of 4: output row 2, column 2');
    expect(await labs.text('lab.convolution.engine')).toMatch(/^✓/);
    // im2col: four windows of nine values, times the filter column.
    expect(await labs.text('lab.convolution.im2col.shape')).toBe('(4 × 9) · (9 × 1) = (4 × 1)');
    expect(await labs.page.getByTestId(/^lab\.convolution\.im2col\.output\.\d+\.0$/).allTextContents()).toEqual(expected);
    await labs.by('lab.convolution.steps').scrollIntoViewIfNeeded();
    await e.page.screenshot({ path: shot('lab-convolution.png') });
  });

  it('plays the windows by itself from the start', async () => {
    await labs.by('lab.convolution.reset').click();
    expect(await labs.outputCells()).toEqual(['', '', '', '']);
    await labs.by('lab.convolution.play').click();
    await expect.poll(() => labs.outputCells(), { timeout: 10_000 }).toEqual(['15', '16', '6', '15']);
    expect(await labs.text('lab.convolution.play')).toBe('Play');
  });

  it('padding 1 gives a 4 × 4 output with a ring of zeros; a stride that does not fit gets a sentence', async () => {
    await labs.by('lab.convolution.pad').fill('1');
    expect(await labs.text('lab.convolution.size.formula')).toContain('OH = (H + 2P − FH)/S + 1 = (4 + 2·1 − 3)/1 + 1 = 4');
    expect(await labs.text('lab.convolution.size.result')).toBe('Output: 4 × 4');
    expect(await labs.page.getByTestId(/^lab\.convolution\.padded\.0\.\d+\.\d+$/).count()).toBe(36);
    await labs.by('lab.convolution.all').click();
    expect(await labs.outputCells()).toEqual(['7', '12', '10', '2', '4', '15', '16', '10', '10', '6', '15', '6', '8', '10', '4', '3']);
    await labs.by('lab.convolution.stride').fill('2');
    expect(await labs.text('lab.convolution.problem')).toMatch(/OH is not a whole number: H \+ 2P − FH = 3 is not a multiple of the stride 2/);
    await labs.by('lab.convolution.example.stride').click();
    expect(await labs.text('lab.convolution.size.result')).toBe('Output: 3 × 3');
  });

  it('pools 2×2 with stride 2: max marks the winner, average divides by four', async () => {
    await labs.by('lab.convolution.pool.all').click();
    expect(await labs.page.getByTestId(/^lab\.convolution\.pool\.output\.\d+\.\d+$/).allTextContents()).toEqual(['2', '3', '4', '2']);
    expect(await labs.text('lab.convolution.pool.engine')).toMatch(/^✓/);
    await labs.by('lab.convolution.pool.mode').selectOption('average');
    await labs.by('lab.convolution.pool.all').click();
    expect(await labs.page.getByTestId(/^lab\.convolution\.pool\.output\.\d+\.\d+$/).allTextContents()).toEqual(['1', '1.5', '2.25', '1']);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });

  it('keeps the explorer’s grids and settings while the learner visits another page; the walk starts again', async () => {
    await labs.by('lab.convolution.pad').fill('1');
    await labs.by('lab.convolution.step').click();
    const cells = await labs.outputCells();
    expect(cells.filter((c) => c !== '')).toHaveLength(1);
    await labs.by('nav.runs').click();
    await labs.by('runs').waitFor();
    await labs.openLab('convolution');
    expect(await labs.by('lab.convolution.pad').inputValue()).toBe('1');
    expect(await labs.text('lab.convolution.size.result')).toBe('Output: 4 × 4');
    expect(await labs.outputCells()).toEqual(cells.map(() => ''));
    expect(await labs.by('lab.convolution.pool.mode').inputValue()).toBe('average');
    await labs.by('lab.convolution.pool.all').click();
    expect(await labs.page.getByTestId(/^lab\.convolution\.pool\.output\.\d+\.\d+$/).allTextContents()).toEqual(['1', '1.5', '2.25', '1']);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});

describe('filters lab', () => {
  it('trains a tiny SimpleConvNet and shows its 30 filters before and after, feature maps and one filter applied', async () => {
    await labs.by('lab.back').click();
    await labs.by('labs.filters').click();
    await labs.by('lab.filters').waitFor();
    await labs.by('lab.filters.trainLimit').selectOption('300');
    await labs.by('lab.filters.epochs').selectOption('1');
    await labs.by('lab.filters.init').selectOption('0.01'); // the book's weight_init_std: the change shows
    await labs.by('lab.filters.train').click();
    const row = e.page.getByTestId(/^lab\.filters\.run\.\d+$/);
    await row.first().waitFor();
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await expect.poll(() => e.page.getByTestId(/^lab\.filters\.before\.\d+$/).count(), { timeout: 20_000 }).toBe(30);
    await expect.poll(() => e.page.getByTestId(/^lab\.filters\.after\.\d+$/).count(), { timeout: 20_000 }).toBe(30);
    await expect.poll(() => e.page.getByTestId(/^lab\.filters\.map\.\d+$/).count(), { timeout: 20_000 }).toBe(30);
    expect(await labs.text('lab.filters.maps.shape')).toBe('30 maps of 24×24');
    // How far the filters moved: the page's number, recomputed here from the stored run and the engine.
    const runId = Number((await row.first().getAttribute('data-testid'))!.split('.').pop());
    const [W1] = await e.lab.service.api.readParams(runId, ['W1']);
    const before = initialParams((await e.lab.service.api.getRun(runId, 2)).experiment, ['W1']).W1;
    const change = formatChange(relativeChange(before!.data, W1!.data));
    expect(change).not.toBe('0.00%');
    await expect.poll(() => labs.text('lab.filters.change.value')).toBe(change);
    console.log(`filters lab: W1 moved by ${change} of its initial size (SimpleConvNet, std 0.01, 300 images, 1 epoch)`);
    // The pictures the page drew are those of the run manager's initial weights and of the run's W1.
    const gray = (image: { data: Uint8ClampedArray }) => Array.from({ length: image.data.length / 4 }, (_, i) => image.data[i * 4]);
    for (const f of [0, 29]) {
      expect(await labs.pixels(`lab.filters.before.${f}`), `before ${f}`).toEqual(gray(filterPictures(before!.shape, before!.data)[f]!));
      expect(await labs.pixels(`lab.filters.after.${f}`), `after ${f}`).toEqual(gray(filterPictures(W1!.shape, W1!.data)[f]!));
    }
    await labs.by('lab.filters.stage').selectOption('pool');
    await expect.poll(() => labs.text('lab.filters.maps.shape')).toBe('30 maps of 12×12');
    await labs.by('lab.filters.after.7').click();
    expect(await labs.text('lab.filters.apply')).toContain('Feature map 8 (24×24)');
    // The pictures are drawn: a canvas of the filter's own size (5×5) with some dark and some light pixels.
    const contrast = await e.page
      .getByTestId('lab.filters.after.7')
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let lo = 255,
          hi = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          lo = Math.min(lo, pixels[i]!);
          hi = Math.max(hi, pixels[i]!);
        }
        return { width: canvas.width, lo, hi };
      });
    expect(contrast).toEqual({ width: 5, lo: 0, hi: 255 });
    await labs.by('lab.filters.filters').scrollIntoViewIfNeeded();
    await e.page.screenshot({ path: shot('lab-filters.png') });
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });

  it('draws a continued run’s filters before training from the weights it continued from, not from its seed', async () => {
    const api = e.lab.service.api;
    const first = (await api.listRuns({ sort: 'startedAt', order: 'desc', limit: 1 })).runs[0]!.id;
    const weights = JSON.parse(await api.exportWeights(first));
    const { experiment } = await api.getRun(first, 2);
    const { runId } = await api.startRun(experiment, { initialWeights: weights, workers: 1, name: 'filters, continued' });
    await expect.poll(async () => (await api.getRun(runId, 2)).status, { timeout: 60_000 }).toBe('done');
    // Into the lab again, so that it lists the new run, and choose it.
    await labs.by('lab.back').click();
    await labs.by('labs.filters').click();
    await labs.by('lab.filters.run').selectOption(String(runId));
    await expect.poll(() => e.page.getByTestId(/^lab\.filters\.before\.\d+$/).count(), { timeout: 20_000 }).toBe(30);
    const start = Float32Array.from(weights.params.W1.data as number[]);
    const shape = weights.params.W1.shape as number[];
    const drawn = initialParams(experiment, ['W1']).W1;
    const gray = (image: { data: Uint8ClampedArray }) => Array.from({ length: image.data.length / 4 }, (_, i) => image.data[i * 4]);
    await expect.poll(() => labs.pixels('lab.filters.before.0')).toEqual(gray(filterPictures(shape, start)[0]!));
    expect(await labs.pixels('lab.filters.before.29')).toEqual(gray(filterPictures(shape, start)[29]!));
    expect(await labs.pixels('lab.filters.before.0')).not.toEqual(gray(filterPictures(drawn!.shape, drawn!.data)[0]!));
    // How far this run moved its filters: from the weights it continued from to its own final W1.
    const [W1] = await api.readParams(runId, ['W1']);
    await expect.poll(() => labs.text('lab.filters.change.value')).toBe(formatChange(relativeChange(start, W1!.data)));
    // On the Train page the run says where it started from; the run it continued from does not.
    await e.page.getByTestId('nav.runs').click();
    await e.page.getByTestId(`runs.row.${runId}.open`).click();
    await e.page.getByTestId('dashboard').waitFor();
    await expect.poll(() => labs.text('dashboard.continued')).toBe('continued from saved weights');
    await e.page.getByTestId('nav.runs').click();
    await e.page.getByTestId(`runs.row.${first}.open`).click();
    await expect.poll(() => labs.text('dashboard.name')).toBe((await api.getRun(first, 2)).name);
    expect(await labs.by('dashboard.continued').count()).toBe(0);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
