// The lab as students with other needs see it, in Debian's Chromium: with prefers-reduced-motion
// nothing moves (no CSS animation or transition runs, while a run trains and a theme changes — the
// same moments without the setting do move, so the test can fail); at 200 % zoom no main page scrolls
// sideways. 200 % zoom of the harness's 1440 × 900 window is a 720 × 450 CSS-pixel viewport drawn at
// two device pixels per CSS pixel (deviceScaleFactor 2): what Chromium's zoom gives, layout and all.
// The zoomed screenshot goes to docs/zoom-200.png under DLAB_SCREENSHOTS=1 (else the run's folder).
// And a run's end is announced through the live regions, in English and in Korean.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './axe';
import { openLab, type E2ELab } from './harness';
import { LabsView } from './labPages';
import { LabPage, spiralExperiment } from './pages';

/** axe's serious and critical findings on the page as it is, in both themes (a11y-axe.test.ts audits the calm pages). */
async function seriousFindings(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const v of await audit(page))
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${colorScheme}: ${v.id} ${v.targets.join(' | ')} ${v.why}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

const docs = new URL('../../docs/', import.meta.url).pathname;
let e: E2ELab;

beforeAll(async () => {
  e = await openLab({ workers: 1 });
});
afterAll(async () => {
  await e?.close();
});

/** A second tab on the same lab, with its own display settings. */
async function openTab(options: Parameters<E2ELab['browser']['newContext']>[0]): Promise<Page> {
  const context = await e.browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(e.url);
  await page.getByTestId('nav.build').waitFor();
  return page;
}

/** The CSS animations and transitions running in the page now (spinners, pulses, fades). */
const runningAnimations = (page: Page) =>
  page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => a.playState === 'running')
      .map((a) => (a instanceof CSSAnimation ? a.animationName : `transition ${(a as CSSTransition).transitionProperty}`)),
  );

/** Elements whose computed style would animate them: a transition of some duration, or a CSS animation. */
const motionDeclared = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) => {
      const style = getComputedStyle(el);
      const transition = style.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
      const animation = style.animationName !== 'none';
      return transition || animation ? [`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`] : [];
    }),
  );

describe('prefers-reduced-motion', () => {
  it('nothing moves while a run trains or the theme changes; without the setting the same moments move', async () => {
    const still = await openTab({ reducedMotion: 'reduce' });
    const moving = await openTab({ reducedMotion: 'no-preference' });
    const lab = new LabPage(still, e.dir);
    // A run that cannot end by itself while the test looks at it (it is stopped at the end): the
    // most epochs an experiment allows, over 20 000 spiral points, is many minutes of training. The
    // 400 epochs of 300 points this used to train ended in about a second and a half, so on a quick
    // machine the run could be over before Stop was pressed, and Stop had become Train again.
    const long = { ...spiralExperiment, data: { ...spiralExperiment.data, samples: 20_000 }, training: { ...spiralExperiment.training, epochs: 10_000 } };
    await lab.openExperiment(long, 'long.dlab.json');
    await lab.train(1);
    await expect.poll(() => still.getByTestId('dashboard.status').getAttribute('data-status')).toBe('running');
    await moving.getByTestId('nav.train').click();
    await moving.getByTestId('dashboard.progress').waitFor();

    await expect.poll(() => runningAnimations(moving)).not.toEqual([]);
    expect(await runningAnimations(still)).toEqual([]);

    // Nothing would move on a hover, a theme change or a page change either: no element has a transition
    // or an animation left (with the setting off, the buttons, the rail and the progress bar have them).
    expect((await motionDeclared(moving)).length).toBeGreaterThan(10);
    expect(await motionDeclared(still)).toEqual([]);

    await still.getByTestId('dashboard.stop').click();
    await expect.poll(() => still.getByTestId('dashboard.status').getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(() => still.getByTestId('announce.status').innerText()).toMatch(/^Run #\d+ was stopped\.$/);
    await still.context().close();
    await moving.context().close();
  });
});

/** What scrolls sideways on the page now: the document, or any box wider than its own width that is not meant to scroll. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page is ${root.scrollWidth}px wide in ${root.clientWidth}px`);
    for (const el of document.querySelectorAll<HTMLElement>('.shell, .shell__main, .shell__page, .topbar, main > *')) {
      if (el.scrollWidth > el.clientWidth + 1) found.push(`${el.className || el.tagName}: ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    return found;
  });

describe('200 % zoom', () => {
  it('no main page scrolls sideways, in English and Korean', async () => {
    const page = await openTab({ viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 });
    const lab = new LabPage(page, e.dir);
    const problems: string[] = [];
    const check = async (view: string) => problems.push(...(await sidewaysOverflow(page)).map((p) => `${view}: ${p}`));
    for (const lang of ['en', 'ko']) {
      await page.getByTestId(`lang.${lang}`).click();
      await lab.go('build');
      for (const tab of ['layer', 'data', 'training']) {
        await lab.id(`inspector.tab.${tab}`).click();
        await check(`${lang} build ${tab}`);
      }
      for (const section of ['train', 'runs', 'compare', 'weights', 'labs'] as const) {
        await lab.go(section);
        await check(`${lang} ${section}`);
      }
      await new LabsView(page).openLab('optimizers');
      await check(`${lang} lab optimizers`);
    }
    await page.getByTestId('lang.en').click();
    await lab.go('build');
    await page.evaluate(() => document.querySelector('.build-page')?.scrollTo(0, 0));
    await page.screenshot({ path: join(process.env.DLAB_SCREENSHOTS === '1' ? docs : e.dir, 'zoom-200.png') });
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  });
});

describe('a run’s end, announced on whatever page the learner is', () => {
  const lab = () => new LabPage(e.page, e.dir);
  const mnistBlowUp = {
    format: 'dlab-experiment',
    version: 1,
    name: 'two-layer net, sgd 1e6',
    model: {
      input: [1, 28, 28],
      layers: [{ type: 'affine', units: 50, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 10, init: 'he' }, { type: 'softmax-with-loss' }],
    },
    data: { source: 'mnist', trainLimit: 1000 },
    training: { optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 100, epochs: 3, seed: 1 },
  };

  it('a run whose loss blew up, at once, while the learner is on the Runs page', async () => {
    await lab().openExperiment(mnistBlowUp, 'blowup.dlab.json');
    await lab().train(1);
    await lab().go('runs');
    await expect.poll(() => e.page.getByTestId('announce.alert').innerText(), { timeout: 90_000 }).toMatch(/^Run #\d+ finished\. The loss blew up: .+/);
    expect(await e.page.getByTestId('announce.alert').getAttribute('role')).toBe('alert');
    // The dashboard that tells it in words passes the audit too.
    await lab().go('train');
    await e.page.getByTestId('dashboard.warning').waitFor();
    expect(await seriousFindings(e.page)).toEqual([]);
  });

  it('a failed run, in Korean, with the lab’s sentence', async () => {
    await e.page.getByTestId('lang.ko').click();
    await lab().openExperiment({ ...spiralExperiment, training: { ...spiralExperiment.training, optimizer: { type: 'sgd', lr: 1e6 } } }, 'nan.dlab.json');
    await lab().train(1);
    await lab().go('build');
    await expect
      .poll(() => e.page.getByTestId('announce.alert').innerText(), { timeout: 60_000 })
      .toMatch(/^실행 #\d+의 학습에 실패했습니다\. \d+번째 반복에서 손실이 (NaN이|무한대가) 되었습니다/);
    await lab().go('train');
    await e.page.getByTestId('dashboard.failure').waitFor();
    expect(await seriousFindings(e.page)).toEqual([]);
    await e.page.getByTestId('lang.en').click();
  });
});
