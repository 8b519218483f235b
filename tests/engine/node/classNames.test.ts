// What an IDX folder's classes are called, read from real folders on disk: a classes.txt beside the
// files, Fashion-MNIST's ten for Debian's copy, numbers otherwise; a names file that does not fit is
// refused with a sentence.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLabError } from '../../../engine/errors';
import { FASHION_MNIST_NAMES } from '../../../engine/node/classNames';
import { listDatasets, loadDataSource } from '../../../engine/node/datasets';
import { available, FASHION_DIR, fashionMnist } from '../../requirements';
import { SET_FILE_NAMES, smallSet, type SmallSet } from '../data/idxFixtures';

let root: string;

/** A folder of the four IDX files of a tiny 3-class set, named `name`. */
function idxFolder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const set = smallSet(12, 4, 2, 2, 3);
  for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>) writeFileSync(join(dir, SET_FILE_NAMES[role]), set[role]);
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dlab-classnames-'));
});

describe('class names of an IDX folder', () => {
  it('reads classes.txt beside the files, one name per line', async () => {
    const dir = idxFolder('shapes');
    writeFileSync(join(dir, 'classes.txt'), '\uFEFFcircle\r\nsquare\ntriangle\n\n');
    const dataset = await loadDataSource({ source: `idx:${dir}` });
    expect(dataset.classNames).toEqual(['circle', 'square', 'triangle']);
    const listed = await listDatasets({ fashionDir: dir });
    expect(listed.at(-1)?.classNames).toEqual(['circle', 'square', 'triangle']);
  });

  it('keeps the classes as numbers when nothing names them', async () => {
    const dataset = await loadDataSource({ source: `idx:${idxFolder('plain')}` });
    expect(dataset.classNames).toBeUndefined();
  });

  it('refuses a classes.txt with fewer names than classes, or an empty name, saying where', async () => {
    const short = idxFolder('short');
    writeFileSync(join(short, 'classes.txt'), 'circle\nsquare\n');
    const error = await loadDataSource({ source: `idx:${short}` }).catch((e: unknown) => e);
    expect(isLabError(error) && error.kind).toBe('data');
    expect((error as Error).message).toBe(
      `The class names file ${join(short, 'classes.txt')} names 2 classes, but the labels count 3: write one name per line, the first for label 0.`,
    );
    const gap = idxFolder('gap');
    writeFileSync(join(gap, 'classes.txt'), 'circle\n\ntriangle\n');
    await expect(loadDataSource({ source: `idx:${gap}` })).rejects.toThrow(/has an empty line 2/);
  });

  it.skipIf(!available(fashionMnist()))('names Debian’s Fashion-MNIST’s ten classes, in the listing and when loaded', async () => {
    const listing = await listDatasets();
    expect(listing.find((d) => d.source === `idx:${FASHION_DIR}`)?.classNames).toEqual([...FASHION_MNIST_NAMES]);
    expect(listing.find((d) => d.source === 'mnist')?.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const fashion = await loadDataSource({ source: `idx:${FASHION_DIR}`, trainLimit: 10 });
    expect(fashion.classNames?.[9]).toBe('Ankle boot');
  });
});
