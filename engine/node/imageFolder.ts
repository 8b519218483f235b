// `images:DIR`: a folder of images in torchvision's ImageFolder layout, one folder per class —
// DIR/<class>/*.png|jpg|jpeg|gif, or DIR/train/<class>/… and DIR/test/<class>/… when the split is given;
// otherwise a seeded, stratified fifth of each class is held out for test (as the bundled digits).
// Class names are the folder names, sorted. The files are listed here, then read by worker threads, one
// per core, each decoding its share straight into shared memory (imageWorker.ts); the prepared bytes are
// cached in the lab's data/cache folder, keyed by the folder's names, sizes and modification times, so
// the next run on the same folder reads one file instead of decoding thousands.
// (Over 400 lines because listing, checking each file, the worker pool and the cache are one loading pass:
// they share the listing's order and the cancel signal; imageJob.ts and imageWorker.ts hold the worker's side.)

import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { labError, type LabError } from '../errors';
import type { DataFolder, Dataset, DataSplit } from '../data/dataset';
import { groupDigits } from '../data/idx';
import { refuseNetworkPath } from '../paths';
import { Rng } from '../rng';
import { outsideAsar } from './asarUnpacked';
import type { ImageJob, ImageRecords, ImageWorkerReply } from './imageJob';

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.bmp', '.gif'] as const;
/** Files a system or a file manager leaves in folders; skipped, never refused. */
const SYSTEM_LITTER = new Set(['thumbs.db', 'desktop.ini']);
/** The fraction of each class held out for test when the folder has no train/ and test/. */
const IMAGE_TEST_FRACTION = 0.2;
/** Labels are bytes. */
const MAX_IMAGE_CLASSES = 256;
const MAX_IMAGE_SIDE = 1024;
/** The prepared pixels of a whole dataset are held in one shared buffer. */
const MAX_IMAGE_DATASET_BYTES = 2 * 1024 ** 3 - 1;
/** Bumped when the cache file's layout or the way images are prepared changes: older files are then ignored. */
const CACHE_VERSION = 2;
const CACHE_MAGIC = 'DLABIMG1';

interface ImageOptions {
  /** 1 (grey) or 3 (RGB); by default 1 when every image is grey, else 3. */
  channels?: number;
  /** The size every image is resized to; by default the size most images have. */
  width?: number;
  height?: number;
}

export interface ImageLoadProgress {
  phase: 'listing' | 'surveying' | 'decoding';
  done: number;
  total: number;
}

export interface ImageLoadOptions {
  /** Where prepared datasets are kept; by default $DLAB_CACHE_DIR, else data/cache in the lab's user-data folder. */
  cacheDir?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImageLoadProgress) => void;
  /** Worker threads; by default one per core. */
  workers?: number;
  /** Headers read for the first guess of the usual size, spread over the folder (default 500). */
  surveySample?: number;
}

interface ImageFile {
  path: string;
  label: number;
  size: number;
  mtimeMs: number;
}

interface ImageFolderListing {
  dir: string;
  /** Whether DIR holds train/ and test/, or one set of class folders split by the seeded fraction. */
  split: 'folders' | 'fraction';
  classNames: string[];
  train: ImageFile[];
  test: ImageFile[];
}

/**
 * main/paths.ts's user-data folder, which the engine cannot import, followed by data/cache: the same
 * folder for the app, the web host and `dlab`.
 */
function defaultImageCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DLAB_CACHE_DIR) return env.DLAB_CACHE_DIR;
  const app = 'deep-learning-lab';
  const base =
    process.platform === 'win32'
      ? join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), app)
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support', app)
        : join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), app);
  return join(base, 'data', 'cache');
}

function code(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
}

function cancelled(dir: string): LabError {
  return labError('cancelled', 'images.cancelled', { dir });
}

function isLitter(name: string): boolean {
  return name.startsWith('.') || SYSTEM_LITTER.has(name.toLowerCase());
}

function hasImageName(name: string): boolean {
  const lower = name.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

async function entriesOf(dir: string) {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => !isLitter(e.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if (code(error) === 'ENOENT') throw labError('data', 'images.folderMissing', { dir });
    if (code(error) === 'ENOTDIR') throw labError('data', 'images.notAFolder', { dir });
    throw labError('data', 'images.folderUnreadable', { dir, reason: code(error) });
  }
}

/** The class folders of `dir` (sorted), refusing images that sit beside them instead of inside one. */
async function classFolders(dir: string, top: boolean): Promise<string[]> {
  // `top`: the image folder itself ("The image folder DIR has…"), else its train/ or test/ folder.
  const entries = await entriesOf(dir);
  const loose = entries.find((e) => !e.isDirectory() && hasImageName(e.name));
  if (loose) {
    throw labError('data', 'images.looseImage', { path: join(dir, loose.name), dir });
  }
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  if (folders.length === 0) throw top ? labError('data', 'images.noClassFolders', { dir }) : labError('data', 'images.splitNoClassFolders', { dir });
  return folders;
}

/** The image names of one class folder (stat()ed later, on the workers); anything but an image is refused by name. */
async function classImages(folder: string, label: number, out: ImageFile[]): Promise<void> {
  const entries = await entriesOf(folder);
  // `folder` comes from join(), already normal: a plain concatenation is the same path, without
  // path.join's normalising pass over each of thousands of names.
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  let found = 0;
  for (const entry of entries) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) {
      throw labError('data', 'images.folderInClass', { path, folder });
    }
    if (!hasImageName(entry.name)) {
      throw labError('data', 'images.notImageName', { path });
    }
    // NaN until the workers stat() the file: a double from the start, as the fractional times that come
    // back are. Starting at 0 (a small integer) made V8 change the layout of every one of a folder's
    // 70,000 objects when its time arrived — most of the cached load's time on the main thread.
    out.push({ path, label, size: Number.NaN, mtimeMs: Number.NaN });
    found++;
  }
  if (found === 0) throw labError('data', 'images.emptyClass', { folder });
}

function checkClassCount(classNames: string[], dir: string, top: boolean): void {
  if (classNames.length < 2) {
    const name = classNames[0];
    if (name === undefined) throw top ? labError('data', 'images.topZeroClasses', { dir }) : labError('data', 'images.zeroClasses', { where: dir });
    throw top ? labError('data', 'images.topOneClass', { dir, name }) : labError('data', 'images.oneClass', { where: dir, name });
  }
  if (classNames.length > MAX_IMAGE_CLASSES) {
    const values = { count: groupDigits(classNames.length), max: MAX_IMAGE_CLASSES };
    throw top ? labError('data', 'images.topTooManyClasses', { dir, ...values }) : labError('data', 'images.tooManyClasses', { where: dir, ...values });
  }
}

/** Splits each class's images by a seeded draw: a fifth (at least one when a class has two) goes to test. */
function stratifiedSplit(files: ImageFile[], classCount: number): { train: ImageFile[]; test: ImageFile[] } {
  const train: ImageFile[] = [];
  const test: ImageFile[] = [];
  const rng = new Rng(0, 'images:test-split');
  for (let label = 0; label < classCount; label++) {
    const ofClass = files.filter((f) => f.label === label);
    const order = rng.permutation(ofClass.length);
    const held = ofClass.length < 2 ? 0 : Math.max(1, Math.round(ofClass.length * IMAGE_TEST_FRACTION));
    order.forEach((k, i) => (i < held ? test : train).push(ofClass[k]!));
  }
  return { train, test };
}

/** What DIR holds, without opening an image: classes, files, sizes and times (what `dlab datasets` shows). */
export async function listImageFolder(dir: string, options: ImageLoadOptions = {}): Promise<ImageFolderListing> {
  refuseNetworkPath(dir, 'The image folder');
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if (code(error) === 'ENOENT') throw labError('data', 'images.folderMissing', { dir });
    throw labError('data', 'images.folderUnreadable', { dir, reason: code(error) });
  }
  if (!info.isDirectory()) throw labError('data', 'images.notAFolder', { dir });
  const top = await entriesOf(dir);
  const names = top.filter((e) => e.isDirectory()).map((e) => e.name);
  if (names.includes('train') || names.includes('test')) {
    for (const half of ['train', 'test']) {
      if (!names.includes(half)) throw labError('data', 'images.halfMissing', { dir, present: half === 'train' ? 'test' : 'train', absent: half });
    }
    const other = names.find((n) => n !== 'train' && n !== 'test');
    if (other !== undefined) {
      throw labError('data', 'images.strayBesideHalves', { dir, other });
    }
    const trainDir = join(dir, 'train');
    const testDir = join(dir, 'test');
    const classNames = await classFolders(trainDir, false);
    checkClassCount(classNames, trainDir, false);
    const testClasses = await classFolders(testDir, false);
    const missing = classNames.find((c) => !testClasses.includes(c)) ?? testClasses.find((c) => !classNames.includes(c));
    if (missing !== undefined) {
      const inTrain = classNames.includes(missing);
      throw labError('data', 'images.classNotInBoth', { name: missing, inDir: inTrain ? trainDir : testDir, notInDir: inTrain ? testDir : trainDir });
    }
    const train: ImageFile[] = [];
    const test: ImageFile[] = [];
    for (const [label, name] of classNames.entries()) await classImages(join(trainDir, name), label, train);
    for (const [label, name] of classNames.entries()) await classImages(join(testDir, name), label, test);
    await statFiles([...train, ...test], dir, options);
    return { dir, split: 'folders', classNames, train, test };
  }
  const classNames = await classFolders(dir, true);
  checkClassCount(classNames, dir, true);
  const all: ImageFile[] = [];
  for (const [label, name] of classNames.entries()) await classImages(join(dir, name), label, all);
  await statFiles(all, dir, options);
  return { dir, split: 'fraction', classNames, ...stratifiedSplit(all, classNames.length) };
}

function checkImageOptions(options: ImageOptions): void {
  if (options.channels !== undefined && options.channels !== 1 && options.channels !== 3) {
    throw labError('data', 'images.channels', { value: String(options.channels) });
  }
  if ((options.width === undefined) !== (options.height === undefined)) {
    throw labError('data', 'images.sizeBothOrNeither', {});
  }
  for (const side of ['width', 'height'] as const) {
    const value = options[side];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > MAX_IMAGE_SIDE)) {
      throw labError('data', 'images.side', { side, max: MAX_IMAGE_SIDE, value: String(value) });
    }
  }
}

// ---- worker threads ----

/** The built worker: beside this bundle (dist/dlab.js, dist/web.js), one folder up (dist/electron/main.js), or in dist/ of the source tree; unpacked from asar. */
function resolveImageWorkerScript(): string {
  const candidates = ['./worker-images.mjs', '../worker-images.mjs', '../../dist/worker-images.mjs'].map((rel) =>
    outsideAsar(fileURLToPath(new URL(rel, import.meta.url))),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the image worker is not built (looked for ${candidates.join(', ')}); run npm run build:node`);
  return found;
}

type Job = Pick<ImageJob, 'kind' | 'width' | 'height' | 'channels' | 'pixels' | 'record'>;

/** Runs `job` over `files` on `workers` threads, each on a consecutive share; the replies in share order. */
async function runWorkers(files: readonly ImageFile[], job: Job, dir: string, options: ImageLoadOptions): Promise<ImageWorkerReply[]> {
  if (options.signal?.aborted) throw cancelled(dir);
  // sharp's libraries stay loaded while the main thread holds them: a worker that exits would otherwise
  // unload them under the others (sharp's documentation on worker threads, glibc).
  if (job.kind !== 'stat') await import('sharp');
  const counters = new SharedArrayBuffer(8);
  const count = new Int32Array(counters);
  const threads = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(files.length / 64)));
  const share = Math.ceil(files.length / threads);
  const script = resolveImageWorkerScript();
  const stop = () => Atomics.store(count, 1, 1);
  options.signal?.addEventListener('abort', stop);
  const phase = job.kind === 'stat' ? 'listing' : job.kind === 'survey' ? 'surveying' : 'decoding';
  const ticker = setInterval(() => options.onProgress?.({ phase, done: Atomics.load(count, 0), total: files.length }), 100);
  try {
    const replies = await Promise.all(
      Array.from({ length: threads }, (_, t) => {
        const firstRow = t * share;
        const paths = files
          .slice(firstRow, firstRow + share)
          .map((f) => f.path)
          .join('\0');
        const data: ImageJob = { ...job, paths, firstRow, counters };
        return new Promise<ImageWorkerReply>((resolve) => {
          const worker = new Worker(script, { workerData: data });
          let replied = false;
          worker.once('message', (reply: ImageWorkerReply) => {
            replied = true;
            if (reply.type === 'refused') stop(); // the others stop at their next file
            resolve(reply);
          });
          worker.once('error', (error) => {
            stop();
            resolve({ type: 'refused', said: { code: 'images.threadFailed', values: { dir, reason: error.message } } });
          });
          worker.once('exit', () => {
            if (!replied) resolve({ type: 'refused', said: { code: 'images.threadStopped', values: { dir } } });
          });
        });
      }),
    );
    const refusal = replies.find((r) => r.type === 'refused');
    if (refusal?.type === 'refused') throw labError('data', refusal.said.code, refusal.said.values);
    if (options.signal?.aborted || replies.some((r) => r.type === 'stopped')) throw cancelled(dir);
    options.onProgress?.({ phase, done: files.length, total: files.length });
    return replies;
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', stop);
  }
}

/** Each file's size and modification time, for the cache's key, read on the workers. */
async function statFiles(files: ImageFile[], dir: string, options: ImageLoadOptions): Promise<void> {
  const replies = await runWorkers(files, { kind: 'stat', width: 0, height: 0, channels: 1 }, dir, options);
  let row = 0;
  for (const reply of replies) {
    if (reply.type !== 'statted') continue;
    for (let i = 0; i < reply.size.length; i++, row++) {
      files[row]!.size = reply.size[i]!;
      files[row]!.mtimeMs = reply.mtimeMs[i]!;
    }
  }
}

interface Survey {
  width: number;
  height: number;
  allGrey: boolean;
  otherSizes: number;
}

/** Files read for the first guess of the usual size: spread evenly over the (mixed) list. */
const SURVEY_SAMPLE = 500;

/** The size most images have (ties: the larger count first, then the smaller area), and whether every image is grey. */
function usualSize(records: readonly ImageRecords[], total: number): Survey {
  const counts = new Map<string, number>();
  let allGrey = true;
  for (const reply of records) {
    for (let i = 0; i < reply.width.length; i++) {
      const key = `${reply.width[i]}×${reply.height[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (reply.grey[i] === 0) allGrey = false;
    }
  }
  const area = (key: string) =>
    key
      .split('×')
      .map(Number)
      .reduce((a, b) => a * b, 1);
  const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || area(a[0]) - area(b[0]) || (a[0] < b[0] ? -1 : 1))[0]!;
  const [width, height] = best.split('×').map(Number) as [number, number];
  return { width, height, allGrey, otherSizes: total - n };
}

/** The usual size guessed from the headers of a sample spread evenly over the folder, class by class. */
async function surveySample(listing: ImageFolderListing, dir: string, options: ImageLoadOptions): Promise<Survey> {
  const files = [...listing.train, ...listing.test];
  const wanted = Math.max(1, Math.min(files.length, options.surveySample ?? SURVEY_SAMPLE));
  const step = files.length / wanted;
  const sample = Array.from({ length: wanted }, (_, i) => files[Math.floor(i * step)]!);
  const replies = await runWorkers(sample, { kind: 'survey', width: 0, height: 0, channels: 1 }, dir, options);
  return usualSize(
    replies.flatMap((r) => (r.type === 'surveyed' ? [r] : [])),
    sample.length,
  );
}

// ---- the cache ----

interface CacheHeader {
  version: number;
  classNames: string[];
  inputShape: [number, number, number];
  train: number;
  test: number;
  description: string;
}

/**
 * The cache file's name: images-<folder and options>-<contents>.bin. The first part names the folder
 * read one way, so a newer preparation of it can replace the older ones instead of piling up beside them.
 */
function cacheName(listing: ImageFolderListing, options: ImageOptions): { prefix: string; name: string; folder: DataFolder } {
  const which = createHash('sha256')
    .update(JSON.stringify([CACHE_VERSION, listing.dir, options.channels ?? null, options.width ?? null, options.height ?? null]))
    .digest('hex')
    .slice(0, 16);
  // Every image's place (one text of the paths), class and size (numbers, hashed as bytes: no text per
  // file), hashed once: the run's record of the folder. The cache key adds the modification times (a file
  // rewritten with the same size is prepared again); the record leaves them out, so the same folder
  // copied to another machine is recognised as the same.
  const files = [...listing.train, ...listing.test];
  const base = join(listing.dir, '_').length - 1; // the folder as join() wrote it into each path, with its separator
  const place = sep === '/' ? (f: ImageFile) => f.path.slice(base) : (f: ImageFile) => f.path.slice(base).split(sep).join('/');
  const numbers = new Float64Array(files.length * 2);
  const times = new Float64Array(files.length);
  files.forEach((f, i) => {
    numbers[2 * i] = f.label;
    numbers[2 * i + 1] = f.size;
    times[i] = f.mtimeMs;
  });
  const listingHash = createHash('sha256')
    .update(JSON.stringify([listing.split, listing.classNames]))
    .update(files.map(place).join('\n'))
    .update(new Uint8Array(numbers.buffer))
    .digest('hex');
  const contents = createHash('sha256').update(listingHash).update(new Uint8Array(times.buffer)).digest('hex');
  const prefix = `images-${which}-`;
  return { prefix, name: `${prefix}${contents.slice(0, 32)}.bin`, folder: { path: listing.dir, images: files.length, sha256: listingHash } };
}

/** Removes the older preparations of the same folder read the same way: they can never be read again. */
async function removeOlder(cacheDir: string, prefix: string, keep: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(prefix) && n.endsWith('.bin') && n !== keep).map((n) => rm(join(cacheDir, n), { force: true }).catch(() => undefined)),
  );
}

/**
 * The cached dataset, or undefined when there is none or it does not read back whole (then it is prepared
 * again). The pixels are read straight into the shared buffer the runs will use: no second copy.
 */
async function readCache(path: string, source: string): Promise<Dataset | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(12);
    if (size < 12 || (await handle.read(head, 0, 12, 0)).bytesRead !== 12 || head.toString('latin1', 0, 8) !== CACHE_MAGIC) return undefined;
    const headerLength = head.readUInt32LE(8);
    if (headerLength > 16 * 1024 * 1024 || 12 + headerLength > size) return undefined;
    const json = Buffer.alloc(headerLength);
    await handle.read(json, 0, headerLength, 12);
    let header: CacheHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as CacheHeader;
    } catch {
      return undefined;
    }
    const [c, h, w] = header.inputShape;
    const d = c * h * w;
    const count = header.train + header.test;
    const start = 12 + headerLength;
    if (header.version !== CACHE_VERSION || !(count > 0) || size !== start + count * (d + 1)) return undefined;
    // One shared buffer for the pixels of both splits, one for the labels, as a fresh decode makes them.
    const pixels = new Uint8Array(new SharedArrayBuffer(count * d));
    const labels = new Uint8Array(new SharedArrayBuffer(count));
    if (!(await readFully(handle, pixels, start)) || !(await readFully(handle, labels, start + pixels.length))) return undefined;
    return makeDataset(source, header, pixels, labels);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

async function readFully(handle: FileHandle, into: Uint8Array, position: number): Promise<boolean> {
  let filled = 0;
  while (filled < into.length) {
    // At most 1 GiB a call: a read() of more is refused on some systems.
    const { bytesRead } = await handle.read(into, filled, Math.min(into.length - filled, 1024 ** 3), position + filled);
    if (bytesRead === 0) return false;
    filled += bytesRead;
  }
  return true;
}

async function writeCache(path: string, header: CacheHeader, pixels: Uint8Array, labels: Uint8Array): Promise<void> {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(12);
  head.write(CACHE_MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temporary, Buffer.concat([head, json, pixels, labels]));
    await rename(temporary, path); // whole or not at all: a reader never sees half a file
  } catch {
    // A cache that cannot be written costs the next run a decode, nothing else.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

function makeDataset(source: string, header: CacheHeader, pixels: Uint8Array, labels: Uint8Array): Dataset {
  const d = header.inputShape[0] * header.inputShape[1] * header.inputShape[2];
  const split = (from: number, count: number): DataSplit => ({
    x: pixels.subarray(from * d, (from + count) * d),
    y: labels.subarray(from, from + count),
    count,
  });
  return {
    source,
    description: header.description,
    inputShape: [...header.inputShape],
    classes: header.classNames.length,
    classNames: header.classNames,
    train: split(0, header.train),
    test: split(header.train, header.test),
  };
}

/** Every file decoded at `target` into one new shared buffer, with each file's own size when `record`. */
async function decodeAll(
  files: readonly ImageFile[],
  target: { width: number; height: number; channels: 1 | 3 },
  record: boolean,
  dir: string,
  options: ImageLoadOptions,
): Promise<{ bytes: Uint8Array; records: ImageRecords[] }> {
  const { width, height, channels } = target;
  const total = files.length * channels * width * height;
  if (total > MAX_IMAGE_DATASET_BYTES) {
    throw labError('data', 'images.tooMuchMemory', {
      count: groupDigits(files.length),
      dir,
      size: `${width}×${height}×${channels}`,
      bytes: groupDigits(total),
      max: groupDigits(MAX_IMAGE_DATASET_BYTES),
    });
  }
  const bytes = new Uint8Array(new SharedArrayBuffer(total));
  const replies = await runWorkers(files, { kind: 'decode', width, height, channels, pixels: bytes.buffer, record }, dir, options);
  return { bytes, records: replies.flatMap((r) => (r.type === 'decoded' && r.records ? [r.records] : [])) };
}

/** The number a file is named by ("00017.png" → 17), or undefined when its name is not a number alone. */
function fileNumber(path: string): number | undefined {
  const name = path.slice(path.lastIndexOf(sep) + 1);
  const stem = name.slice(0, name.lastIndexOf('.'));
  return /^\d{1,15}$/.test(stem) ? Number(stem) : undefined;
}

/**
 * The order of one split's samples. The listing holds them class by class, and trainLimit and validation
 * take runs of samples, so they must be mixed. When every file of the split is named by a number and no
 * number repeats across classes, the numbers are an index the files were written from (an IDX set saved
 * as PNGs, scripts/fashion-to-png.mjs): the samples take that order, so the folder trains to the very
 * numbers of its IDX files. Otherwise a seeded shuffle mixes them.
 * Why not a natural sort of every name: names often start with their class ("cat.0.jpg", "dog.0.jpg"),
 * which would line the samples up class after class; and names numbered within each class ("0001.jpg" in
 * every folder) would put the larger classes' last files together at the end, where validation is taken.
 */
function ordered(files: ImageFile[], stream: string): ImageFile[] {
  const numbers = files.map((f) => fileNumber(f.path));
  if (numbers.every((n) => n !== undefined) && new Set(numbers).size === files.length) {
    return files
      .map((f, i) => ({ f, n: numbers[i]! }))
      .sort((a, b) => a.n - b.n)
      .map(({ f }) => f);
  }
  const order = new Rng(0, stream).permutation(files.length);
  return Array.from(order, (k) => files[k]!);
}

/**
 * The dataset of an image folder: listed, checked, surveyed for its usual size, decoded on every core
 * into shared memory, and cached; or read from the cache when the folder has not changed since.
 */
export async function loadImageFolder(
  dir: string,
  imageOptions: ImageOptions = {},
  options: ImageLoadOptions = {},
  source = `images:${dir}`,
): Promise<Dataset> {
  checkImageOptions(imageOptions);
  const listing = await listImageFolder(dir, options);
  const cacheDir = options.cacheDir ?? defaultImageCacheDir();
  const { prefix, name, folder } = cacheName(listing, imageOptions);
  const cachePath = join(cacheDir, name);
  const cached = await readCache(cachePath, source);
  if (cached) return { ...cached, folder };

  const files = [...ordered(listing.train, 'images:train-order'), ...ordered(listing.test, 'images:test-order')];
  // Whatever the options leave open is first guessed from a sample of headers; the decode reports every
  // file's own size, and in the rare folder where the sample guessed wrong, it decodes again at the size
  // most images really have. A folder of one size is thus read once, not twice.
  const guessing = imageOptions.width === undefined || imageOptions.channels === undefined;
  const settle = (found: Survey | undefined) => ({
    width: imageOptions.width ?? found!.width,
    height: imageOptions.height ?? found!.height,
    channels: (imageOptions.channels ?? (found!.allGrey ? 1 : 3)) as 1 | 3,
  });
  let target = settle(guessing ? await surveySample(listing, dir, options) : undefined);
  let pixels = await decodeAll(files, target, guessing, dir, options);
  let resizedNote = '';
  if (guessing) {
    const found = usualSize(pixels.records, files.length);
    const truth = settle(found);
    if (truth.width !== target.width || truth.height !== target.height || truth.channels !== target.channels) {
      target = truth;
      pixels = await decodeAll(files, target, false, dir, options);
    }
    if (found.otherSizes > 0 && imageOptions.width === undefined)
      resizedNote = ` ${groupDigits(found.otherSizes)} of other sizes were resized to ${target.width}×${target.height}.`;
  }
  const { width, height, channels } = target;
  const labels = new Uint8Array(new SharedArrayBuffer(files.length));
  files.forEach((f, i) => (labels[i] = f.label));
  const train = listing.train.length;
  const test = listing.test.length;
  const header: CacheHeader = {
    version: CACHE_VERSION,
    classNames: listing.classNames,
    inputShape: [channels, height, width],
    train,
    test,
    description:
      `Images in ${dir}: ${groupDigits(train)} training and ${groupDigits(test)} test images of ${width}×${height} ${channels === 1 ? 'grey' : 'RGB'} in ${listing.classNames.length} classes` +
      `${listing.split === 'fraction' ? ' (a seeded fifth of each class held out for test)' : ''}.${resizedNote}`,
  };
  await writeCache(cachePath, header, pixels.bytes, labels);
  await removeOlder(cacheDir, prefix, name);
  return { ...makeDataset(source, header, pixels.bytes, labels), folder };
}
