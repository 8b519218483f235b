// Saving and opening files through whichever door the app is behind: Electron's native dialogs when
// `files` exists, otherwise a browser download link (saving) or a file input (opening, see FileButton).

import type { FileDoors } from '../../main/api/contract';
import { files } from '../api/lab';
import { savePngThrough } from './savePng';

export type SaveKind = Parameters<FileDoors['saveTextFile']>[0];
export type OpenKind = Parameters<FileDoors['openTextFile']>[0];

const MIME: Record<SaveKind, string> = {
  experiment: 'application/json',
  weights: 'application/json',
  run: 'application/json',
  csv: 'text/csv',
  onnx: 'application/octet-stream',
  python: 'text/x-python',
  png: 'image/png',
  pack: 'application/json',
  submission: 'application/json',
};

/** Saves text: a save dialog in the app, a download in the browser. Null when the user cancelled. */
export async function saveText(kind: SaveKind, suggestedName: string, text: string): Promise<string | null> {
  if (files) return files.saveTextFile(kind, suggestedName, text);
  if (kind === 'onnx' || kind === 'png') {
    // the file's bytes arrive as base64 (see FileDoors.saveTextFile)
    downloadBlob(new Blob([Uint8Array.from(atob(text), (c) => c.charCodeAt(0))], { type: MIME[kind] }), suggestedName);
    return suggestedName;
  }
  const bom = kind === 'csv' ? '\ufeff' : ''; // so spreadsheet programs read Hangul in a CSV as UTF-8
  downloadBlob(new Blob([bom + text], { type: `${MIME[kind]};charset=utf-8` }), suggestedName);
  return suggestedName;
}

/** Saves a chart's PNG: the native save dialog in the app, a download in the browser (see savePng.ts). */
export function savePng(suggestedName: string, png: Blob): Promise<string | null> {
  return savePngThrough(files, suggestedName, png, downloadBlob);
}

/** Hands a blob to the browser as a download (text and binary files on the web). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The native open dialog in the app; null on the web, where FileButton's input takes over. */
export function nativeOpen(kind: OpenKind): Promise<{ name: string; text: string } | null> | null {
  return files ? files.openTextFile(kind) : null;
}
