// The native file doors behind window.labFiles: which files each kind is, how large it may be, and the
// reading and writing around the dialogs. The dialogs themselves are passed in (Electron's in the app,
// a fake in tests), so everything here runs without Electron.

import { rename, stat, readFile, writeFile, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { LabError } from '../../engine/errors';
import type { FileDoors } from '../api/contract';
import { refuseNetworkPath } from '../../engine/paths';
import { scanRunFilePath } from '../store/runFileScan';

export type OpenKind = Parameters<FileDoors['openTextFile']>[0];
export type SaveKind = Parameters<FileDoors['saveTextFile']>[0];

const MB = 1024 * 1024;

export const FILE_KINDS: Record<SaveKind, { label: string; extensions: string[]; maxBytes: number }> = {
  experiment: { label: 'Experiment', extensions: ['json'], maxBytes: 5 * MB },
  weights: { label: 'Weights', extensions: ['json'], maxBytes: 200 * MB },
  run: { label: 'Lab run', extensions: ['json'], maxBytes: 200 * MB },
  csv: { label: 'CSV', extensions: ['csv'], maxBytes: 200 * MB },
  // as base64 it must fit the API's 200 MB of text (4 characters for every 3 bytes)
  onnx: { label: 'ONNX model', extensions: ['onnx'], maxBytes: 140 * MB },
  python: { label: 'Python', extensions: ['py'], maxBytes: 5 * MB },
  // a chart rendered by the page (ChartCard's "Save PNG"), in base64 like an ONNX model
  png: { label: 'PNG image', extensions: ['png'], maxBytes: 50 * MB },
  // r4-packs: the sizes main/packs/format.ts and submission.ts read
  pack: { label: 'Assignment pack', extensions: ['dlab-pack'], maxBytes: 64 * MB },
  submission: { label: 'Submission', extensions: ['json'], maxBytes: 64 * MB },
};

/** The kinds whose files are binary: their bytes cross the bridge as base64. */
const BINARY_KINDS: ReadonlySet<SaveKind> = new Set(['onnx', 'png']);

export interface DialogFilter {
  name: string;
  extensions: string[];
}

export function dialogFilters(kind: SaveKind): DialogFilter[] {
  const { label, extensions } = FILE_KINDS[kind];
  return [
    { name: `${label} files`, extensions },
    { name: 'All files', extensions: ['*'] },
  ];
}

/** What "Your data…" offers in its dialog: a table, or (where one dialog cannot pick a folder too) an image inside the folder. */
export const YOUR_DATA_FILTERS: DialogFilter[] = [
  { name: 'CSV tables and images', extensions: ['csv', 'tsv', 'txt', 'png', 'jpg', 'jpeg', 'gif'] },
  { name: 'All files', extensions: ['*'] },
];

/** The dialogs, each resolving to the chosen path or null when the user cancels. */
export interface DialogPort {
  chooseFileToOpen(kind: OpenKind, filters: DialogFilter[]): Promise<string | null>;
  chooseFileToSave(kind: SaveKind, suggestedName: string, filters: DialogFilter[]): Promise<string | null>;
  /** One dialog for a CSV file or a data folder (a file inside it where the system's dialog cannot take both). */
  chooseYourData(filters: DialogFilter[]): Promise<string | null>;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return (error as Partial<Error> | null | undefined)?.message ?? String(error);
  }
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}

/** Reads a text file of a kind, refusing one larger than the kind allows before reading a byte of it. */
export async function readKindFile(kind: OpenKind, path: string): Promise<{ name: string; text: string }> {
  refuseNetworkPath(path);
  const name = basename(path);
  const limit = FILE_KINDS[kind].maxBytes;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    // A device or a pipe (/dev/zero) has no size to check and may never end.
    if (!info.isFile()) throw new Error('it is a device or a pipe, not a file');
    size = info.size;
  } catch (error) {
    throw new LabError('file', `Cannot open ${name}: ${describeFsError(error)}.`);
  }
  if (size > limit) {
    throw new LabError('file', `${name} is larger than the ${megabytes(limit)} a${kind === 'experiment' ? 'n' : ''} ${kind} file may be.`);
  }
  // A run file past its limits (a million losses…) is refused as it streams by, before the window holds it.
  if (kind === 'run') await scanRunFilePath(path, name, describeFsError);
  let text: string;
  try {
    // an ONNX model is binary: it crosses the bridge as base64
    text = kind === 'onnx' ? (await readFile(path)).toString('base64') : await readFile(path, 'utf8');
  } catch (error) {
    throw new LabError('file', `Cannot read ${name}: ${describeFsError(error)}.`);
  }
  return { name, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file behind. */
export async function writeKindFile(kind: SaveKind, path: string, text: string): Promise<void> {
  const limit = FILE_KINDS[kind].maxBytes;
  // an ONNX model or a PNG is binary: it crosses the bridge as base64 and is written as its bytes
  const contents = BINARY_KINDS.has(kind) ? Buffer.from(text, 'base64') : text;
  const bytes = typeof contents === 'string' ? Buffer.byteLength(contents, 'utf8') : contents.length;
  if (bytes > limit) throw new LabError('file', `The ${kind} file would be larger than the ${megabytes(limit)} allowed.`);
  refuseNetworkPath(path);
  // A name of its own, so two saves (two windows, two labs) never write into one temporary file.
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, contents, typeof contents === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new LabError('file', `Cannot write ${basename(path)}: ${describeFsError(error)}.`);
  }
}

/** The FileDoors of the contract, on top of a pair of dialogs. */
export function createFileDoors(dialogs: DialogPort): FileDoors {
  return {
    async openTextFile(kind) {
      const path = await dialogs.chooseFileToOpen(kind, dialogFilters(kind));
      return path === null ? null : readKindFile(kind, path);
    },
    async saveTextFile(kind, suggestedName, text) {
      const path = await dialogs.chooseFileToSave(kind, suggestedName, dialogFilters(kind));
      if (path === null) return null;
      await writeKindFile(kind, path, text);
      return path;
    },
    async chooseYourData() {
      const path = await dialogs.chooseYourData(YOUR_DATA_FILTERS);
      // Only the path crosses: lab.sourceOfPath says what it holds, and the source is checked when it is loaded.
      if (path !== null) refuseNetworkPath(path, 'The data');
      return path;
    },
  };
}
