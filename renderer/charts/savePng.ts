// Where a chart's PNG goes: through the app's native save dialog when the window has the file doors
// (its bytes cross the bridge as base64, like an ONNX model's), else to the browser as a download. Kept
// apart from download.ts, which reaches for the page's document, so that it is tested without one.

import type { FileDoors } from '../../main/api/contract';
import { toBase64 } from './readPickedFile';

/** The chosen path (the file name in the browser), or null when the user cancelled the dialog. */
export async function savePngThrough(
  doors: Pick<FileDoors, 'saveTextFile'> | null,
  suggestedName: string,
  png: Blob,
  download: (blob: Blob, name: string) => void,
): Promise<string | null> {
  if (!doors) {
    download(png, suggestedName);
    return suggestedName;
  }
  return doors.saveTextFile('png', suggestedName, toBase64(new Uint8Array(await png.arrayBuffer())));
}
