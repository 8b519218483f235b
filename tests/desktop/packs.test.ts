// An assignment pack opened in the desktop app (r5-packs): File ▸ Open Assignment Pack… reads it in main
// through the 'pack' file door (a native dialog, scripted here) and the page lands on the Class page with
// it open; so does a pack on the command line (a double-click), at the first start and at a second start,
// which hands its command line to the first (main/electron/openOnStart.ts).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabPage } from '../e2e/pages';
import { startDesktop, type Desktop } from './harness';

const root = new URL('../..', import.meta.url).pathname;
let d: Desktop;
let lab: LabPage;

beforeAll(async () => {
  d = await startDesktop();
  lab = new LabPage(d.page, d.configDir);
});
afterAll(async () => {
  await d?.close();
});

/** A pack made by dlab from the XOR starter, in `dir`. */
function makePack(dir: string, id: string, title: string): string {
  const experiment = join(dir, `${id}.dlab.json`);
  writeFileSync(
    experiment,
    JSON.stringify({
      format: 'dlab-experiment',
      version: 1,
      name: 'xor starter',
      model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'tanh' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
      data: { source: 'xor', samples: 400, noise: 0.3 },
      training: { optimizer: { type: 'sgd', lr: 0.3 }, batchSize: 20, epochs: 3, seed: 1 },
    }),
  );
  const pack = join(dir, `${id}.dlab-pack`);
  const made = spawnSync(
    process.execPath,
    [join(root, 'bin', 'dlab.js'), 'pack', 'create', experiment, '--id', id, '--title', title, '--lock', 'training.optimizer', '--out', pack],
    { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } },
  );
  expect(made.status, made.stderr).toBe(0);
  return pack;
}

describe('a pack in the desktop app', () => {
  it('File ▸ Open Assignment Pack… opens it on the Class page; a file that is no pack is refused by name', async () => {
    const pack = makePack(d.configDir, 'xor-desk', 'XOR at the desk');

    await lab.go('build');
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [pack] });
    await d.clickMenu('File', 'Open Assignment Pack…');
    await expect.poll(() => d.page.locator('main.shell__page').getAttribute('data-page')).toBe('class');
    await expect.poll(async () => lab.id('class.packTitle').textContent()).toBe('XOR at the desk');
    expect(await lab.id('class.locked').textContent()).toBe('Locked settings: training.optimizer');
    const asked = d.dialogCalls.at(-1) as unknown as { options?: { filters?: { extensions: string[] }[] } } | undefined;
    expect(JSON.stringify(asked)).toContain('dlab-pack');

    const notPack = join(d.configDir, 'notes.dlab-pack');
    writeFileSync(notPack, 'these are my notes');
    d.answerDialog('showOpenDialog', { canceled: false, filePaths: [notPack] });
    await d.clickMenu('File', 'Open Assignment Pack…');
    await expect.poll(async () => lab.id('class.notice').textContent()).toContain('notes.dlab-pack');
    expect(await lab.id('class.packTitle').textContent()).toBe('XOR at the desk');
  }, 180_000);

  it('a pack double-clicked starts the app on the Class page with it open, and one given to a second start opens in the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-desk-packs-'));
    const first = makePack(dir, 'week-one', 'Week one');
    const second = makePack(dir, 'week-two', 'Week two');
    const started = await startDesktop({ argv: [first] });
    try {
      const page = new LabPage(started.page, started.configDir);
      await expect.poll(() => started.page.locator('main.shell__page').getAttribute('data-page')).toBe('class');
      await expect.poll(async () => page.id('class.packTitle').textContent()).toBe('Week one');
      const again = await startDesktop({ configDir: started.configDir, expectWindow: false, argv: [second] });
      await again.exited;
      await expect.poll(async () => page.id('class.packTitle').textContent()).toBe('Week two');
      expect(started.windows()).toHaveLength(1);
    } finally {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
