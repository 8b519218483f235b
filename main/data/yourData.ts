// "Your data": what a path dropped onto the window (or chosen in the one "Your data…" dialog) holds as a
// data source, and the web host's upload of dropped files, which have no path in a browser.
//
// An upload is stored whole or not at all: every name and every byte is checked before the first file is
// written, the files go into a private folder beside the uploads, and that folder is renamed into place
// only once all of them are written. Its name is a hash of the contents, so dropping the same data twice
// stores it once (and the image loader's cache, keyed by names, sizes and times, is reused).

import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { labError } from '../../engine/errors';
import { refuseNetworkPath } from '../../engine/paths';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../api/constants';
import type { UploadedFile } from '../api/contract';

const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif']);
/** The IDX file whose presence makes a folder an IDX folder (plain, gzipped, or the dotted variant). */
const IDX_MARKERS = ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz', 'train-images.idx3-ubyte', 'train-images.idx3-ubyte.gz'];

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null | undefined)?.code;
}

/** The data source a path holds: a table, a folder of IDX files, or a folder of class folders. */
export async function sourceOfPath(path: string): Promise<string> {
  refuseNetworkPath(path, 'The data');
  // Whatever the system says of a path it cannot read (a file in its place, no permission, a NUL in it) is the learner's sentence.
  const unreadable = (error: unknown) => {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return labError('file', 'yourData.missing', { path });
    return labError('file', 'yourData.unreadable', { path, reason: code ?? (error instanceof Error ? error.message : String(error)) });
  };
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw unreadable(error);
  }
  if (info.isDirectory()) {
    let names: string[];
    try {
      names = await readdir(path);
    } catch (error) {
      throw unreadable(error);
    }
    return IDX_MARKERS.some((marker) => names.includes(marker)) ? `idx:${path}` : `images:${path}`;
  }
  const extension = extname(path).toLowerCase();
  if (info.isFile() && TABLE_EXTENSIONS.has(extension)) return `csv:${path}`;
  if (info.isFile() && IMAGE_EXTENSIONS.has(extension)) {
    // An image names the folder of class folders it sits in: FOLDER/<class>/x.png, or FOLDER/train/<class>/x.png.
    const classes = dirname(dirname(path));
    const half = basename(classes);
    return `images:${half === 'train' || half === 'test' ? dirname(classes) : classes}`;
  }
  throw labError('file', 'yourData.notData', { name: basename(path) });
}

/** A plain name: no folder, no "." or "..", nothing a file system reads specially. */
function isPlainName(name: string): boolean {
  // 255 bytes, not characters: a file system's limit on one name (a Korean name of 100 characters is 300 bytes).
  if (name.length === 0 || Buffer.byteLength(name, 'utf8') > 255 || name === '.' || name === '..' || name.trim() !== name) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[\\/:*?"<>|\u0000-\u001f]/.test(name);
}

const IMAGE_SIGNATURES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
];

function looksLikeImage(bytes: Buffer): boolean {
  return IMAGE_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte));
}

/** Bytes a base64 text decodes to, counted without decoding it. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

interface CheckedFile {
  parts: string[];
  bytes: Buffer;
}

/** Every name and every byte of an upload, checked; the source kind it makes. Nothing is written here. */
function checkUpload(name: string, files: readonly UploadedFile[]): { kind: 'csv' | 'images'; checked: CheckedFile[] } {
  if (files.length === 0) throw labError('usage', 'upload.empty', {});
  if (files.length > UPLOAD_MAX_FILES) throw labError('usage', 'upload.tooManyFiles', { count: files.length, max: UPLOAD_MAX_FILES });
  const total = files.reduce((sum, file) => sum + decodedLength(file.base64), 0);
  if (total > UPLOAD_MAX_BYTES) throw labError('usage', 'upload.tooLarge', { mb: megabytes(total), max: megabytes(UPLOAD_MAX_BYTES) });
  if (!isPlainName(name)) throw labError('usage', 'upload.badName', { name });

  const single = files.length === 1 && !files[0]!.path.includes('/');
  if (single) {
    const file = files[0]!;
    if (!isPlainName(file.path)) throw labError('usage', 'upload.badName', { name: file.path });
    if (!TABLE_EXTENSIONS.has(extname(file.path).toLowerCase())) throw labError('usage', 'upload.notTable', { name: file.path });
    return { kind: 'csv', checked: [{ parts: [file.path], bytes: Buffer.from(file.base64, 'base64') }] };
  }
  const seen = new Set<string>();
  // class/image.png, or train|test/class/image.png — one or the other for the whole folder: the layouts the image loader reads.
  const depth = files[0]!.path.split('/').length === 3 ? 3 : 2;
  const checked = files.map((file) => {
    const parts = file.path.split('/');
    const layoutFits = parts.length === depth && (depth === 2 || parts[0] === 'train' || parts[0] === 'test');
    if (!layoutFits || !parts.every(isPlainName) || seen.has(file.path.toLowerCase())) throw labError('usage', 'upload.badName', { name: file.path });
    seen.add(file.path.toLowerCase());
    const bytes = Buffer.from(file.base64, 'base64');
    if (!IMAGE_EXTENSIONS.has(extname(file.path).toLowerCase()) || !looksLikeImage(bytes)) throw labError('usage', 'upload.notImage', { name: file.path });
    return { parts, bytes };
  });
  return { kind: 'images', checked };
}

/**
 * Stores an upload under `uploadsDir` and answers the data source naming it: "csv:…/iris.csv" or
 * "images:…/flowers". Refused whole (a sentence, nothing written) at the first bad name, byte or cap.
 */
export async function storeUpload(uploadsDir: string, name: string, files: readonly UploadedFile[]): Promise<string> {
  const { kind, checked } = checkUpload(name, files);
  const hash = createHash('sha256');
  for (const file of [...checked].sort((a, b) => (a.parts.join('/') < b.parts.join('/') ? -1 : 1))) {
    hash.update(file.parts.join('/')).update('\0').update(String(file.bytes.length)).update('\0').update(file.bytes);
  }
  const folder = join(uploadsDir, hash.digest('hex').slice(0, 16));
  const root = kind === 'csv' ? folder : join(folder, name);
  const source = kind === 'csv' ? `csv:${join(folder, checked[0]!.parts[0]!)}` : `images:${root}`;
  // The same contents were stored before (a second drop of the same data): nothing to write.
  if (existsSync(folder)) return source;

  await mkdir(uploadsDir, { recursive: true });
  const incoming = join(uploadsDir, `.incoming-${randomBytes(8).toString('hex')}`);
  const incomingRoot = kind === 'csv' ? incoming : join(incoming, name);
  try {
    for (const file of checked) {
      const target = join(incomingRoot, ...file.parts);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.bytes, { flag: 'wx' });
    }
    await rename(incoming, folder);
  } catch (error) {
    await rm(incoming, { recursive: true, force: true });
    // Another upload of the same contents finished first: its copy is as good as this one.
    if (existsSync(folder) && ['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(errnoCode(error) ?? '')) return source;
    throw labError('file', 'upload.writeFailed', { folder: uploadsDir, reason: errnoCode(error) ?? (error instanceof Error ? error.message : String(error)) });
  }
  return source;
}
