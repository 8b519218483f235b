// The desktop window's walls, with the built main process, preload and page (tests/desktop/harness.ts):
// the window is made as main asks (isolated, sandboxed, no Node), the preload hands the page exactly two
// objects, a call reaches LabService through main's own handler, the session's CSP header is on the page
// and the page runs under it without one violation, nothing leaves the machine, the page cannot navigate
// or open windows, no permission is granted, and a second start hands over to the first.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_METHODS } from '../../main/api/constants';
import { CONTENT_SECURITY_POLICY } from '../../main/contentPolicy';
import { WEB_PREFERENCES } from '../../main/electron/rules';
import { startDesktop, type Desktop } from './harness';

const root = new URL('../..', import.meta.url).pathname;
let d: Desktop;

beforeAll(async () => {
  d = await startDesktop();
});
afterAll(async () => {
  await d?.close();
});

type PageLab = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe('the desktop window', () => {
  it('is made as main asks: isolated, sandboxed, without Node, with the built preload, shown once ready', async () => {
    const [window] = d.windows();
    expect(d.windows()).toHaveLength(1);
    expect(window!.options).toMatchObject({ width: 1280, height: 860, show: false, title: 'Deep Learning Lab' });
    expect(window!.options.webPreferences).toEqual({ ...WEB_PREFERENCES, preload: join(root, 'dist/electron/preload.cjs') });
    await expect.poll(() => window!.visible).toBe(true); // shown by main on ready-to-show
    expect(window!.page.url()).toBe(`file://${join(root, 'dist/renderer/index.html')}`);
  });

  it('gets exactly window.lab and window.labFiles from the preload, and nothing of Node', async () => {
    expect(await d.exposed()).toEqual(['lab', 'labFiles']);
    const seen = await d.page.evaluate(() => {
      const page = window as unknown as Record<string, unknown>;
      return {
        lab: Object.keys(page.lab as object).sort(),
        labFiles: Object.keys(page.labFiles as object).sort(),
        node: [typeof page.require, typeof page.process, typeof page.module, typeof page.Buffer],
      };
    });
    expect(seen.lab).toEqual([...LAB_METHODS, 'onRunEvent'].sort());
    expect(seen.labFiles).toEqual(['chooseYourData', 'onFileOpened', 'openTextFile', 'pathForFile', 'saveTextFile']);
    expect(seen.node).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('carries a call through the preload, its channel and main’s handler to the lab, and a refusal back as its sentence', async () => {
    const datasets = await d.page.evaluate(() => (window as unknown as { lab: PageLab }).lab.listDatasets!());
    expect(JSON.stringify(datasets)).toContain('mnist');
    const refusal = await d.page.evaluate(() =>
      (window as unknown as { lab: PageLab }).lab.getRun!(987654).then(
        () => 'answered',
        (error: unknown) => (error as Error).message,
      ),
    );
    expect(refusal).toMatch(/987654/);
    expect(refusal).not.toMatch(/\n\s+at /); // a sentence, not a stack
    // A payload main's schema refuses is refused there, by name, before LabService sees it.
    const bad = await d.page.evaluate(() =>
      (window as unknown as { lab: PageLab }).lab.updateRun!('not a number', { name: 5 }).then(
        () => 'answered',
        (error: unknown) => (error as Error).message,
      ),
    );
    expect(bad).not.toBe('answered');
    expect(bad).toMatch(/^[^\n]+$/); // one sentence
  });

  it('answers only the main frame: a call from a frame inside the page is refused by main', async () => {
    const answer = await d.page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>inner</p>';
      const loaded = new Promise((done) => (frame.onload = done));
      document.body.append(frame);
      await loaded;
      // The harness's way out of a page (see harness.ts, difference 3), used from the inner frame.
      const invoke = (frame.contentWindow as unknown as { __dlabHarnessInvoke: (channel: string, args: unknown[]) => Promise<unknown> }).__dlabHarnessInvoke;
      const reply = await invoke('lab:listRuns', []);
      frame.remove();
      return reply;
    });
    expect(answer).toEqual({
      ok: true,
      value: { ok: false, error: { kind: 'usage', message: 'This page may not use the lab: only the lab’s own window can.' } },
    });
  });

  it('is served with the session’s CSP header and runs under it on every page with no violation', async () => {
    expect(d.documentHeaders[0]!['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const section of ['build', 'train', 'runs', 'compare', 'weights', 'labs', 'build']) {
      await d.page.getByTestId(`nav.${section}`).click();
      await d.page.locator('main.shell__page').waitFor();
    }
    await d.page.getByTestId('lang.ko').click();
    await d.page.getByTestId('lang.en').click();
    expect(await d.violations()).toEqual([]);
    // The listener hears a violation when there is one: an inline script is refused by script-src, once by
    // the session's header (the policy with frame-ancestors, which a <meta> cannot carry) and once by the page's <meta>.
    await d.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    await expect.poll(async () => (await d.violations()).length).toBe(2);
    const [first, second] = await d.violations();
    expect([first!.directive, second!.directive]).toEqual(['script-src-elem', 'script-src-elem']);
    expect([first!.policy, second!.policy].filter((policy) => policy === CONTENT_SECURITY_POLICY)).toHaveLength(1);
    expect(await d.page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  });

  it('lets no request leave the machine: the CSP refuses the network, the session’s hook files outside the renderer', async () => {
    const before = (await d.violations()).length;
    const outcomes = await d.page.evaluate(async () => {
      const attempt = (url: string) =>
        fetch(url).then(
          () => 'loaded',
          () => 'refused',
        );
      return [await attempt('https://example.com/tracker.js'), await attempt('http://127.0.0.1:9/'), await attempt('file:///etc/hostname')];
    });
    expect(outcomes).toEqual(['refused', 'refused', 'refused']);
    const refusedByCsp = (await d.violations()).slice(before).map((v) => `${v.directive} ${v.blocked}`);
    expect(refusedByCsp).toEqual(expect.arrayContaining(['connect-src https://example.com/tracker.js', 'connect-src http://127.0.0.1:9/']));
    // 'self' on a file: page covers every file: URL, so there the session's hook is the wall.
    expect(d.requests.filter((r) => r.cancelled).map((r) => r.url)).toEqual(['file:///etc/hostname']);
    // Everything the page did load is the renderer's own files.
    const rendererUrl = `file://${join(root, 'dist/renderer')}/`;
    for (const r of d.requests.filter((request) => !request.cancelled)) expect(r.url.startsWith(rendererUrl), r.url).toBe(true);
  });

  it('stays on its page and opens no other window', async () => {
    const before = d.page.url();
    await d.page.evaluate(() => {
      location.href = 'file:///etc/hostname';
    });
    await expect.poll(() => d.requests.some((r) => r.url === 'file:///etc/hostname' && r.resourceType === 'document')).toBe(true);
    expect(d.page.url()).toBe(before);
    await d.page.getByTestId('nav.build').waitFor();

    await d.page.evaluate(() => window.open('https://example.com/', '_blank'));
    await expect
      .poll(() => d.notes.filter((n) => n.what === 'window.open'))
      .toEqual([{ what: 'window.open', detail: expect.objectContaining({ action: 'deny' }) }]);
    await expect.poll(() => d.page.context().pages().length).toBe(1);
  });

  it('grants no permission, asked or checked', async () => {
    expect(await d.askPermission('media')).toBe(false);
    expect(await d.askPermission('notifications')).toBe(false);
    expect(await d.checkPermission('geolocation')).toBe(false);
  });

  it('has the File menu with the native opens (an experiment, weights, an assignment pack), and Quit', async () => {
    const menu = await d.menu();
    const file = menu!.find((item) => item.label === 'File')!;
    expect(file.submenu!.map((item) => item.accelerator ?? item.role ?? (item.type === 'normal' ? item.label : item.type))).toEqual([
      'CmdOrCtrl+O',
      'CmdOrCtrl+Shift+O',
      'Open Assignment Pack…',
      'separator',
      'quit',
    ]);
    expect(menu!.map((item) => item.label)).toEqual(['File', 'View', 'help']);
  });

  it('keeps one instance: a second start hands over to the first (which comes forward) and ends', async () => {
    const window = d.windows()[0]!;
    const focusedBefore = window.focusCount;
    const second = await startDesktop({ configDir: d.configDir, expectWindow: false });
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.windows()).toEqual([]);
    await expect.poll(() => window.focusCount).toBe(focusedBefore + 1);
    expect(d.windows()).toHaveLength(1);
  });
});

describe('the session’s request hook on its own (Chromium told to ignore every CSP)', () => {
  let open: Desktop;
  beforeAll(async () => {
    open = await startDesktop({ bypassCSP: true });
  });
  afterAll(async () => {
    await open?.close();
  });

  it('cancels http, https and outside files that no CSP stops, and the page still works', async () => {
    const outcomes = await open.page.evaluate(async () => {
      const attempt = (url: string) =>
        fetch(url).then(
          () => 'loaded',
          (error: unknown) => `refused: ${(error as Error).message}`,
        );
      const image = await new Promise((done) => {
        const img = new Image();
        img.onload = () => done('loaded');
        img.onerror = () => done('refused');
        img.src = 'https://example.com/pixel.png';
      });
      return [await attempt('https://example.com/tracker.js'), await attempt('http://127.0.0.1:9/'), await attempt('file:///etc/hostname'), image];
    });
    expect(outcomes.map((outcome) => String(outcome).split(':')[0])).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect(
      open.requests
        .filter((r) => r.cancelled)
        .map((r) => r.url)
        .sort(),
    ).toEqual(['file:///etc/hostname', 'http://127.0.0.1:9/', 'https://example.com/pixel.png', 'https://example.com/tracker.js']);
    expect(await open.violations()).toEqual([]); // nothing was refused by a CSP here: the hook did it all
    await open.page.getByTestId('nav.runs').click();
    await open.page.getByTestId('nav.build').click();
  });
});
