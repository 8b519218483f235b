// The node-side doors of the run file scan (engine/runFileScan.ts): a text already in memory (the API)
// and a file on disk, sized before it is read and scanned as it streams by (dlab, the app's dialog).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { LabError, labError } from '../../engine/errors';
import { RUN_FILE_BYTES_MAX, RunFileScanner, formatMegabytes, tooLargeRefusal } from '../../engine/runFileScan';
import { fsReason } from '../fsReason';

export * from '../../engine/runFileScan';

/** Checks the limits of a run file's text already in memory (the API's door). */
export function scanRunText(text: string, label = 'The run file'): void {
  if (text.length > RUN_FILE_BYTES_MAX) throw tooLargeRefusal(label, text.length, 'characters');
  const scanner = new RunFileScanner(label);
  scanner.feed(text);
  scanner.end();
}

/**
 * Checks a run file on disk: its size before a byte is read, then its limits while it streams by, so
 * a file past them is refused having held one chunk at a time. `describeError` words an fs failure.
 */
export async function scanRunFilePath(path: string, label: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw labError('file', 'files.cannotRead', { path: label, reason: fsReason(error) });
  }
  if (size > RUN_FILE_BYTES_MAX) throw tooLargeRefusal(label, size);
  const scanner = new RunFileScanner(label);
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    let read = 0;
    for await (const chunk of stream) {
      // A device or a pipe has no size to check first (stat says 0): it is held to the limit as it is read.
      read += (chunk as Buffer).length;
      if (read > RUN_FILE_BYTES_MAX) throw labError('file', 'runFile.grew', { label, limit: formatMegabytes(RUN_FILE_BYTES_MAX) });
      scanner.feed(decoder.write(chunk as Buffer));
    }
    scanner.feed(decoder.end());
    scanner.end();
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw labError('file', 'files.cannotRead', { path: label, reason: fsReason(error) });
  } finally {
    stream.destroy();
  }
}
