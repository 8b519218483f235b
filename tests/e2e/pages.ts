// Page objects: what a learner does, in the words of the UI's test ids.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const spiralExperiment = {
  format: 'dlab-experiment',
  version: 1,
  name: 'spiral e2e',
  model: { input: [2], layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1 },
  training: { optimizer: { type: 'adam', lr: 0.05 }, batchSize: 30, epochs: 15, seed: 42 },
};

export class LabPage {
  constructor(readonly page: Page, readonly dir: string) {}

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

  async finalTestAccuracy(timeout = 60_000): Promise<string> {
    const cell = this.id('dashboard.finalTestAcc');
    await this.page.waitForFunction(
      (el) => /^\d\.\d{4}$/.test(el?.textContent?.trim() ?? ''),
      await cell.elementHandle(),
      { timeout },
    );
    return (await cell.textContent())!.trim();
  }
}
