// What the main thread and the image workers (imageWorker.ts) say to each other, and the few checks both
// make: what kind of file an image's first bytes say it is, and the sentence that refuses the others.

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
  | { type: 'refused'; message: string }
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
export function imageRefusal(path: string, kind: ImageStart): string {
  if (kind === 'empty') return `The image ${path} is empty (0 bytes).`;
  if (kind === 'bmp') {
    return `The image ${path} is a BMP file, which sharp (the lab's image decoder) cannot read: convert it to PNG, which keeps every pixel.`;
  }
  if (kind === 'webp' || kind === 'tiff') {
    return `The image ${path} is a ${kind.toUpperCase()} file under an image name the lab does not read: an image folder holds PNG, JPEG or GIF files.`;
  }
  return `The file ${path} is not an image: its first bytes are not those of a PNG, JPEG or GIF file.`;
}
