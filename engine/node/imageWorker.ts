// The thread that reads a share of an image folder, built to dist/worker-images.mjs. Three jobs: `stat`
// reads each file's size and modification time (the cache's key; 70,000 stat calls take a second on
// one core, so they are shared out too); `survey` reads each file's header (size, grey or colour) so the main thread can pick the size most images
// have; `decode` turns each file into bytes at one size and channel count, written straight into the
// shared pixel buffer at the file's row. Each worker runs one image at a time and sharp's own thread
// pool is set to one thread, so N workers keep N cores busy and no more. A worker is never terminated
// in the middle of a sharp call (that can bring the process down); it stops between two files when
// the stop flag is raised.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type sharpModule from 'sharp';
import { decodePlainPng, isGreyPng, readPngHeader } from './pngReader';
import { describeImageStart, imageRefusal, MAX_IMAGE_FILE_BYTES, type ImageJob, type ImageWorkerReply } from './imageJob';

const job = workerData as ImageJob;

/** Loaded at the first image the lab's PNG reader leaves to it: a folder of plain PNGs never loads it here. */
let sharp: typeof sharpModule | undefined;
async function loadSharp(): Promise<typeof sharpModule> {
  if (!sharp) {
    sharp = (await import('sharp')).default;
    sharp.concurrency(1);
    sharp.cache(false);
  }
  return sharp;
}
const counters = new Int32Array(job.counters);
const PROGRESS = 0;
const STOP = 1;

function readStart(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const start = new Uint8Array(64);
    const n = readSync(fd, start, 0, start.length, 0);
    return start.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** One buffer for every file this worker reads, grown when a file needs more: no allocation per image. */
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The whole file, in `readBuffer` (valid until the next call). readFileSync would allocate a buffer per
 * file and ask its size first; here a read shorter than asked is the end of a regular file.
 */
function readImageFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    let filled = 0;
    for (;;) {
      if (filled === readBuffer.length) {
        if (filled > MAX_IMAGE_FILE_BYTES) break; // refused by its size below
        const larger = Buffer.allocUnsafe(readBuffer.length * 2);
        readBuffer.copy(larger, 0, 0, filled);
        readBuffer = larger;
      }
      const asked = readBuffer.length - filled;
      const got = readSync(fd, readBuffer, filled, asked, null);
      filled += got;
      if (got < asked) break;
    }
    return readBuffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

function statFiles(files: readonly string[]): ImageWorkerReply {
  const size = new Float64Array(files.length);
  const mtimeMs = new Float64Array(files.length);
  for (let i = 0; i < files.length; i++) {
    if (Atomics.load(counters, STOP) !== 0) return { type: 'stopped' };
    const path = files[i]!;
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      return { type: 'refused', said: { code: 'images.cannotReadCode', values: { path, reason: (error as { code?: string }).code ?? firstLine(error) } } };
    }
    if (!info.isFile()) return { type: 'refused', said: { code: 'images.notRegularFile', values: { path } } };
    size[i] = info.size;
    mtimeMs[i] = info.mtimeMs;
    Atomics.add(counters, PROGRESS, 1);
  }
  return { type: 'statted', size, mtimeMs };
}

async function survey(files: readonly string[]): Promise<ImageWorkerReply> {
  const width = new Uint32Array(files.length);
  const height = new Uint32Array(files.length);
  const grey = new Uint8Array(files.length);
  for (let i = 0; i < files.length; i++) {
    if (Atomics.load(counters, STOP) !== 0) return { type: 'stopped' };
    const path = files[i]!;
    const start = readStart(path);
    const kind = describeImageStart(start);
    if (kind !== 'png' && kind !== 'jpeg' && kind !== 'gif') return { type: 'refused', said: imageRefusal(path, kind) };
    const png = kind === 'png' ? readPngHeader(start) : undefined;
    if (png) {
      width[i] = png.width;
      height[i] = png.height;
      grey[i] = isGreyPng(png) ? 1 : 0;
    } else {
      try {
        const meta = await (await loadSharp())(path, { pages: 1 }).metadata();
        // sharp always reports a size and channels; were one missing, the Uint32Array would store it as 0,
        // which the check below refuses.
        width[i] = meta.width;
        height[i] = meta.pageHeight ?? meta.height;
        grey[i] = meta.channels <= 2 ? 1 : 0;
      } catch (error) {
        return { type: 'refused', said: { code: 'images.cannotRead', values: { path, reason: firstLine(error) } } };
      }
    }
    if (width[i] === 0 || height[i] === 0) return { type: 'refused', said: { code: 'images.noPixels', values: { path } } };
    Atomics.add(counters, PROGRESS, 1);
  }
  return { type: 'surveyed', width, height, grey };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).replace(/[.\s]+$/, '');
}

async function decode(files: readonly string[]): Promise<ImageWorkerReply> {
  const { width, height, channels } = job;
  const pixels = new Uint8Array(job.pixels!);
  const size = width * height * channels;
  let viaSharp = 0;
  const records = job.record ? { width: new Uint32Array(files.length), height: new Uint32Array(files.length), grey: new Uint8Array(files.length) } : undefined;
  for (let i = 0; i < files.length; i++) {
    if (Atomics.load(counters, STOP) !== 0) return { type: 'stopped' };
    const path = files[i]!;
    const offset = (job.firstRow + i) * size;
    let bytes: Buffer;
    try {
      bytes = readImageFile(path);
    } catch (error) {
      return { type: 'refused', said: { code: 'images.cannotReadCode', values: { path, reason: (error as { code?: string }).code ?? firstLine(error) } } };
    }
    if (bytes.length > MAX_IMAGE_FILE_BYTES) {
      return { type: 'refused', said: { code: 'images.fileTooLarge', values: { path, bytes: bytes.length, max: MAX_IMAGE_FILE_BYTES } } };
    }
    const kind = describeImageStart(bytes);
    if (kind !== 'png' && kind !== 'jpeg' && kind !== 'gif') return { type: 'refused', said: imageRefusal(path, kind) };
    if (records) {
      const png = kind === 'png' ? readPngHeader(bytes) : undefined;
      try {
        const meta = png ?? (await (await loadSharp())(bytes, { pages: 1 }).metadata());
        records.width[i] = meta.width;
        records.height[i] = ('pageHeight' in meta ? meta.pageHeight : undefined) ?? meta.height;
        records.grey[i] = png ? (isGreyPng(png) ? 1 : 0) : ((meta as { channels?: number }).channels ?? 3) <= 2 ? 1 : 0;
      } catch (error) {
        return { type: 'refused', said: { code: 'images.cannotRead', values: { path, reason: firstLine(error) } } };
      }
    }
    try {
      if (kind === 'png' && decodePlainPng(bytes, channels, pixels, offset, width, height)) {
        Atomics.add(counters, PROGRESS, 1);
        continue;
      }
    } catch (error) {
      return { type: 'refused', said: { code: 'images.damaged', values: { path, reason: firstLine(error) } } };
    }
    try {
      let pipeline = (await loadSharp())(bytes, { pages: 1 }).resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
      pipeline = channels === 1 ? pipeline.grayscale().removeAlpha() : pipeline.removeAlpha().toColourspace('srgb');
      const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== channels || data.length !== size) {
        return {
          type: 'refused',
          said: {
            code: 'images.decodesOtherwise',
            values: { path, gotChannels: info.channels, gotSize: `${info.width}×${info.height}`, channels, size: `${width}×${height}` },
          },
        };
      }
      pixels.set(data, offset);
      viaSharp++;
    } catch (error) {
      return { type: 'refused', said: { code: 'images.cannotDecode', values: { path, reason: firstLine(error) } } };
    }
    Atomics.add(counters, PROGRESS, 1);
  }
  return { type: 'decoded', viaSharp, ...(records ? { records } : {}) };
}

const files = job.paths === '' ? [] : job.paths.split('\0');
const work = job.kind === 'stat' ? Promise.resolve(statFiles(files)) : job.kind === 'survey' ? survey(files) : decode(files);
const reply = await work.catch((error: unknown): ImageWorkerReply => ({
  type: 'refused',
  said: { code: 'images.readFailed', values: { reason: firstLine(error) } },
}));
parentPort!.postMessage(reply);
