// What the main thread and the image workers (imageWorker.ts) say to each other, and the few checks both
// make: what kind of file an image's first bytes say it is, and the refusal (a code and its values) of the others.

import type { LabMessage } from '../messages';

export interface ImageJob {
  kind: 'stat' | 'survey' | 'decode';
  /**
   * This worker's share: consecutive rows of the dataset, starting at `firstRow` — their paths joined by
   * NUL, which no path holds: one string crosses to the thread far faster than tens of thousands.
   */
  paths: string;
  firstRow: number;
  /** Int32 [images done, stop flag]: progress without messages, and a stop between two files. */
  counters: SharedArrayBuffer;
  /** decode: the whole dataset's pixels, rows of width × height × channels bytes. */
  pixels?: SharedArrayBuffer;
  width: number;
  height: number;
  channels: 1 | 3;
  /** decode: also report each file's own size and greyness, to check the size guessed from a sample. */
  record?: boolean;
}

/** Each file's own width, height and greyness (1 grey, 0 colour), in the order of the share. */
export interface ImageRecords {
  width: Uint32Array;
  height: Uint32Array;
  grey: Uint8Array;
}

export type ImageWorkerReply =
  | { type: 'statted'; size: Float64Array; mtimeMs: Float64Array }
  | ({ type: 'surveyed' } & ImageRecords)
  | { type: 'decoded'; viaSharp: number; records?: ImageRecords }
  | { type: 'refused'; said: LabMessage }
  | { type: 'stopped' };

/** No image of a training set comes near this; a larger file is refused rather than decoded. */
export const MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024;

type ImageStart = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'tiff' | 'empty' | 'unknown';

/** The kind of file its first bytes say it is, whatever its name says. */
export function describeImageStart(b: Uint8Array): ImageStart {
  if (b.length === 0) return 'empty';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && String.fromCharCode(...b.subarray(0, 4)) === 'GIF8') return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'webp';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49) || (b[0] === 0x4d && b[1] === 0x4d)) && (b[2] === 42 || b[3] === 42)) return 'tiff';
  return 'unknown';
}

/** The sentence for a file that is not a PNG, JPEG or GIF image inside. */
export function imageRefusal(path: string, kind: ImageStart): LabMessage {
  if (kind === 'empty') return { code: 'images.emptyFile', values: { path } };
  if (kind === 'bmp') return { code: 'images.bmp', values: { path } };
  if (kind === 'webp' || kind === 'tiff') return { code: 'images.otherFormat', values: { path, format: kind.toUpperCase() } };
  return { code: 'images.notImageBytes', values: { path } };
}
