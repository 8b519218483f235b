// The packaged app's workers: their path moved out of app.asar with either separator (Windows writes
// `\`), and the unpacked worker starting as an ES module by its name alone. The second part is done for
// real: the built worker is copied where electron-builder unpacks it (resources/app.asar.unpacked/dist/,
// with no package.json above it) and started as a worker thread by a Node whose module syntax detection
// is off — the same bytes named .js fail there, which is what relying on detection would risk.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outsideAsar } from '../../../engine/node/asarUnpacked';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dlab-asar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outsideAsar', () => {
  it('moves a path inside app.asar to app.asar.unpacked, with / and with \\', () => {
    expect(outsideAsar('/opt/Deep Learning Lab/resources/app.asar/dist/worker.mjs')).toBe('/opt/Deep Learning Lab/resources/app.asar.unpacked/dist/worker.mjs');
    expect(outsideAsar('C:\\Program Files\\Deep Learning Lab\\resources\\app.asar\\dist\\worker.mjs')).toBe(
      'C:\\Program Files\\Deep Learning Lab\\resources\\app.asar.unpacked\\dist\\worker.mjs',
    );
  });

  it('leaves every other path alone: the source tree, an already unpacked path, a folder merely named like one', () => {
    for (const path of [
      '/home/me/lab/dist/worker.mjs',
      'C:\\lab\\dist\\worker.mjs',
      '/opt/lab/resources/app.asar.unpacked/dist/worker.mjs',
      'C:\\lab\\resources\\app.asar.unpacked\\dist\\worker.mjs',
      '/home/me/my-app.asar.d/dist/worker.mjs',
      '/home/me/app.asarx/worker.mjs',
    ]) {
      expect(outsideAsar(path)).toBe(path);
    }
  });
});

describe('the unpacked worker', () => {
  it('runs as an ES module by its .mjs name where no package.json says so (syntax detection off)', () => {
    const unpacked = join(dir, 'resources', 'app.asar.unpacked', 'dist');
    mkdirSync(unpacked, { recursive: true });
    copyFileSync(join(root, 'dist', 'worker-runfile.mjs'), join(unpacked, 'worker-runfile.mjs'));
    copyFileSync(join(root, 'dist', 'worker-runfile.mjs'), join(unpacked, 'worker-runfile.js'));
    const start = (file: string) =>
      spawnSync(
        process.execPath,
        [
          '--no-experimental-detect-module',
          '-e',
          `const { Worker } = require('node:worker_threads');
           const w = new Worker(${JSON.stringify(join(unpacked, file))}, { workerData: { text: '{}', label: 'x.dlab-run.json' } });
           w.on('message', (m) => { console.log('reply:' + m.type); w.terminate(); });
           w.on('error', (e) => { console.log('error:' + e.message); });`,
        ],
        { cwd: dir, encoding: 'utf8', timeout: 60_000 },
      );
    // The worker answers: an empty object is not a run file, refused with a sentence.
    expect(start('worker-runfile.mjs').stdout).toContain('reply:refused');
    expect(start('worker-runfile.js').stdout).toMatch(/error:Cannot use import statement outside a module/);
  });
});
