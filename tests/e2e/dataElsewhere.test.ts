// A run whose image folder is no longer on this computer (as a run imported from another lab), opened in
// the browser: its header says the data is not here, its curves and figures are still shown, and the
// confusion matrix's place holds the sentence why it cannot be measured again, not a loader's error.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';

let e: E2ELab;
const cacheBefore = process.env.DLAB_CACHE_DIR;

beforeAll(async () => {
  e = await openLab({ workers: 1 });
  process.env.DLAB_CACHE_DIR = join(e.dir, 'cache');
});
afterAll(async () => {
  await e?.close();
  if (cacheBefore === undefined) delete process.env.DLAB_CACHE_DIR;
  else process.env.DLAB_CACHE_DIR = cacheBefore;
});

describe('a run whose data is not on this computer', () => {
  it('says so in its header and where its confusion matrix would be, and still shows its figures', async () => {
    const folder = join(e.dir, 'squares');
    for (const [name, base] of [
      ['bright', 190],
      ['dark', 30],
    ] as const) {
      mkdirSync(join(folder, name), { recursive: true });
      for (let i = 0; i < 8; i++) {
        const pixels = Buffer.from(Array.from({ length: 16 }, (_, k) => base + ((k * 5 + i) % 30)));
        const png = await sharp(pixels, { raw: { width: 4, height: 4, channels: 1 } })
          .toColourspace('b-w')
          .png()
          .toBuffer();
        writeFileSync(join(folder, name, `${name}-${i}.png`), png);
      }
    }
    const api = e.lab.service.api;
    const { runId } = await api.startRun(
      {
        format: 'dlab-experiment',
        version: 1,
        name: 'squares elsewhere',
        model: { input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'affine', units: 2, init: 'xavier' }, { type: 'softmax-with-loss' }] },
        data: { source: `images:${folder}` },
        training: { optimizer: { type: 'adam', lr: 0.1 }, batchSize: 4, epochs: 3, seed: 1 },
      },
      { workers: 1 },
    );
    await expect.poll(async () => (await api.getRun(runId, 2)).status, { timeout: 60_000 }).toBe('done');
    const { testAcc } = await api.getRun(runId, 2);
    renameSync(folder, `${folder}-elsewhere`);

    await e.page.getByTestId('nav.runs').click();
    await e.page.getByTestId(`runs.row.${runId}.open`).click();
    await e.page.getByTestId('dashboard').waitFor();
    const chip = e.page.getByTestId('dashboard.dataMissing');
    await expect.poll(() => chip.textContent(), { timeout: 20_000 }).toBe('data not on this computer');
    expect(await chip.getAttribute('title')).toBe(
      `${folder} is not on this computer: the metrics are as the run recorded them; measuring the weights again needs that data.`,
    );
    await expect
      .poll(() => e.page.getByTestId('dashboard.confusion').textContent(), { timeout: 20_000 })
      .toContain(`The data the weights file was trained on, ${folder}, is not on this machine: the run keeps its recorded metrics`);
    // The figures the run recorded are shown as ever.
    expect(testAcc).not.toBeNull();
    await expect.poll(() => e.page.getByTestId('dashboard.finalTestAcc').textContent(), { timeout: 20_000 }).toBe(testAcc!.toFixed(4));
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  }, 120_000);
});
