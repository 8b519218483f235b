// What the classes of an IDX folder are called: the names in a `classes.txt` beside its files (one
// name per line, line 1 for label 0), else Fashion-MNIST's ten for a folder named after it, else the
// digits for a folder named plainly "mnist"; otherwise the classes stay numbers. The names are English
// (or the learner's own, from classes.txt); the app words the known ones in its languages.

import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LabError } from '../errors';
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
    throw new LabError('data', `The class names file ${path} cannot be read (${errorCode(error) ?? 'unknown error'}).`);
  }
  if (size > MAX_CLASSES_FILE_BYTES) {
    throw new LabError(
      'data',
      `The class names file ${path} is ${size.toLocaleString('en-US')} bytes: a ${CLASSES_FILE} holds one name per line, a few hundred bytes.`,
    );
  }
  const lines = (await readFile(path, 'utf8'))
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < classes) {
    throw new LabError(
      'data',
      `The class names file ${path} names ${lines.length} classes, but the labels count ${classes}: write one name per line, the first for label 0.`,
    );
  }
  const blank = lines.findIndex((line, i) => i < classes && line === '');
  if (blank !== -1) throw new LabError('data', `The class names file ${path} has an empty line ${blank + 1}: each class needs a name.`);
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
