// The node-side doors of the run file scan (engine/runFileScan.ts): a text already in memory (the API)
// and a file on disk, sized before it is read and scanned as it streams by (dlab, the app's dialog).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { LabError } from '../../engine/errors';
import { RUN_FILE_BYTES_MAX, RunFileScanner, formatMegabytes, tooLargeMessage } from '../../engine/runFileScan';

export * from '../../engine/runFileScan';

/** Checks the limits of a run file's text already in memory (the API's door). */
export function scanRunText(text: string, label = 'The run file'): void {
  if (text.length > RUN_FILE_BYTES_MAX) throw new LabError('file', tooLargeMessage(label, text.length, 'characters'));
  const scanner = new RunFileScanner(label);
  scanner.feed(text);
  scanner.end();
}

/**
 * Checks a run file on disk: its size before a byte is read, then its limits while it streams by, so
 * a file past them is refused having held one chunk at a time. `describeError` words an fs failure.
 */
export async function scanRunFilePath(path: string, label: string, describeError: (error: unknown) => string): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw new LabError('file', `Cannot read ${label}: ${describeError(error)}.`);
  }
  if (size > RUN_FILE_BYTES_MAX) throw new LabError('file', tooLargeMessage(label, size));
  const scanner = new RunFileScanner(label);
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    let read = 0;
    for await (const chunk of stream) {
      // A device or a pipe has no size to check first (stat says 0): it is held to the limit as it is read.
      read += (chunk as Buffer).length;
      if (read > RUN_FILE_BYTES_MAX)
        throw new LabError(
          'file',
          `${label} holds more than ${formatMegabytes(RUN_FILE_BYTES_MAX)}; a run file may be at most ${formatMegabytes(RUN_FILE_BYTES_MAX)}.`,
        );
      scanner.feed(decoder.write(chunk as Buffer));
    }
    scanner.feed(decoder.end());
    scanner.end();
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError('file', `Cannot read ${label}: ${describeError(error)}.`);
  } finally {
    stream.destroy();
  }
}
