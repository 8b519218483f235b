// Reading and writing the user's files, with every failure told as a sentence that names the file.

import { readFile, writeFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { LabError } from '../../engine/errors';
import { refuseNetworkPath } from '../../engine/paths';

const MAX_TEXT_BYTES = 512 * 1024 * 1024;

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return 'there is no such file';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'the disk is full';
    default: return error.message;
  }
}

export async function readTextFile(path: string): Promise<string> {
  refuseNetworkPath(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new LabError('file', `Cannot read ${path}: ${describeFsError(error as NodeJS.ErrnoException)}.`);
  }
  if (bytes.length > MAX_TEXT_BYTES) throw new LabError('file', `${path} is too large (${bytes.length} bytes) to be a lab file.`);
  return bytes.toString('utf8');
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file behind. */
export async function writeTextFile(path: string, text: string): Promise<void> {
  refuseNetworkPath(path);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    throw new LabError('file', `Cannot write ${path}: ${describeFsError(error as NodeJS.ErrnoException)}.`);
  }
}

export function displayName(path: string): string {
  return basename(path);
}
