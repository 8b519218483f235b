// The lab's own reader for the plainest PNG files: 8 bits per channel, not interlaced, grey or RGB(A),
// no colour profile. It exists for speed only: sharp (libvips) spends about half a millisecond setting
// up a pipeline for every image, which caps a folder of 28×28 images at ~2,000 per second per core,
// while inflating the pixels with zlib and undoing the row filters takes a tenth of that. Every other
// PNG, and every JPEG or GIF, is decoded by sharp; tests hold this reader to sharp's output byte for byte.
// The rules are the PNG specification's (ISO/IEC 15948): chunks, IHDR, IDAT, the five row filters.

import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10] as const;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

/** Samples per pixel of each PNG colour type (3, the palette, is one index per pixel). */
const SAMPLES: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The IHDR fields, read from the first 33 bytes; undefined when they are not a PNG's. */
export function readPngHeader(bytes: Uint8Array): PngHeader | undefined {
  if (!isPng(bytes) || bytes.length < 33) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== 'IHDR') return undefined;
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24]!,
    colorType: bytes[25]!,
    interlaced: bytes[28] !== 0,
  };
}

/** Whether the PNG's colours are grey (colour types 0 and 4); a palette may hold colours. */
export function isGreyPng(header: PngHeader): boolean {
  return header.colorType === 0 || header.colorType === 4;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * The pixels of a plain PNG as `channels` bytes per pixel (1: grey, from a grey file; 3: RGB, from an
 * RGB or RGBA file, alpha dropped as sharp's removeAlpha drops it), written into `out` at `offset`.
 * Returns false, having written nothing meaningful, for a PNG this reader leaves to sharp; throws an
 * Error whose message says what is wrong for a damaged one.
 */
export function decodePlainPng(bytes: Uint8Array, channels: 1 | 3, out: Uint8Array, offset: number, expectWidth: number, expectHeight: number): boolean {
  const header = readPngHeader(bytes);
  if (!header || header.bitDepth !== 8 || header.interlaced) return false;
  if (header.width !== expectWidth || header.height !== expectHeight) return false;
  const grey = isGreyPng(header);
  if (header.colorType === 3 || (channels === 1) !== grey) return false;
  const samples = SAMPLES[header.colorType];
  if (samples === undefined) return false;

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let at = 8;
  let ended = false;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    const end = at + 12 + length;
    if (end > bytes.length) throw new Error(`the ${type} chunk runs past the end of the file (it is truncated)`);
    // A colour profile makes sharp convert the colours: such a file is left to sharp.
    if (type === 'iCCP') return false;
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') {
      ended = true;
      break;
    }
    at = end;
  }
  if (!ended) throw new Error('it ends before its IEND chunk (it is truncated)');
  if (idat.length === 0) throw new Error('it has no image data (no IDAT chunk)');
  const { width, height } = header;
  const stride = width * samples;
  const raw = inflateSync(idat.length === 1 ? idat[0]! : Buffer.concat(idat));
  if (raw.length < height * (stride + 1)) throw new Error('its image data is shorter than its size promises');

  // Undo the filters in place, row after row: each row is read against the already-restored one above.
  // One loop per filter type, chosen once a row: the filter's test inside the loop over every byte was
  // most of the reader's time (28×28 images are 812 bytes, 70,000 of them a folder).
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    const above = row - (stride + 1);
    const end = row + stride;
    const filter = raw[row - 1]!;
    const first = y === 0;
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let i = row + samples; i < end; i++) raw[i] = (raw[i]! + raw[i - samples]!) & 0xff;
        break;
      case 2:
        if (!first) for (let i = row; i < end; i++) raw[i] = (raw[i]! + raw[i - stride - 1]!) & 0xff;
        break;
      case 3:
        for (let i = row; i < end; i++) {
          const left = i - row >= samples ? raw[i - samples]! : 0;
          const up = first ? 0 : raw[above + (i - row)]!;
          raw[i] = (raw[i]! + ((left + up) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let i = row; i < end; i++) {
          const hasLeft = i - row >= samples;
          const left = hasLeft ? raw[i - samples]! : 0;
          const up = first ? 0 : raw[above + (i - row)]!;
          const upLeft = !first && hasLeft ? raw[above + (i - row) - samples]! : 0;
          raw[i] = (raw[i]! + paeth(left, up, upLeft)) & 0xff;
        }
        break;
      default:
        throw new Error(`row ${y + 1} has an unknown filter type ${filter}`);
    }
  }

  // Keep the wanted channels: grey (drop alpha) or RGB (drop alpha); whole rows at once when nothing is dropped.
  let o = offset;
  const keep = channels;
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    if (keep === samples) {
      out.set(raw.subarray(row, row + stride), o);
      o += stride;
      continue;
    }
    for (let x = 0; x < width; x++) {
      const p = row + x * samples;
      for (let c = 0; c < keep; c++) out[o++] = raw[p + c]!;
    }
  }
  return true;
}
