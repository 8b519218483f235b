// What the classes of an IDX folder are called: the names in a `classes.txt` beside its files (one
// name per line, line 1 for label 0), else Fashion-MNIST's ten for a folder named after it, else the
// digits for a folder named plainly "mnist"; otherwise the classes stay numbers. The names are English
// (or the learner's own, from classes.txt); the app words the known ones in its languages.

import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { labError } from '../errors';
import { DIGIT_NAMES } from './idxFolder';

const CLASSES_FILE = 'classes.txt';

/** Zalando's names for Fashion-MNIST's labels 0…9. */
export const FASHION_MNIST_NAMES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** A names file is a few hundred bytes; anything far larger is not one. */
const MAX_CLASSES_FILE_BYTES = 64 * 1024;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

async function readNamesFile(path: string, classes: number): Promise<string[] | undefined> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw labError('data', 'classes.unreadable', { path, reason: errorCode(error) ?? 'unknown error' });
  }
  if (size > MAX_CLASSES_FILE_BYTES) {
    throw labError('data', 'classes.tooLarge', { path, size: size.toLocaleString('en-US'), file: CLASSES_FILE });
  }
  const lines = (await readFile(path, 'utf8'))
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < classes) {
    throw labError('data', 'classes.countMismatch', { path, names: lines.length, classes });
  }
  const blank = lines.findIndex((line, i) => i < classes && line === '');
  if (blank !== -1) throw labError('data', 'classes.emptyLine', { path, line: blank + 1 });
  return lines.slice(0, classes);
}

/** The names of the `classes` classes of the IDX folder `dir`, or undefined when they are not known. */
export async function idxClassNames(dir: string, classes: number): Promise<string[] | undefined> {
  const named = await readNamesFile(join(dir, CLASSES_FILE), classes);
  if (named) return named;
  const folder = basename(dir.replace(/[\\/]+$/, '')).toLowerCase();
  if (folder.includes('fashion') && classes === FASHION_MNIST_NAMES.length) return [...FASHION_MNIST_NAMES];
  if (/^mnist([-_ ]?(data|dataset|idx))?$/.test(folder) && classes === DIGIT_NAMES.length) return [...DIGIT_NAMES];
  return undefined;
}
