// Reading and writing the user's files, with every failure told as a sentence that names the file.
// A file's size is checked before a byte of it is read, and a file is written through a temporary
// file of its own (a random name beside it) that is removed whatever goes wrong.

import { randomBytes } from 'node:crypto';
import { open, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LabError, labError } from '../../engine/errors';
import { fsReason } from '../fsReason';
import { refuseNetworkPath } from '../../engine/paths';
import { RUN_FILE_BYTES_MAX, formatMegabytes, scanRunFilePath } from '../store/runFileScan';

/** Weights files: a weights file of the largest model the lab trains fits well within. */
export const MAX_TEXT_BYTES = 512 * 1024 * 1024;
/** Experiment files: the same limit as the app's Open dialog (main/electron/fileDoors.ts). */
export const MAX_EXPERIMENT_BYTES = 5 * 1024 * 1024;

/** The text of a file of at most `maxBytes`, refused by its size before it is read. */
export async function readTextFile(path: string, maxBytes = MAX_TEXT_BYTES): Promise<string> {
  return (await readBinaryFile(path, maxBytes)).toString('utf8');
}

/** The bytes of a file of at most `maxBytes` (an ONNX model), refused by its size before it is read. */
export async function readBinaryFile(path: string, maxBytes: number): Promise<Buffer> {
  refuseNetworkPath(path);
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
      if (info.size > maxBytes) throw labError('file', 'cli.fileTooLarge', { path, size: formatMegabytes(info.size), limit: formatMegabytes(maxBytes) });
      return await readAtMost(handle, maxBytes, path);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw labError('file', 'files.cannotRead', { path, reason: fsReason(error) });
  }
}

/**
 * The bytes of an open file, refused past `maxBytes` as they are read: a device or a pipe (/dev/zero,
 * a never-ending stream) has no size to check first, and a file may grow after its size was read.
 */
async function readAtMost(handle: FileHandle, maxBytes: number, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > maxBytes) throw labError('file', 'cli.fileGrew', { path, limit: formatMegabytes(maxBytes) });
    chunks.push(chunk.subarray(0, bytesRead));
  }
}

/** A dlab-run file's text, once its size and its limits have been checked as it streamed by (runFileScan.ts). */
export async function readRunFileText(path: string): Promise<string> {
  refuseNetworkPath(path);
  await scanRunFilePath(path, path);
  return readTextFile(path, RUN_FILE_BYTES_MAX);
}

/** A temporary name beside `path` that no other writer (another dlab, another file) will pick. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file behind. */
export async function writeTextFile(path: string, text: string | Uint8Array): Promise<void> {
  refuseNetworkPath(path);
  const temporary = temporaryPathFor(path);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw labError('file', 'files.cannotWrite', { path, reason: fsReason(error) });
  }
}

export function displayName(path: string): string {
  return basename(path);
}
