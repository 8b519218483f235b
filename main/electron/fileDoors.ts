// The native file doors behind window.labFiles: which files each kind is, how large it may be, and the
// reading and writing around the dialogs. The dialogs themselves are passed in (Electron's in the app,
// a fake in tests), so everything here runs without Electron. Their titles and filters, and every refusal
// (a code and its values: engine/messages.ts), are said in the language of the machine (ipc.ts).

import { rename, stat, readFile, writeFile, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { labError } from '../../engine/errors';
import type { MessageLang } from '../../engine/messages';
import { fsReason } from '../fsReason';
import type { FileDoors } from '../api/contract';
import { refuseNetworkPath } from '../../engine/paths';
import { scanRunFilePath } from '../store/runFileScan';

export type OpenKind = Parameters<FileDoors['openTextFile']>[0];
export type SaveKind = Parameters<FileDoors['saveTextFile']>[0];

const MB = 1024 * 1024;

export const FILE_KINDS: Record<SaveKind, { label: Record<MessageLang, string>; extensions: string[]; maxBytes: number }> = {
  experiment: { label: { en: 'Experiment', ko: '실험' }, extensions: ['json'], maxBytes: 5 * MB },
  weights: { label: { en: 'Weights', ko: '가중치' }, extensions: ['json'], maxBytes: 200 * MB },
  run: { label: { en: 'Lab run', ko: '실행 기록' }, extensions: ['json'], maxBytes: 200 * MB },
  csv: { label: { en: 'CSV', ko: 'CSV' }, extensions: ['csv'], maxBytes: 200 * MB },
  // as base64 it must fit the API's 200 MB of text (4 characters for every 3 bytes)
  onnx: { label: { en: 'ONNX model', ko: 'ONNX 모델' }, extensions: ['onnx'], maxBytes: 140 * MB },
  python: { label: { en: 'Python', ko: 'Python' }, extensions: ['py'], maxBytes: 5 * MB },
  // a chart rendered by the page (ChartCard's "Save PNG"), in base64 like an ONNX model
  png: { label: { en: 'PNG image', ko: 'PNG 이미지' }, extensions: ['png'], maxBytes: 50 * MB },
  // r4-packs: the sizes main/packs/format.ts and submission.ts read
  pack: { label: { en: 'Assignment pack', ko: '과제 꾸러미' }, extensions: ['dlab-pack'], maxBytes: 64 * MB },
  submission: { label: { en: 'Submission', ko: '제출물' }, extensions: ['json'], maxBytes: 64 * MB },
};

/** The kinds whose files are binary: their bytes cross the bridge as base64. */
const BINARY_KINDS: ReadonlySet<SaveKind> = new Set(['onnx', 'png']);

const DIALOG_WORDS = {
  en: {
    files: (label: string) => `${label} files`,
    all: 'All files',
    open: 'Open',
    save: 'Save',
    yourData: 'Your data: a CSV file, or a folder of images (or any image inside it)',
  },
  ko: {
    files: (label: string) => `${label} 파일`,
    all: '모든 파일',
    open: '열기',
    save: '저장',
    yourData: '내 데이터: CSV 파일이나 이미지 폴더(또는 그 안의 이미지 하나)',
  },
};

/** A dialog's title: "Open experiment" / "실험 열기"; the "Your data…" door's own title. */
export function dialogTitle(action: 'open' | 'save' | 'yourData', kind: SaveKind | null, lang: MessageLang = 'en'): string {
  const words = DIALOG_WORDS[lang];
  if (action === 'yourData' || kind === null) return words.yourData;
  return lang === 'ko' ? `${FILE_KINDS[kind].label.ko} ${words[action]}` : `${words[action]} ${kind}`;
}

export interface DialogFilter {
  name: string;
  extensions: string[];
}

export function dialogFilters(kind: SaveKind, lang: MessageLang = 'en'): DialogFilter[] {
  const { label, extensions } = FILE_KINDS[kind];
  const words = DIALOG_WORDS[lang];
  return [
    { name: words.files(label[lang]), extensions },
    { name: words.all, extensions: ['*'] },
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
    if (!info.isFile()) throw Object.assign(new Error('it is a device or a pipe, not a file'), { code: 'NOTFILE' });
    size = info.size;
  } catch (error) {
    throw labError('file', 'files.cannotOpen', { path: name, reason: fsReason(error) });
  }
  if (size > limit) throw labError('file', 'files.kindTooLarge', { path: name, limit: megabytes(limit), kind });
  // A run file past its limits (a million losses…) is refused as it streams by, before the window holds it.
  if (kind === 'run') await scanRunFilePath(path, name);
  let text: string;
  try {
    // an ONNX model is binary: it crosses the bridge as base64
    text = kind === 'onnx' ? (await readFile(path)).toString('base64') : await readFile(path, 'utf8');
  } catch (error) {
    throw labError('file', 'files.cannotRead', { path: name, reason: fsReason(error) });
  }
  return { name, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file behind. */
export async function writeKindFile(kind: SaveKind, path: string, text: string): Promise<void> {
  const limit = FILE_KINDS[kind].maxBytes;
  // an ONNX model or a PNG is binary: it crosses the bridge as base64 and is written as its bytes
  const contents = BINARY_KINDS.has(kind) ? Buffer.from(text, 'base64') : text;
  const bytes = typeof contents === 'string' ? Buffer.byteLength(contents, 'utf8') : contents.length;
  if (bytes > limit) throw labError('file', 'files.saveTooLarge', { kind, limit: megabytes(limit) });
  refuseNetworkPath(path);
  // A name of its own, so two saves (two windows, two labs) never write into one temporary file.
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, contents, typeof contents === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw labError('file', 'files.cannotWrite', { path: basename(path), reason: fsReason(error) });
  }
}

/** The FileDoors of the contract, on top of a pair of dialogs. */
export function createFileDoors(dialogs: DialogPort, lang: MessageLang = 'en'): FileDoors {
  return {
    async openTextFile(kind) {
      const path = await dialogs.chooseFileToOpen(kind, dialogFilters(kind, lang));
      return path === null ? null : readKindFile(kind, path);
    },
    async saveTextFile(kind, suggestedName, text) {
      const path = await dialogs.chooseFileToSave(kind, suggestedName, dialogFilters(kind, lang));
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
