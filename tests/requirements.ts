// What some tests need from the machine beyond Node: a Chromium for the end-to-end tests, Python's
// NumPy, Debian's Fashion-MNIST, the book's conformance weights. On a fresh machine with only Node,
// `npm test` must still pass: a test whose requirement is missing is skipped, and says so in one loud
// line naming what to install. CI installs everything and sets DLAB_REQUIRE_ALL=1, under which a
// missing requirement is a failure, never a skip.
//
// Used from vitest.config.ts too (to leave out the end-to-end files when there is no browser), so it
// imports nothing from vitest.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Requirement {
  /** What is needed, as a person would name it. */
  name: string;
  /** How to get it. */
  install: string;
  /** True when the machine has it. */
  present: boolean;
}

/** True when every requirement must be met (CI): a missing one fails instead of skipping. */
export const requireAll = process.env.DLAB_REQUIRE_ALL === '1';

const told = new Set<string>();

/**
 * True when `requirement` is met. When it is not: throws under DLAB_REQUIRE_ALL=1, else prints one loud
 * line (once per requirement and process) and returns false, for `describe.skipIf(!…)`.
 */
export function available(requirement: Requirement): boolean {
  if (requirement.present) return true;
  if (requireAll) throw new Error(`${requirement.name} is missing — ${requirement.install}. DLAB_REQUIRE_ALL=1 says nothing may be skipped here.`);
  if (!told.has(requirement.name)) {
    told.add(requirement.name);
    process.stderr.write(`\n!!! SKIPPED: the tests that need ${requirement.name}, which this machine lacks — ${requirement.install}.\n\n`);
  }
  return false;
}

/** The first executable Chromium (or Chrome) found where people have one, or null. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM,
    process.env.DLAB_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...playwrightBrowsers(),
  ];
  return candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path)) ?? null;
}

/** Chromium builds in playwright's own cache (where `npx playwright install` puts them on machines that can download). */
function playwrightBrowsers(): string[] {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((name) => name.startsWith('chromium'))
    .sort()
    .reverse()
    .flatMap((name) => [join(cache, name, 'chrome-linux', 'chrome'), join(cache, name, 'chrome-linux64', 'chrome')]);
}

export const chromium = (): Requirement => ({
  name: 'Chromium (for the end-to-end tests)',
  install: 'install it (Debian: apt-get install -y chromium) or point CHROMIUM at a Chromium or Chrome executable',
  present: findChromium() !== null,
});

export const PYTHON = '/usr/bin/python3';

export const numpy = (): Requirement => ({
  name: 'Python 3 with NumPy',
  install: 'install it (Debian: apt-get install -y python3-numpy)',
  present: existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0,
});

export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

export const fashionMnist = (): Requirement => ({
  name: 'Fashion-MNIST',
  install: 'install it (Debian: apt-get install -y dataset-fashion-mnist)',
  present: existsSync(join(FASHION_DIR, 'train-images-idx3-ubyte.gz')),
});

export const conformanceDir = (): string => process.env.DLAB_CONFORMANCE_DIR ?? new URL('../../shared/conformance/', import.meta.url).pathname;

export const conformanceWeights = (): Requirement => ({
  name: "the book's conformance weights",
  install: `put the project's shared/conformance folder beside the repository (looked in ${conformanceDir()}) or set DLAB_CONFORMANCE_DIR`,
  present: existsSync(join(conformanceDir(), 'book-ch03-sample-weight.weights.json')),
});

export const pythonOnnx = (): Requirement => ({
  name: 'Python 3 with onnx (its checker)',
  install: 'install it (Debian: apt-get install -y python3-onnx)',
  present: existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import onnx.checker'], { stdio: 'ignore' }).status === 0,
});

export const pythonTorch = (): Requirement => ({
  name: 'Python 3 with PyTorch',
  install: 'install it (Debian: apt-get install -y python3-torch)',
  present: existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
});

export const SKLEARN_DATA_DIR = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

/** scikit-learn's small real datasets as CSV files (iris, wine, breast cancer), for the csv: source. */
export const sklearnData = (): Requirement => ({
  name: "scikit-learn's bundled datasets (iris.csv, wine_data.csv)",
  install: 'install them (Debian: apt-get install -y python3-sklearn)',
  present: existsSync(join(SKLEARN_DATA_DIR, 'iris.csv')) && existsSync(join(SKLEARN_DATA_DIR, 'wine_data.csv')),
});
