// The page objects of the chapter labs, shared by the labs' end-to-end tests: the list and any lab by
// test id, and one lab with its runs table waited on until the runs have ended.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The labs list and any lab in it, by test id. */
export class LabsView {
  constructor(readonly page: Page) {}

  by(testId: string) {
    return this.page.getByTestId(testId);
  }

  async text(testId: string): Promise<string> {
    return ((await this.by(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Opens a lab from the rail's Labs page (coming back to the list first if a lab is open). */
  async openLab(labId: string): Promise<void> {
    await this.by('nav.labs').click();
    if (await this.by('lab.back').isVisible()) await this.by('lab.back').click();
    await this.by(`labs.${labId}`).click();
    await this.by(`lab.${labId}`).waitFor();
  }
}

/** One lab: its card, its controls and its runs table. */
export class ChapterLab extends LabsView {
  constructor(
    page: Page,
    readonly id: string,
  ) {
    super(page);
  }

  open(): Promise<void> {
    return this.openLab(this.id);
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
