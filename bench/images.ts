// Load time of an image folder: the first load (listing, survey, decode on every core), the load from
// the cache, and the same pixels from IDX files, in one sitting. Figures are reported, never asserted.
// npm run bench:images -- DIR [IDX_FOLDER]   (DIR made by scripts/fashion-to-png.mjs)

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImageFolder } from '../engine/node/imageFolder';
import { loadIdxFolder } from '../engine/node/idxFolder';

const [dir, idxDir = '/usr/share/datasets/fashion-mnist'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npm run bench:images -- DIR [IDX_FOLDER]');
  process.exit(2);
}
const cacheDir = mkdtempSync(join(tmpdir(), 'dlab-image-cache-'));
try {
  const seconds = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await work();
    return [value, (performance.now() - start) / 1000];
  };
  const [first, firstSeconds] = await seconds(() => loadImageFolder(dir, {}, { cacheDir }));
  const images = first.train.count + first.test.count;
  const [, cachedSeconds] = await seconds(() => loadImageFolder(dir, {}, { cacheDir }));
  const [, idxSeconds] = await seconds(() => loadIdxFolder(idxDir));
  console.log(first.description);
  console.log(`cores: ${availableParallelism()}, load average now: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`first load:  ${firstSeconds.toFixed(2)} s (${Math.round(images / firstSeconds)} images/s)`);
  console.log(`from cache:  ${cachedSeconds.toFixed(2)} s`);
  console.log(`IDX files:   ${idxSeconds.toFixed(2)} s (${idxDir}); cache / IDX = ${(cachedSeconds / idxSeconds).toFixed(2)}`);
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
