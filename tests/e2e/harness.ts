// The real lab in a real browser: the web host over a fresh database, and Debian's Chromium driven by
// playwright-core. Used by every end-to-end test.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebLab, type RunningWebLab } from '../../main/web/cli-entry';
import { findChromium } from '../requirements';

const root = new URL('../..', import.meta.url).pathname;
/** Found where people keep one (tests/requirements.ts); vitest.config.ts leaves these files out when there is none. */
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

export interface E2ELab {
  lab: RunningWebLab;
  browser: Browser;
  page: Page;
  url: string;
  dir: string;
  /** Long tasks (ms) the page reported, measured with a PerformanceObserver. */
  longTasks(): Promise<number[]>;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openLab(options: { workers?: number; locale?: string } = {}): Promise<E2ELab> {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-e2e-'));
  const lab = await startWebLab({
    dbPath: join(dir, 'lab.sqlite'),
    port: 0,
    workers: options.workers ?? 2,
    rendererDir: join(root, 'dist/renderer'),
    help: false,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: options.locale ?? 'en-US', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // Failed requests are reported below with their address, which the console text lacks.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/api/')) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(lab.host.url);
  return {
    lab,
    browser,
    page,
    url: lab.host.url,
    dir,
    errors,
    longTasks: () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice()),
    async close() {
      await browser.close();
      await lab.stop();
    },
  };
}
