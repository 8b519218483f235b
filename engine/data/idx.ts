// The IDX format of the original MNIST files: a big-endian header — two zero bytes, a type byte, a
// dimension-count byte, one uint32 per dimension — followed by the data, row-major. Only unsigned bytes
// (type 0x08) are read: that is what every MNIST-like image and label file holds.
// Files come from users, so every header number is checked against the real byte length before it is
// trusted; nothing is allocated from a header alone.

import { LabError, labError, withinFile } from '../errors';
import type { LabMessageCode, MessageValues } from '../messages';
import type { Dataset } from './dataset';

export interface IdxFile {
  bytes: Uint8Array;
  /** How the file is named in messages: a base name or a path. */
  name: string;
}

export interface IdxHeader {
  dims: number[];
  /** Where the data begins: 4 + 4 × dims.length. */
  headerBytes: number;
  /** How many data bytes the dimensions promise (their product). */
  dataBytes: number;
}

const UNSIGNED_BYTE = 0x08;
export const MAX_DIMS = 4;

const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: '16-bit integer',
  0x0c: '32-bit integer',
  0x0d: '32-bit float',
  0x0e: '64-bit float',
};

/** 47040016 → "47,040,016" (no Intl: the engine must not depend on locale data). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function hex(byte: number): string {
  return '0x' + byte.toString(16).toUpperCase().padStart(2, '0');
}

/** "60000 images of 28×28", read straight from the header. */
export function describeDims(dims: readonly number[]): string {
  const [count, ...rest] = dims;
  if (rest.length === 0) return `${count} values`;
  if (rest.length === 1) return `${count} rows of ${rest[0]} values`;
  if (rest.length === 2) return `${count} images of ${rest.join('×')}`;
  return `${count} items of ${rest.join('×')}`;
}

/** The same refusal from the table of messages, said of its file. */
function refuseWith(fileName: string, code: LabMessageCode, values: MessageValues): LabError {
  return withinFile(labError('file', code, values), 'file', fileName);
}

/**
 * Reads and checks the header only. `bytes` may be just the start of a file (for a listing), so the
 * data length is not checked here; parseIdx does that.
 */
export function parseIdxHeader(bytes: Uint8Array, fileName: string): IdxHeader {
  if (bytes.length < 4) {
    throw refuseWith(fileName, 'idx.tooShort', { length: groupDigits(bytes.length) });
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it looks gzip-compressed: decompress it or name it .gz)' : '';
    throw refuseWith(fileName, 'idx.notIdx', { first: hex(bytes[0]!), second: hex(bytes[1]!), gzip });
  }
  const type = bytes[2]!;
  if (type !== UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type] ? ` (${TYPE_NAMES[type]})` : ' (not an IDX type)';
    throw refuseWith(fileName, 'idx.dataType', { type: hex(type), name, supported: hex(UNSIGNED_BYTE) });
  }
  const rank = bytes[3]!;
  if (rank === 0) throw refuseWith(fileName, 'idx.noDimensions', {});
  if (rank > MAX_DIMS) throw refuseWith(fileName, 'idx.tooManyDimensions', { rank, most: MAX_DIMS });
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw refuseWith(fileName, 'idx.headerShort', { rank, need: headerBytes, length: groupDigits(bytes.length) });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const zero = dims.indexOf(0);
  if (zero >= 0) {
    throw refuseWith(fileName, 'idx.zeroDimension', { index: String(zero + 1), rank: String(rank), dims: dims.join('×') });
  }
  // A product of up to four uint32 values may exceed 2^53; it is then inexact but still far larger than
  // any real file, which is all the comparisons below need.
  let dataBytes = 1;
  for (const d of dims) dataBytes *= d;
  return { dims, headerBytes, dataBytes };
}

/** How many bytes a whole file with this header holds: the header and the data it promises. */
export function idxFileBytes(header: IdxHeader): number {
  return header.headerBytes + header.dataBytes;
}

/**
 * Refuses a file of `length` bytes that is shorter or longer than its header promises. Readers call it
 * with the size on disk before they allocate anything, and parseIdx with the bytes in hand.
 */
export function checkIdxLength(header: IdxHeader, length: number, fileName: string): void {
  const promised = idxFileBytes(header);
  const what = { what: describeDims(header.dims), dims: header.dims.join('×'), promised: groupDigits(promised), length: groupDigits(length) };
  if (length < promised) throw refuseWith(fileName, 'idx.truncated', what);
  if (length > promised) throw refuseWith(fileName, 'idx.extraBytes', { ...what, extra: groupDigits(length - promised) });
}

/** Refuses, as it happens, a decompressed stream that goes on past the size its header declares. */
export function refuseInflatedPast(header: IdxHeader, inflated: number, fileName: string): LabError {
  return refuseWith(fileName, 'idx.inflatedPast', {
    promised: groupDigits(idxFileBytes(header)),
    what: describeDims(header.dims),
    dims: header.dims.join('×'),
    inflated: groupDigits(inflated),
  });
}

/** Parses a whole IDX file of unsigned bytes. `data` is a view into `bytes`, not a copy. */
export function parseIdx(bytes: Uint8Array, fileName: string): { dims: number[]; data: Uint8Array } {
  const header = parseIdxHeader(bytes, fileName);
  checkIdxLength(header, bytes.length, fileName);
  return { dims: header.dims, data: bytes.subarray(header.headerBytes, idxFileBytes(header)) };
}

export interface IdxFiles {
  trainImages: IdxFile;
  trainLabels: IdxFile;
  testImages: IdxFile;
  testLabels: IdxFile;
}

function parseImages(file: IdxFile): { count: number; height: number; width: number; data: Uint8Array } {
  const { dims, data } = parseIdx(file.bytes, file.name);
  if (dims.length !== 3) {
    throw refuseWith(file.name, 'idx.imagesNeed3', { rank: String(dims.length), dims: dims.join('×') });
  }
  return { count: dims[0]!, height: dims[1]!, width: dims[2]!, data };
}

function parseLabels(file: IdxFile): Uint8Array {
  const { dims, data } = parseIdx(file.bytes, file.name);
  if (dims.length !== 1) {
    throw refuseWith(file.name, 'idx.labelsNeed1', { rank: String(dims.length), dims: dims.join('×') });
  }
  return data;
}

function maxOf(values: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** A dataset from the four MNIST-style files. Pixels and labels stay views into the given bytes. */
export function datasetFromIdx(files: IdxFiles, source: string, description: string): Dataset {
  const trainImages = parseImages(files.trainImages);
  const trainLabels = parseLabels(files.trainLabels);
  const testImages = parseImages(files.testImages);
  const testLabels = parseLabels(files.testLabels);

  const splits = [
    ['training', trainImages, trainLabels, files.trainImages, files.trainLabels],
    ['test', testImages, testLabels, files.testImages, files.testLabels],
  ] as const;
  for (const [split, images, labels, imagesFile, labelsFile] of splits) {
    if (images.count !== labels.length) {
      throw labError('data', 'data.splitMismatch', {
        split,
        images: imagesFile.name,
        imageCount: groupDigits(images.count),
        labels: labelsFile.name,
        labelCount: groupDigits(labels.length),
      });
    }
  }
  if (trainImages.height !== testImages.height || trainImages.width !== testImages.width) {
    throw labError('data', 'data.imageSizeMismatch', {
      trainSize: `${trainImages.height}×${trainImages.width}`,
      trainFile: files.trainImages.name,
      testSize: `${testImages.height}×${testImages.width}`,
      testFile: files.testImages.name,
    });
  }
  const classes = Math.max(maxOf(trainLabels), maxOf(testLabels)) + 1;
  if (classes < 2) {
    throw labError('data', 'data.oneClass', { trainLabels: files.trainLabels.name, testLabels: files.testLabels.name });
  }
  return {
    source,
    description,
    inputShape: [1, trainImages.height, trainImages.width],
    classes,
    train: { x: trainImages.data, y: trainLabels, count: trainImages.count },
    test: { x: testImages.data, y: testLabels, count: testImages.count },
  };
}
