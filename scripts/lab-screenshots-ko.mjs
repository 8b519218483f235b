// The Korean screenshots of the four labs whose defaults reproduce a figure of the book, taken from the
// real page through the web host (dist/web.js over a fresh database) in Debian's Chromium: each lab is
// started with its default settings untouched, and photographed once its runs have ended.
//   docs/lab-batchnorm-ko.png    figure 6-18/6-19: the 16-scale grid, with and without Batch Norm
//   docs/lab-init-ko.png         figure 6-15: std 0.01, Xavier and He on MNIST, 1,984 iterations
//   docs/lab-hyperparams-ko.png  figure 6-24: the book's 100-trial random search
//   docs/lab-filters-ko.png      figure 7-9: SimpleConvNet's first-layer filters before and after
// Usage: npm run build && node scripts/lab-screenshots-ko.mjs [--only batchnorm,init,…]
// It trains 136 runs (the search's 100 trials are most of it): tens of minutes on two cores.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const docs = join(root, 'docs');
const LABS = [
  // Quickest first, so each photograph is taken as soon as its lab is done.
  // `ready`: what must be on the page before the photograph (the filters after training, the ranking…).
  { id: 'filters', start: 'lab.filters.train', runs: 1, ready: 'lab.filters.after.29' },
  { id: 'init', start: 'lab.init.race.run', runs: 3, ready: 'lab.init.loss' },
  { id: 'batchnorm', start: 'lab.batchnorm.run', runs: 32, ready: 'lab.batchnorm.cell.15' },
  // The search's photograph stops above its table of 100 runs: the settings, the ranking and the scatter.
  { id: 'hyperparams', start: 'lab.hyperparams.run', runs: 100, ready: 'lab.hyperparams.best.20', maxHeight: 1500 },
];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
const chosen = LABS.filter((l) => !only || only.includes(l.id));

function startHost(dir) {
  const child = spawn(process.execPath, [join(root, 'dist/web.js'), '--db', join(dir, 'lab.sqlite'), '--port', '0', '--workers', '2'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /open at (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`the web host exited (${code}) before it printed its address`)));
  });
}

/** Waits for `condition` (polled: the page has no event for "every run ended"). */
async function until(condition, what, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openLab(page, id) {
  await page.getByTestId('nav.labs').click();
  if (await page.getByTestId('lab.back').isVisible()) await page.getByTestId('lab.back').click();
  await page.getByTestId(`labs.${id}`).click();
  await page.getByTestId(`lab.${id}`).waitFor();
}

const dir = mkdtempSync(join(tmpdir(), 'dlab-shots-'));
const { child, url } = await startHost(dir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
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
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'ko-KR', deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url);
  // Every lab started with its defaults untouched; the house queues the runs and trains two at a time.
  for (const lab of chosen) {
    await openLab(page, lab.id);
    await page.getByTestId(lab.start).click();
    await until(async () => (await page.locator(`[data-testid^="lab.${lab.id}.run."][data-status]`).count()) === lab.runs, `${lab.id} to start`, 120_000);
    console.log(`${lab.id}: ${lab.runs} runs started`);
  }
  for (const lab of chosen) {
    await openLab(page, lab.id);
    const rows = page.locator(`[data-testid^="lab.${lab.id}.run."][data-status]`);
    await until(
      async () => {
        const statuses = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
        return statuses.length === lab.runs && statuses.every((s) => s !== 'queued' && s !== 'running' && s !== 'paused');
      },
      `${lab.id} to finish`,
      4 * 3600_000,
    );
    await page.getByTestId(lab.ready).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2500); // the group's last refresh, and the charts drawn from it
    // The lab scrolls inside the app's frame, not the document: a window as tall as the lab shows it whole.
    const height = await page.getByTestId(`lab.${lab.id}`).evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      return Math.ceil(el.getBoundingClientRect().top + el.scrollHeight + 48);
    });
    await page.setViewportSize({ width: 1440, height: Math.min(lab.maxHeight ?? 6000, Math.max(1000, height)) });
    await page.waitForTimeout(1000);
    const path = join(docs, `lab-${lab.id}-ko.png`);
    await page.screenshot({ path });
    await page.setViewportSize({ width: 1440, height: 1000 });
    console.log(`${lab.id}: ${path}`);
  }
} finally {
  await browser.close();
  child.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
}
