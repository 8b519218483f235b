// Load time of an image folder: the first load (listing, survey, decode on every core), the load from
// the cache, and the same pixels from IDX files, in one sitting. Figures are reported, never asserted.
// npm run bench:images -- DIR [IDX_FOLDER]   (DIR made by scripts/fashion-to-png.mjs)

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSplit } from '../engine/data/dataset';
import { loadImageFolder } from '../engine/node/imageFolder';
import { loadIdxFolder } from '../engine/node/idxFolder';

const [dir, idxDir = '/usr/share/datasets/fashion-mnist'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npm run bench:images -- DIR [IDX_FOLDER]');
  process.exit(2);
}
const cacheDir = mkdtempSync(join(tmpdir(), 'dlab-image-cache-'));
try {
  // Wall time, and the CPU time of the whole process (every thread): on a shared machine the second says
  // what the work costs, the first what this sitting gave it.
  const seconds = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const value = await work();
    const used = process.cpuUsage(cpu);
    console.log(`  (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`);
    return [value, (performance.now() - start) / 1000];
  };
  let phaseStart = performance.now();
  let phase = '';
  const onProgress = (p: { phase: string }) => {
    if (p.phase === phase) return;
    if (phase) console.log(`  ${phase}: ${((performance.now() - phaseStart) / 1000).toFixed(2)} s`);
    phase = p.phase;
    phaseStart = performance.now();
  };
  const [first, firstSeconds] = await seconds(() => loadImageFolder(dir, {}, { cacheDir, onProgress }));
  const images = first.train.count + first.test.count;
  phase = '';
  const [, cachedSeconds] = await seconds(() => loadImageFolder(dir, {}, { cacheDir, onProgress }));
  const [idx, idxSeconds] = await seconds(() => loadIdxFolder(idxDir));
  // The same images? Each image's hash with its label, sorted: the same multiset whatever the order.
  const fingerprints = (split: DataSplit, size: number) =>
    Array.from(
      { length: split.count },
      (_, i) =>
        `${split.y[i]}:${createHash('sha1')
          .update(split.x.subarray(i * size, (i + 1) * size))
          .digest('hex')}`,
    )
      .sort()
      .join();
  const size = 784;
  const same =
    first.inputShape.join() === '1,28,28' &&
    fingerprints(first.train, size) === fingerprints(idx.train, size) &&
    fingerprints(first.test, size) === fingerprints(idx.test, size);
  console.log(first.description);
  console.log(
    `cores: ${availableParallelism()}, load average now: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`first load:  ${firstSeconds.toFixed(2)} s (${Math.round(images / firstSeconds)} images/s)`);
  console.log(`from cache:  ${cachedSeconds.toFixed(2)} s`);
  console.log(`every image and label the same as in the IDX files: ${same ? 'yes' : 'NO'}`);
  // Files named by their index in the IDX files (scripts/fashion-to-png.mjs) keep its order: the same run.
  const inOrder = (a: DataSplit, b: DataSplit) => Buffer.from(a.y).equals(Buffer.from(b.y)) && Buffer.from(a.x).equals(Buffer.from(b.x));
  console.log(`in the IDX files' order: ${inOrder(first.train, idx.train) && inOrder(first.test, idx.test) ? 'yes' : 'no'}`);
  console.log(`IDX files:   ${idxSeconds.toFixed(2)} s (${idxDir}); cache / IDX = ${(cachedSeconds / idxSeconds).toFixed(2)}`);
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
