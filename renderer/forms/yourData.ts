// Your own data dropped onto the window or picked: a CSV file, or a folder of images, becomes the
// experiment's data source.
// - In the desktop app a dropped file has a path (asked of the preload: webUtils.getPathForFile), and
//   the house reads the data in place: lab.sourceOfPath says which source the path is.
// - In a browser (the web host) a dropped file has only a name and bytes, so they are uploaded, within
//   the caps of main/api/constants.ts, into the lab's data folder, and the house answers the source that
//   names the stored copy. The caps are checked first (uploadPlan.ts), so a folder too large is refused in a
//   sentence before a byte is read; the house checks everything again.

import { UPLOAD_MAX_FILES } from '../../main/api/constants';
import type { UploadedFile } from '../../main/api/contract';
import { lab, pathOfDroppedFile } from '../api/lab';
import { setData, setSourceKind } from '../app/draftStore';
import { kindOf } from '../model/datasets';
import { uploadPlan, type PickedFile } from './uploadPlan';

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, into: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    into.push({ path: entry.fullPath.replace(/^\/+/, ''), file: await fileOf(entry as FileSystemFileEntry) });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers a batch at a time (100 in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, into);
    if (into.length > UPLOAD_MAX_FILES) return; // refused anyway: no need to list the rest of a huge folder
  }
}

/**
 * What a drop holds. Its entries must be taken during the drop event itself (the browser empties the
 * DataTransfer after it), so this is called synchronously there and only the walk runs later.
 */
export function droppedFiles(transfer: DataTransfer): () => Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  const loose: PickedFile[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    // A file from a folder picked in a browser keeps its folder in webkitRelativePath; prefer it to the entry's bare name.
    if (file && (file.webkitRelativePath || !entry?.isDirectory)) loose.push({ path: file.webkitRelativePath || file.name, file });
    else if (entry) entries.push(entry);
  }
  return async () => {
    const picked = [...loose];
    for (const entry of entries) await walk(entry, picked);
    return picked;
  };
}

/** The files of a file input (a CSV picked, or a folder picked with webkitdirectory). */
export function pickedFiles(list: FileList): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

/** Uploads what was dropped (the web host) and answers the data source of the stored copy. */
export async function uploadPicked(picked: readonly PickedFile[]): Promise<string> {
  const plan = uploadPlan(picked);
  const files: UploadedFile[] = [];
  for (const p of plan.files) files.push({ path: p.path, base64: await base64Of(p.file) });
  return lab.uploadData(plan.name, files);
}

/** The path of a dropped file in the desktop app, or null in a browser (where there is none). */
export function desktopPathOf(transfer: DataTransfer): string | null {
  const file = transfer.files[0];
  if (!file) return null;
  const path = pathOfDroppedFile(file);
  return path || null;
}

/** Makes a data source the experiment's data; an image folder starts with its own size and colours. */
export function takeSource(source: string): void {
  const { kind, idxFolder, csvFile } = kindOf(source);
  setSourceKind(kind);
  setData({ idxFolder, csvFile, imageChannels: '', imageWidth: '', imageHeight: '' });
}
