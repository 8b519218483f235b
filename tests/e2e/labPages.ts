// The page object of one chapter lab, shared by the labs' end-to-end tests: its card in the list, its
// controls by test id, its text, and its runs table waited on until the runs have ended.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export class ChapterLab {
  constructor(readonly page: Page, readonly id: string) {}

  by(testId: string) {
    return this.page.getByTestId(testId);
  }

  async open(): Promise<void> {
    await this.by('nav.labs').click();
    if (await this.by('lab.back').isVisible()) await this.by('lab.back').click();
    await this.by(`labs.${this.id}`).click();
    await this.by(`lab.${this.id}`).waitFor();
  }

  async text(testId: string): Promise<string> {
    return ((await this.by(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  private rows() {
    return this.page.locator(`[data-testid^="lab.${this.id}.run."][data-status]`);
  }

  private statuses(): Promise<(string | null)[]> {
    return this.rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
  }

  /** Waits until the runs table lists `count` runs and none of them is still queued or running. */
  async waitForRuns(count: number, timeout = 60_000): Promise<void> {
    await expect.poll(() => this.rows().count(), { timeout }).toBe(count);
    await expect.poll(async () => (await this.statuses()).filter((s) => s === 'queued' || s === 'running').length, { timeout }).toBe(0);
  }

  /** Waits until the runs table lists `count` runs, all done; returns their ids. */
  async waitForDoneRuns(count: number, timeout = 60_000): Promise<number[]> {
    await expect.poll(() => this.rows().count(), { timeout }).toBe(count);
    await expect.poll(async () => (await this.statuses()).join(), { timeout }).toBe(Array(count).fill('done').join());
    return this.rows().evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-testid')!.split('.').at(-1))));
  }
}
