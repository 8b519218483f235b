// How large a file the page may read, per kind: the limits of the app's Open dialog
// (main/electron/fileDoors.ts), checked in the browser from the file's size before a byte is read —
// a 3 GB file picked by mistake would otherwise be read whole into the page, and only then refused.

import type { FileDoors } from '../../main/api/contract';

type OpenKind = Parameters<FileDoors['openTextFile']>[0];

export const OPEN_LIMIT_MB: Readonly<Record<OpenKind, number>> = { experiment: 5, weights: 200, run: 200, onnx: 140, pack: 64, submission: 64 };

/** The limit (in MB) that a file of `bytes` is over, or null when it may be read. */
export function openLimitExceeded(kind: OpenKind, bytes: number): number | null {
  const mb = OPEN_LIMIT_MB[kind];
  return bytes > mb * 1024 * 1024 ? mb : null;
}
