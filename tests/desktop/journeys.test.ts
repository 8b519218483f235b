// A learner's main journeys in the desktop app, through its built main process, preload and page
// (tests/desktop/harness.ts): every call crosses the preload and main's IPC handlers, every file goes
// through a native dialog (scripted here, its options checked), and at the end File → Quit closes the
// app and leaves every run ended in its database.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragTo, LabPage, spiralExperiment } from '../e2e/pages';
import { startDesktop, type Desktop } from './harness';

let d: Desktop;
let lab: LabPage;
const errors: string[] = [];

beforeAll(async () => {
  d = await startDesktop();
  lab = new LabPage(d.page, d.configDir);
  d.page.on('pageerror', (error) => errors.push(error.message));
  d.page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
});
afterAll(async () => {
  await d?.close();
});

const text = async (testId: string) => ((await lab.id(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
const layers = () => d.page.getByTestId(/^builder\.layer\.\d+$/);
/** The length of the drawn loss curve's path: grows as points arrive. */
const lossCurve = () => d.page.evaluate(() => document.querySelector('[data-testid="chart.loss"] .recharts-line-curve')?.getAttribute('d')?.length ?? 0);
const windowId = () => d.windows()[0]!.id;

describe('the desktop app, journey by journey', () => {
  it('builds a network by dragging layers from the palette', async () => {
    await lab.go('build');
    while ((await layers().count()) > 0) await lab.id('builder.layer.0.remove').click();
    const add = async (type: string, fields: Record<string, string> = {}) => {
      const before = await layers().count();
      await dragTo(d.page, lab.id(`palette.layer.${type}`), before ? lab.id(`builder.layer.${before - 1}`) : lab.id('builder.stack'), 'end');
      await expect.poll(() => layers().count()).toBe(before + 1);
      if (Object.keys(fields).length) {
        await lab.id(`builder.layer.${before}.select`).click();
        for (const [name, value] of Object.entries(fields)) await lab.id(`panel.field.${name}`).fill(value);
      }
    };
    await add('affine', { units: '50' });
    await add('relu');
    await add('affine', { units: '10' });
    await add('softmax-with-loss');
    expect(await text('builder.total.params')).toBe('39,760'); // 784·50 + 50 + 50·10 + 10
    await expect.poll(() => lab.id('form.train').isEnabled()).toBe(true);
  });

  it('trains it with W = 2 and the live charts grow while it runs', async () => {
    await lab.id('inspector.tab.training').click();
    await lab.id('form.field.epochs').fill('4');
    await lab.train(2);
    await expect.poll(lossCurve, { timeout: 60_000 }).toBeGreaterThan(0);
    const early = await lossCurve();
    await expect.poll(lossCurve, { timeout: 60_000 }).toBeGreaterThan(early);
    expect(Number(await lab.finalTestAccuracy(180_000))).toBeGreaterThan(0.5);
    await lab.id('chart.accuracy').waitFor();
  }, 240_000);

  it('opens an experiment through the native open dialog, attached to the window, with the kind’s filters', async () => {
    const file = join(d.configDir, 'spiral.dlab.json');
    writeFileSync(file, JSON.stringify(spiralExperiment));
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [file] });
    const calls = d.dialogCalls.length;
    await lab.go('build');
    await lab.id('file.open').click();
    await expect.poll(() => text('builder.input.shape')).toMatch(/^2\b/);
    expect(await layers().count()).toBe(4);
    expect(d.dialogCalls.slice(calls)).toEqual([
      {
        method: 'showOpenDialog',
        windowId: windowId(),
        options: {
          title: 'Open experiment',
          properties: ['openFile'],
          filters: [
            { name: 'Experiment files', extensions: ['json'] },
            { name: 'All files', extensions: ['*'] },
          ],
        },
      },
    ]);
  });

  it('trains the opened experiment to the seeded result the engine gives', async () => {
    await lab.train(1);
    expect(await lab.finalTestAccuracy()).toBe('0.9667'); // 58/60, the same as through the web host
  });

  it('opens an experiment from File → Open Experiment…, and a cancelled dialog changes nothing', async () => {
    const file = join(d.configDir, 'spiral-slow.dlab.json');
    writeFileSync(
      file,
      JSON.stringify({ ...spiralExperiment, name: 'spiral lr 0.01', training: { ...spiralExperiment.training, optimizer: { type: 'adam', lr: 0.01 } } }),
    );
    // First the learner changes their mind: the experiment open in the builder stays as it was.
    await lab.go('build');
    await lab.id('inspector.tab.training').click();
    expect(await lab.id('form.field.lr').inputValue()).toBe('0.05');
    const calls = d.dialogCalls.length;
    d.answerDialog('showOpenDialog', { canceled: true, filePaths: [] });
    await d.clickMenu('File', 'Open Experiment…');
    await expect.poll(() => d.dialogCalls.length).toBe(calls + 1);
    expect(d.dialogCalls.at(-1)).toMatchObject({ method: 'showOpenDialog', windowId: windowId(), options: { title: 'Open experiment' } });
    expect(await lab.id('form.field.lr').inputValue()).toBe('0.05');
    // Then opens the file, from the menu.
    await lab.go('runs');
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [file] });
    await d.clickMenu('File', 'Open Experiment…');
    await expect.poll(() => d.page.locator('main.shell__page').getAttribute('data-page')).toBe('build');
    await lab.id('inspector.tab.training').click();
    await expect
      .poll(() =>
        lab
          .id('form.field.lr')
          .inputValue()
          .catch(() => ''),
      )
      .toBe('0.01');
    await lab.train(1);
    await lab.finalTestAccuracy();
  });

  it('exports a run’s weights through the native save dialog', async () => {
    const saved = join(d.configDir, 'spiral.weights.json');
    d.answerDialog('showSaveDialog', { canceled: false, filePath: saved });
    const calls = d.dialogCalls.length;
    await lab.go('weights');
    await lab.id('weights.export').click();
    await expect.poll(() => existsSync(saved)).toBe(true);
    const call = d.dialogCalls[calls]!;
    expect(call.method).toBe('showSaveDialog');
    expect(call.windowId).toBe(windowId());
    expect(String(call.options.defaultPath)).toMatch(/\.weights\.json$/);
    const exported = JSON.parse(readFileSync(saved, 'utf8')) as { format: string; meta: { testAcc: number } };
    expect(exported.format).toBe('dlab-weights');
  });

  it('opens that weights file through the native open dialog and scores what the run scored', async () => {
    const saved = join(d.configDir, 'spiral.weights.json');
    const exported = JSON.parse(readFileSync(saved, 'utf8')) as { meta: { testAcc: number } };
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [saved] });
    await lab.id('weights.import').click();
    await lab.id('weights.model').waitFor();
    expect(d.dialogCalls.at(-1)!.options).toMatchObject({
      title: 'Open weights',
      filters: [
        { name: 'Weights files', extensions: ['json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    await lab.id('weights.evaluate').click();
    await expect
      .poll(async () => ((await lab.id('weights.accuracy').textContent()) ?? '').trim(), { timeout: 60_000 })
      .toContain(exported.meta.testAcc.toFixed(4));
  });

  it('opens a weights file from File → Open Weights…, on the Weights page', async () => {
    const saved = join(d.configDir, 'spiral.weights.json');
    // Another file first, so that the page shows the one the menu opened, not the one still open.
    const other = join(d.configDir, 'other.weights.json');
    const weights = JSON.parse(readFileSync(saved, 'utf8')) as { meta: Record<string, unknown> };
    writeFileSync(other, JSON.stringify({ ...weights, meta: { ...weights.meta, runName: 'from the menu' } }));
    await lab.go('build');
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [other] });
    await d.clickMenu('File', 'Open Weights…');
    await expect.poll(() => d.page.locator('main.shell__page').getAttribute('data-page')).toBe('weights');
    await expect.poll(() => text('weights')).toContain('other.weights.json');

    // A file the engine refuses changes nothing open, and the learner is told why, by name.
    const broken = join(d.configDir, 'broken.weights.json');
    writeFileSync(broken, JSON.stringify({ format: 'dlab-weights', version: 1, model: { input: [2], layers: [] }, params: {} }));
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [broken] });
    await d.clickMenu('File', 'Open Weights…');
    await expect.poll(() => d.page.getByTestId('notice.error').last().textContent()).toContain('broken.weights.json');
    expect(await text('weights')).toContain('other.weights.json');
    expect(await text('weights')).not.toContain('broken.weights.json');
  });

  it('compares two runs: the settings that differ', async () => {
    await lab.go('runs');
    const rows = d.page.getByTestId(/^runs\.row\.\d+$/);
    await expect.poll(() => rows.count()).toBe(3);
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.split('.')[2]!));
    const spiral: string[] = [];
    for (const id of ids) if ((await text(`runs.row.${id}.name`)).startsWith('spiral')) spiral.push(id);
    expect(spiral).toHaveLength(2);
    for (const id of spiral) await lab.id(`runs.row.${id}.select`).check();
    await lab.id('runs.compare').click();
    const diff = d.page.getByTestId('compare.diff.training.optimizer.lr');
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/0\.05[\s\S]*0\.01|0\.01[\s\S]*0\.05/);
  });

  it('switches to Korean and back', async () => {
    await lab.go('build');
    await lab.id('lang.ko').click();
    await expect.poll(() => d.page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await lab.id('palette.layer.conv').textContent()).toContain('합성곱');
    await lab.id('lang.en').click();
    expect(await lab.id('palette.layer.conv').textContent()).toContain('Convolution');
  });

  it('went the whole way with no CSP violation and no page error', async () => {
    expect(await d.violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('quits from File → Quit; every run in the database has ended, the W = 2 one with two workers', async () => {
    await d.clickMenu('File', 'quit');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    const db = new Database(d.dbPath, { readonly: true });
    try {
      const runs = db.prepare('SELECT name, workers, status FROM runs ORDER BY id').all() as { name: string; workers: number; status: string }[];
      expect(runs.map((run) => [run.workers, run.status])).toEqual([
        [2, 'done'],
        [1, 'done'],
        [1, 'done'],
      ]);
    } finally {
      db.close();
    }
  });
});
