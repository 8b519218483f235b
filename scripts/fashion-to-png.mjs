// Converts Debian's Fashion-MNIST (gzipped IDX files) into a folder of PNG images in torchvision's
// ImageFolder layout, to try the lab's `images:` source on real data:
//   OUT/train/<n>-<class>/<index>.png and OUT/test/<n>-<class>/<index>.png
// The class folders start with the IDX label so that their sorted order is the labels' order, and each
// file is named by its zero-padded index in the IDX file, so a test can hold every pixel to the original.
// Usage: node scripts/fashion-to-png.mjs OUT [IDX_FOLDER] [--limit N]   (N per split, for small fixtures)

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';

export const FASHION_CLASSES = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot'];

async function readIdx(path) {
  const raw = await readFile(path);
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  const dims = [];
  for (let i = 0; i < bytes[3]; i++) dims.push(bytes.readUInt32BE(4 + 4 * i));
  return { dims, data: bytes.subarray(4 + 4 * dims.length) };
}

/** Writes one split's images as PNGs, a few at a time (sharp encodes on its own threads). */
async function writeSplit(out, split, images, labels, limit, classNames) {
  const [count, height, width] = images.dims;
  const n = Math.min(count, limit);
  const digits = String(count - 1).length;
  for (const [label, name] of classNames.entries()) await mkdir(join(out, split, `${label}-${name}`), { recursive: true });
  const pixels = height * width;
  let next = 0;
  async function writer() {
    while (next < n) {
      const i = next++;
      const label = labels.data[i];
      // b-w, or sharp writes the grey pixels as an RGB PNG.
      const png = await sharp(images.data.subarray(i * pixels, (i + 1) * pixels), { raw: { width, height, channels: 1 } })
        .toColourspace('b-w')
        .png()
        .toBuffer();
      await writeFile(join(out, split, `${label}-${classNames[label]}`, `${String(i).padStart(digits, '0')}.png`), png);
    }
  }
  await Promise.all(Array.from({ length: 8 }, writer));
  return n;
}

export async function fashionToPng(out, idxDir = '/usr/share/datasets/fashion-mnist', { limit = Infinity, classNames = FASHION_CLASSES } = {}) {
  const read = (name) => readIdx(join(idxDir, name));
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map(read),
  );
  const train = await writeSplit(out, 'train', trainImages, trainLabels, limit, classNames);
  const test = await writeSplit(out, 'test', testImages, testLabels, limit, classNames);
  return { train, test };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const limitAt = args.indexOf('--limit');
  const limit = limitAt === -1 ? Infinity : Number(args.splice(limitAt, 2)[1]);
  const [out, idxDir] = args;
  if (!out) {
    console.error('usage: node scripts/fashion-to-png.mjs OUT [IDX_FOLDER] [--limit N]');
    process.exit(2);
  }
  const started = Date.now();
  const { train, test } = await fashionToPng(out, idxDir, { limit });
  console.log(`${train} training and ${test} test images written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
