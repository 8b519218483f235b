// Page objects: what a learner does, in the words of the UI's test ids.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const spiralExperiment = {
  format: 'dlab-experiment',
  version: 1,
  name: 'spiral e2e',
  model: { input: [2], layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1 },
  training: { optimizer: { type: 'adam', lr: 0.05 }, batchSize: 30, epochs: 15, seed: 42 },
};

export class LabPage {
  constructor(
    readonly page: Page,
    readonly dir: string,
  ) {}

  id(testId: string) {
    return this.page.getByTestId(testId);
  }

  async go(section: 'build' | 'train' | 'runs' | 'compare' | 'weights' | 'labs'): Promise<void> {
    await this.id(`nav.${section}`).click();
  }

  /** Opens an experiment as a learner would: File → Open, in the builder. */
  async openExperiment(experiment: object, fileName = 'experiment.dlab.json'): Promise<void> {
    const file = join(this.dir, fileName);
    writeFileSync(file, JSON.stringify(experiment));
    await this.go('build');
    await this.id('file.open.input').setInputFiles(file);
  }

  /** Sets the worker count and presses Train; resolves when the dashboard shows the run. */
  async train(workers: number): Promise<void> {
    await this.id('inspector.tab.training').click();
    await this.id('form.field.workers').fill(String(workers));
    await this.id('form.train').click();
    await this.id('dashboard.progress').waitFor();
  }

  /** Waits for the run on the dashboard to end (Train again appears), then reads its final test accuracy. */
  async finalTestAccuracy(timeout = 60_000): Promise<string> {
    await this.id('dashboard.start').waitFor({ timeout });
    const cell = this.id('dashboard.finalTestAcc');
    await this.page.waitForFunction((el) => /^\d\.\d{4}$/.test(el?.textContent?.trim() ?? ''), await cell.elementHandle(), { timeout });
    return (await cell.textContent())!.trim();
  }
}

/** Drags with intermediate pointer moves, as dnd-kit needs (a single jump never registers a drop). */
export async function dragTo(page: Page, source: Locator, target: Locator, at: 'end' | 'centre' = 'centre'): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  const x = to.x + to.width / 2;
  const y = at === 'end' ? to.y + to.height - 12 : to.y + to.height / 2;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 4 });
  await page.mouse.move(x, y, { steps: 20 });
  await page.mouse.move(x, y + 1, { steps: 2 });
  await page.mouse.up();
}
