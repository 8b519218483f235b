// The real UI, served by the web host, in Debian's Chromium: one call of each kind goes through it —
// start a run, receive its events, list the runs — and the API refuses a caller without the token. The
// token leaves the address bar once the page has it, and a reload goes on with the tab's copy.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';
import { LabPage, spiralExperiment } from './pages';

let e: E2ELab;
let lab: LabPage;
beforeAll(async () => {
  e = await openLab();
  lab = new LabPage(e.page, e.dir);
});
afterAll(async () => {
  await e?.close();
});

describe('the web host serves the real lab', () => {
  it('loads the app without a console error', async () => {
    await lab.id('nav.build').waitFor();
    expect(await e.page.title()).toMatch(/Deep Learning Lab/);
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });

  it('refuses an API call without the token', async () => {
    const status = await e.page.evaluate(async () => (await fetch('/api/listRuns', { method: 'POST', body: '{"args":[]}' })).status);
    expect(status).toBe(401);
  });

  it('takes the token out of the address bar and keeps it for the tab: a reload still calls with it', async () => {
    const token = e.lab.host.token;
    expect(new URL(e.page.url()).searchParams.has('token')).toBe(false);
    expect(e.page.url()).not.toContain(token);
    // A method call with the token in its address is refused; the page's own calls send the header.
    const inAddress = await e.page.evaluate(async (t) => (await fetch(`/api/listRuns?token=${t}`, { method: 'POST', body: '{"args":[]}' })).status, token);
    expect(inAddress).toBe(401);
    const call = e.page.waitForRequest((request) => /\/api\/(?!events)/.test(request.url()));
    const events = e.page.waitForRequest((request) => request.url().includes('/api/events'));
    await e.page.reload();
    await lab.id('nav.build').waitFor();
    const [sent, stream] = await Promise.all([call, events]);
    expect(sent.headers()['x-lab-token']).toBe(token);
    expect(sent.url()).not.toContain(token);
    expect(new URL(stream.url()).searchParams.get('token')).toBe(token);
    expect((await sent.response())?.status()).toBe(200);
    expect(new URL(e.page.url()).searchParams.has('token')).toBe(false);
  });

  it('starts a run, receives its events live, and lists it', async () => {
    await lab.openExperiment(spiralExperiment, 'spiral.dlab.json');
    await lab.train(1);
    // Events arrive over server-sent events: the iteration counter moves, then the run ends.
    const seen = new Set<string>();
    const progress = lab.id('dashboard.iteration');
    for (let i = 0; i < 50 && seen.size < 2; i++) {
      seen.add((await progress.textContent()) ?? '');
      await e.page.waitForTimeout(20);
    }
    expect(await lab.finalTestAccuracy()).toBe('0.9667'); // 58 / 60: the engine's own seeded result
    await lab.go('runs');
    const row = e.page.getByTestId(/^runs\.row\.\d+$/);
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(async () => (await e.page.getByTestId(/^runs\.row\.\d+\.status$/).textContent())?.trim()).toMatch(/done/i);
    expect(await e.page.getByTestId(/^runs\.row\.\d+\.name$/).textContent()).toContain('spiral e2e');
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
