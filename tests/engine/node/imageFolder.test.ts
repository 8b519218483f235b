// images:FOLDER on real files: folders that are wrong in each way a learner's folder is, and the sentence
// each gets; the lab's own PNG reader held to sharp byte for byte; digits written as PNG files read back
// as the very bytes of their IDX file, and trained with exact seeded numbers; the cache (hit, miss on a
// changed file, a damaged cache file); and a cancel in the middle of thousands of files.
// Needs the build (dist/worker-images.mjs): tests/lanes.ts lists it.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../engine/data/dataset';
import { LabError } from '../../../engine/errors';
import { Network } from '../../../engine/network';
import { listImageSource, loadDataSource } from '../../../engine/node/datasets';
import { loadImageFolder, type ImageLoadProgress } from '../../../engine/node/imageFolder';
import { loadBundledMnist, loadIdxFolder } from '../../../engine/node/idxFolder';
import { decodePlainPng } from '../../../engine/node/pngReader';
import { Trainer, type EpochEvent } from '../../../engine/trainer';
import { available, FASHION_DIR, fashionMnist } from '../../requirements';

let root: string;
let cacheDir: string;
let counter = 0;
let mnist: Dataset;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dlab-images-'));
  cacheDir = join(root, 'cache');
  mnist = await loadBundledMnist();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshDir(): string {
  const dir = join(root, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
}

/** A grey PNG of w×h whose pixels are a pattern set by `seed`. */
async function greyPng(w: number, h: number, seed = 0): Promise<Buffer> {
  const pixels = Buffer.from(Array.from({ length: w * h }, (_, i) => (i * 37 + seed * 11) % 256));
  return sharp(pixels, { raw: { width: w, height: h, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

/** Writes `files` (relative path → bytes, or null for a folder) under a fresh folder. */
function folder(files: Record<string, Uint8Array | string | null>): string {
  const dir = freshDir();
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    if (content === null) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

async function refusal(dir: string, options: { channels?: number; width?: number; height?: number } = {}): Promise<string> {
  try {
    await loadImageFolder(dir, options, { cacheDir });
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return (error as Error).message.replaceAll(dir, 'DIR');
  }
  throw new Error(`${dir} was loaded`);
}

describe('a folder that is wrong gets one sentence naming the file or folder', () => {
  it('refuses each bad folder with its own sentence, and caches nothing', async () => {
    const png = await greyPng(4, 4);
    const good = { 'cat/1.png': png, 'cat/2.png': png, 'dog/1.png': png, 'dog/2.png': png };
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
    const cases: [string, Record<string, Uint8Array | string | null>, string][] = [
      [
        'a truncated PNG',
        { ...good, 'dog/3.png': png.subarray(0, png.length - 16) },
        'The image DIR/dog/3.png is damaged: the IDAT chunk runs past the end of the file (it is truncated).',
      ],
      [
        'a text file in a class folder',
        { ...good, 'cat/notes.txt': 'hello' },
        'The file DIR/cat/notes.txt is not an image (the lab reads .png, .jpg, .jpeg and .gif files): move it out of the class folder.',
      ],
      [
        'text under an image name',
        { ...good, 'cat/3.png': 'not really a picture' },
        'The file DIR/cat/3.png is not an image: its first bytes are not those of a PNG, JPEG or GIF file.',
      ],
      ['an empty file', { ...good, 'cat/3.jpg': '' }, 'The image DIR/cat/3.jpg is empty (0 bytes).'],
      [
        'a BMP, which sharp does not decode',
        { ...good, 'cat/3.bmp': bmp },
        "The image DIR/cat/3.bmp is a BMP file, which sharp (the lab's image decoder) cannot read: convert it to PNG, which keeps every pixel.",
      ],
      [
        'a JPEG cut short',
        { ...good, 'cat/3.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]) },
        'The image DIR/cat/3.jpg cannot be read: ',
      ],
      ['an empty class folder', { ...good, fox: null }, 'The class folder DIR/fox is empty: put at least one image in it, or remove it.'],
      [
        'a folder inside a class folder',
        { ...good, 'cat/kittens/1.png': png },
        'DIR/cat/kittens is a folder inside the class folder DIR/cat: a class folder holds images only, one level deep.',
      ],
      [
        'an image beside the class folders',
        { ...good, 'stray.png': png },
        'The image DIR/stray.png is not in a class folder: DIR holds one folder per class, named after the class, with the images inside.',
      ],
      ['one class only', { 'cat/1.png': png, 'cat/2.png': png }, 'The image folder DIR has one class folder (cat): a classifier needs at least two classes.'],
      [
        'no class folders',
        { 'readme.md': 'images go here' },
        "The image folder DIR has no class folders: put the images of each class in a folder named after the class (torchvision's ImageFolder layout).",
      ],
      [
        'train/ without test/',
        { 'train/cat/1.png': png, 'train/dog/1.png': png },
        'The image folder DIR has a train folder but no test folder: give both, or neither (then a fifth of each class is held out for test).',
      ],
      [
        'a class missing from test/',
        { 'train/cat/1.png': png, 'train/dog/1.png': png, 'test/cat/1.png': png },
        'The class dog is in DIR/train but not in DIR/test: the training and test folders must hold the same classes.',
      ],
      [
        'train/ and test/ beside a class folder',
        { 'train/cat/1.png': png, 'train/dog/1.png': png, 'test/cat/1.png': png, 'test/dog/1.png': png, 'bird/1.png': png },
        'The image folder DIR holds train/ and test/ and also bird/: put each class inside train/ and test/, or leave out train/ and test/ altogether.',
      ],
    ];
    for (const [what, files, sentence] of cases) {
      const message = await refusal(folder(files));
      if (sentence.endsWith(': ')) expect(message, what).toMatch(new RegExp(`^${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.+\\.$`));
      else expect(message, what).toBe(sentence);
    }
    // Options are checked before a file is read.
    expect(await refusal(folder(good), { channels: 2 })).toBe('channels must be 1 (grey) or 3 (RGB), but it is 2.');
    expect(await refusal(folder(good), { width: 28 })).toBe('Give both width and height for the images, or neither (then the size most images have is used).');
    expect(await refusal(join(root, 'nowhere'))).toBe('The image folder DIR does not exist.');
    // Nothing refused left anything in the cache.
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it('resizes images of other sizes to the size most have, and says how many', async () => {
    const dir = folder({
      'a/1.png': await greyPng(6, 4),
      'a/2.png': await greyPng(6, 4, 1),
      'b/1.png': await greyPng(6, 4, 2),
      'b/2.png': await greyPng(9, 9),
      'b/3.png': await greyPng(6, 4, 3),
    });
    const ds = await loadImageFolder(dir, {}, { cacheDir });
    expect(ds.inputShape).toEqual([1, 4, 6]);
    expect(ds.description).toContain('1 of other sizes were resized to 6×4.');
    expect(ds.train.count + ds.test.count).toBe(5);
    const rgb = await loadImageFolder(dir, { channels: 3, width: 3, height: 2 }, { cacheDir });
    expect(rgb.inputShape).toEqual([3, 2, 3]);
    // The size is first guessed from a sample of headers: here one, the odd one out (train/a/0.png, the
    // first file of the first class). The decode reads every file's size, and decodes again at the usual one.
    const six = (seed: number) => greyPng(6, 4, seed);
    const misled = folder({
      'train/a/0.png': await greyPng(9, 9),
      'train/a/1.png': await six(1),
      'train/b/1.png': await six(2),
      'test/a/1.png': await six(3),
      'test/b/1.png': await six(4),
    });
    const settled = await loadImageFolder(misled, {}, { cacheDir, surveySample: 1 });
    expect(settled.inputShape).toEqual([1, 4, 6]);
    expect(settled.description).toContain('1 of other sizes were resized to 6×4.');
  });
});

describe('JPEG and GIF files', () => {
  it('are decoded by sharp: colour JPEGs and GIFs give 3 channels, grey JPEGs 1, each as sharp decodes it', async () => {
    const colour = (seed: number) => Buffer.from(Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 29 + seed * 7) % 256));
    const jpeg = (seed: number) =>
      sharp(colour(seed), { raw: { width: 5, height: 4, channels: 3 } })
        .jpeg()
        .toBuffer();
    const dir = folder({
      'red/1.jpg': await jpeg(1),
      'red/2.jpeg': await jpeg(2),
      'blue/1.jpg': await jpeg(3),
      'blue/2.JPG': await jpeg(4),
      'blue/3.gif': await sharp(colour(5), { raw: { width: 5, height: 4, channels: 3 } })
        .gif()
        .toBuffer(),
    });
    const ds = await loadImageFolder(dir, {}, { cacheDir });
    expect(ds.inputShape).toEqual([3, 4, 5]);
    expect(ds.classNames).toEqual(['blue', 'red']);
    // Every image is exactly what sharp makes of its file, in some row of the dataset.
    const rows = new Set<string>();
    for (const split of [ds.train, ds.test])
      for (let i = 0; i < split.count; i++) rows.add(Buffer.from(split.x.subarray(i * 60, (i + 1) * 60)).toString('hex'));
    for (const name of ['red/1.jpg', 'red/2.jpeg', 'blue/1.jpg', 'blue/2.JPG', 'blue/3.gif']) {
      const expected = await sharp(join(dir, name)).removeAlpha().toColourspace('srgb').raw().toBuffer();
      expect(rows.has(expected.toString('hex')), name).toBe(true);
    }
    const greyJpeg = (seed: number) =>
      sharp(colour(seed).subarray(0, 20), { raw: { width: 5, height: 4, channels: 1 } })
        .toColourspace('b-w')
        .jpeg()
        .toBuffer();
    const greyDir = folder({ 'a/1.jpg': await greyJpeg(1), 'a/2.jpg': await greyJpeg(2), 'b/1.jpg': await greyJpeg(3), 'b/2.jpg': await greyJpeg(4) });
    expect((await loadImageFolder(greyDir, {}, { cacheDir })).inputShape).toEqual([1, 4, 5]);
  });
});

/** The filter type of each row of a one-IDAT PNG, read with zlib here (independent of the reader). */
function rowFilters(png: Buffer, stride: number, height: number): number[] {
  const at = png.indexOf('IDAT') - 4;
  const raw = inflateSync(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  return Array.from({ length: height }, (_, y) => raw[y * (stride + 1)]!);
}

describe("the lab's PNG reader", () => {
  it('gives the bytes sharp gives for grey, grey+alpha, RGB and RGBA PNGs with every row filter', async () => {
    const filtersSeen = new Set<number>();
    for (const [channels, colours] of [
      [1, 1],
      [1, 2],
      [3, 3],
      [3, 4],
    ] as const) {
      for (const seed of [1, 2, 3]) {
        const [w, h] = [13 + seed, 7 + seed];
        // Smooth ramps and noise, so the encoder picks different filters on different rows.
        const raw = Buffer.from(Array.from({ length: w * h * colours }, (_, i) => (seed % 2 ? i * 3 + ((i * i) % 17) : (i * 2654435761) >>> 24) & 0xff));
        const png = await sharp(raw, { raw: { width: w, height: h, channels: colours } })
          .toColourspace(colours <= 2 ? 'b-w' : 'srgb')
          .png({ adaptiveFiltering: true, compressionLevel: 9 })
          .toBuffer();
        let pipeline = sharp(png);
        pipeline = channels === 1 ? pipeline.grayscale().removeAlpha() : pipeline.removeAlpha().toColourspace('srgb');
        const fromSharp = await pipeline.raw().toBuffer();
        const ours = new Uint8Array(w * h * channels);
        expect(decodePlainPng(png, channels, ours, 0, w, h), `${colours} colours`).toBe(true);
        expect(Buffer.from(ours).equals(fromSharp), `${colours} colours, seed ${seed}`).toBe(true);
        for (const filter of rowFilters(png, w * colours, h)) filtersSeen.add(filter);
      }
    }
    // The reader has one loop per filter type: each of the five was met above.
    expect([...filtersSeen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves to sharp what it does not read: another size, a palette, 16 bits, grey wanted from colour', async () => {
    const out = new Uint8Array(64 * 3);
    const grey = await greyPng(8, 8);
    expect(decodePlainPng(grey, 1, out, 0, 4, 4)).toBe(false);
    const palette = await sharp(grey).png({ palette: true }).toBuffer();
    expect(decodePlainPng(palette, 1, out, 0, 8, 8)).toBe(false);
    const sixteen = await sharp(grey).toColourspace('grey16').png().toBuffer();
    expect(decodePlainPng(sixteen, 1, out, 0, 8, 8)).toBe(false);
    const rgb = await sharp(grey).toColourspace('srgb').png().toBuffer();
    expect(decodePlainPng(rgb, 1, out, 0, 8, 8)).toBe(false);
  });
});

/** Each image of a split as a hex string, sorted per class: the same pixels whatever the order. */
function imagesByClass(split: Dataset['train'], size: number): string[][] {
  const classes: string[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < split.count; i++) classes[split.y[i]!]!.push(Buffer.from(split.x.subarray(i * size, (i + 1) * size)).toString('hex'));
  return classes.map((c) => c.sort());
}

/** The first `n` images of an MNIST split as DIR/<half>/<digit>/<index>.png. */
async function writeDigits(dir: string, half: string, split: Dataset['train'], n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const label = split.y[i]!;
    mkdirSync(join(dir, half, String(label)), { recursive: true });
    const png = await sharp(split.x.subarray(i * 784, (i + 1) * 784), { raw: { width: 28, height: 28, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    writeFileSync(join(dir, half, String(label), `${String(i).padStart(4, '0')}.png`), png);
  }
}

describe('digits written as PNG files', () => {
  let digits: string;
  beforeAll(async () => {
    digits = freshDir();
    await writeDigits(digits, 'train', mnist.train, 500);
    await writeDigits(digits, 'test', mnist.test, 200);
  });

  it('read back as the very bytes of the IDX file, with the folder names as class names', async () => {
    const ds = await loadDataSource({ source: `images:${digits}` }, { cacheDir });
    expect(ds.inputShape).toEqual([1, 28, 28]);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.description).toBe(`Images in ${digits}: 500 training and 200 test images of 28×28 grey in 10 classes.`);
    const idxTrain = { ...mnist.train, x: mnist.train.x.subarray(0, 500 * 784), y: mnist.train.y.subarray(0, 500), count: 500 };
    const idxTest = { ...mnist.test, x: mnist.test.x.subarray(0, 200 * 784), y: mnist.test.y.subarray(0, 200), count: 200 };
    expect(imagesByClass(ds.train, 784)).toEqual(imagesByClass(idxTrain, 784));
    expect(imagesByClass(ds.test, 784)).toEqual(imagesByClass(idxTest, 784));
    // Mixed, not one class after another: trainLimit and validation take runs of samples.
    expect(new Set(ds.train.y.subarray(0, 50)).size).toBe(10);
    expect(await listImageSource(`images:${digits}`)).toMatchObject({
      split: 'folders',
      classes: expect.arrayContaining([{ name: '0', train: 45, test: 23 }]),
    });
  });

  it('are taken in the order of the numbers they are named by, so a seeded run gives the very numbers of the IDX path', async () => {
    const ds = await loadDataSource({ source: `images:${digits}` }, { cacheDir });
    // The same first 500 + 200 digits as the bundled IDX files hold them, in their order.
    const idx: Dataset = {
      ...mnist,
      train: { x: mnist.train.x.subarray(0, 500 * 784), y: mnist.train.y.subarray(0, 500), count: 500 },
      test: { x: mnist.test.x.subarray(0, 200 * 784), y: mnist.test.y.subarray(0, 200), count: 200 },
    };
    expect(Buffer.from(ds.train.y).equals(Buffer.from(idx.train.y))).toBe(true);
    expect(Buffer.from(ds.train.x).equals(Buffer.from(idx.train.x))).toBe(true);
    const model = {
      input: [1, 28, 28],
      layers: [{ type: 'flatten' }, { type: 'affine', units: 50 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }],
    };
    const training = { optimizer: { type: 'adam', lr: 0.01 }, batchSize: 50, epochs: 3, weightDecay: 0, seed: 1 };
    const epochs = (data: Dataset) =>
      [...new Trainer(new Network(model, { seed: 1 }), data, training as never).run()]
        .filter((e): e is EpochEvent => e.type === 'epoch')
        .map(({ trainLoss, trainAcc, testAcc, testLoss }) => ({ trainLoss, trainAcc, testAcc, testLoss }));
    const fromPng = epochs(ds);
    expect(fromPng).toHaveLength(3);
    expect(fromPng).toEqual(epochs(idx));
  });

  it('are mixed by a seeded shuffle when their names are not one index across the classes', async () => {
    const png = await greyPng(4, 4);
    const files: Record<string, Buffer> = {};
    // Names that start with their class, and names numbered within each class: neither is one index.
    for (let i = 0; i < 40; i++) for (const c of ['cat', 'dog']) files[`${c}/${c}.${i}.png`] = png;
    const prefixed = await loadDataSource({ source: `images:${folder(files)}` }, { cacheDir });
    const perClass: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i++) for (const c of ['cat', 'dog']) perClass[`${c}/${String(i).padStart(3, '0')}.png`] = png;
    const numbered = await loadDataSource({ source: `images:${folder(perClass)}` }, { cacheDir });
    for (const ds of [prefixed, numbered]) {
      const labels = Array.from(ds.train.y);
      // Neither class after class nor strictly alternating: shuffled.
      expect(new Set(labels.slice(0, 16)).size).toBe(2);
      expect(new Set(labels.slice(-16)).size).toBe(2);
      expect(labels.some((label, i) => i > 0 && label === labels[i - 1])).toBe(true);
    }
  });

  it('are decoded once: the next load reads the cache, a changed file or a damaged cache decodes again', async () => {
    const dir = freshDir();
    const ownCache = join(root, `cache-${counter++}`);
    await writeDigits(dir, 'train', mnist.train, 100);
    await writeDigits(dir, 'test', mnist.test, 100);
    const phases = async () => {
      const seen = new Set<string>();
      const ds = await loadImageFolder(dir, {}, { cacheDir: ownCache, onProgress: (p: ImageLoadProgress) => seen.add(p.phase) });
      return { ds, decoded: seen.has('decoding') };
    };
    const first = await phases();
    expect(first.decoded).toBe(true);
    const second = await phases();
    expect(second.decoded).toBe(false);
    expect(Buffer.from(second.ds.train.x).equals(Buffer.from(first.ds.train.x))).toBe(true);
    expect(second.ds.classNames).toEqual(first.ds.classNames);
    expect(first.ds.folder).toEqual({ path: dir, images: 200, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Touched, not changed (a copy to another machine gives new times): prepared again, as the cache
    // cannot know better, but the run's record of the folder is the same.
    const touched = join(dir, 'test', String(mnist.test.y[0]), '0000.png');
    utimesSync(touched, new Date(), new Date(Date.now() + 3000));
    const retimed = await phases();
    expect(retimed.decoded).toBe(true);
    expect(retimed.ds.folder).toEqual(first.ds.folder);

    // A file rewritten with other pixels (a new time and size): decoded again, and the new pixels are there.
    const victim = join(dir, 'train', String(mnist.train.y[0]), '0000.png');
    writeFileSync(
      victim,
      await sharp(Buffer.alloc(784, 255), { raw: { width: 28, height: 28, channels: 1 } })
        .toColourspace('b-w')
        .png()
        .toBuffer(),
    );
    utimesSync(victim, new Date(), new Date(Date.now() + 5000));
    const third = await phases();
    expect(third.decoded).toBe(true);
    expect(third.ds.folder?.sha256).not.toBe(first.ds.folder?.sha256);
    expect(imagesByClass(third.ds.train, 784).flat()).toContain('ff'.repeat(784));
    // The older preparation of the folder is gone: one cache file per folder read one way.
    expect(readdirSync(ownCache).filter((n) => n.endsWith('.bin'))).toHaveLength(1);

    // A damaged cache file is not trusted: it is decoded again and rewritten.
    const [cacheFile] = readdirSync(ownCache)
      .filter((name) => name.endsWith('.bin') && readFileSync(join(ownCache, name)).length > 0)
      .slice(-1);
    for (const name of readdirSync(ownCache)) truncateSync(join(ownCache, name), 100);
    expect(cacheFile).toBeDefined();
    const fourth = await phases();
    expect(fourth.decoded).toBe(true);
    expect(Buffer.from(fourth.ds.train.x).equals(Buffer.from(third.ds.train.x))).toBe(true);
  });
});

describe('a large folder', () => {
  it('reports progress and stops when cancelled, with a sentence and without a cache file', async () => {
    const dir = freshDir();
    const png = await greyPng(16, 16);
    for (const c of ['a', 'b']) {
      mkdirSync(join(dir, c));
      for (let i = 0; i < 3000; i++) writeFileSync(join(dir, c, `${i}.png`), png);
    }
    const ownCache = join(root, `cache-${counter++}`);
    const controller = new AbortController();
    const progress: ImageLoadProgress[] = [];
    const loading = loadImageFolder(
      dir,
      {},
      {
        cacheDir: ownCache,
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          if (p.phase === 'surveying') controller.abort();
        },
      },
    );
    const error = await loading.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('cancelled');
    expect((error as LabError).message).toBe(`Loading the images of ${dir} was cancelled.`);
    expect(progress.some((p) => p.phase === 'listing' && p.total === 6000)).toBe(true);
    expect(() => readdirSync(ownCache)).toThrow();
  });
});

// Measured once from this very folder and pinned: the folder, its seeded order and the run are all fixed.
describe.skipIf(!available(fashionMnist()))("Debian's Fashion-MNIST through scripts/fashion-to-png.mjs", () => {
  it('comes back from PNG folders as the bytes and labels of its IDX files, with the class names of the folders', async () => {
    const script = pathToFileURL(fileURLToPath(new URL('../../../scripts/fashion-to-png.mjs', import.meta.url))).href;
    const { fashionToPng, FASHION_CLASSES } = (await import(script)) as {
      fashionToPng: (out: string, idxDir: string, options: { limit: number }) => Promise<{ train: number; test: number }>;
      FASHION_CLASSES: string[];
    };
    const dir = freshDir();
    expect(await fashionToPng(dir, FASHION_DIR, { limit: 600 })).toEqual({ train: 600, test: 600 });
    const ds = await loadDataSource({ source: `images:${dir}` }, { cacheDir });
    expect(ds.classNames).toEqual(FASHION_CLASSES.map((name, label) => `${label}-${name}`));
    const idx = await loadIdxFolder(FASHION_DIR);
    const first = (split: Dataset['train']) => ({ x: split.x.subarray(0, 600 * 784), y: split.y.subarray(0, 600), count: 600 });
    expect(imagesByClass(ds.train, 784)).toEqual(imagesByClass(first(idx.train), 784));
    expect(imagesByClass(ds.test, 784)).toEqual(imagesByClass(first(idx.test), 784));
  });
});
