// The page scans a picked run file as it streams from the disk, before reading it whole or sending
// it (renderer/charts/readPickedFile.ts): a file past a limit is refused with the run file's sentence
// having read only the part before it, and never read as text. Node's File and Blob are the
// browser's (the same streams API), so the real streaming is what runs here.

import { describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { LOSSES_PER_RUN_MAX, TEXT_MAX } from '../../engine/runFileScan';
import { readPickedFile, scanRunFileBlob } from '../../renderer/charts/readPickedFile';

/** A run file of one run, `losses` loss pairs long, its notes `notes`, in parts as a disk would hand them. */
function runFileParts(losses: number, notes = ''): string[] {
  const parts = [`{"format":"dlab-run","version":1,"runs":[{"name":"mina","notes":${JSON.stringify(notes)},"losses":[`];
  for (let first = 1; first <= losses; first += 10_000) {
    const pairs: string[] = [];
    for (let i = first; i < Math.min(first + 10_000, losses + 1); i++) pairs.push(`[${i},0.5]`);
    parts.push((first > 1 ? ',' : '') + pairs.join(','));
  }
  parts.push(']}]}');
  return parts;
}

/** A File that records how much of it was streamed and whether it was read as text. */
class WatchedFile extends File {
  streamedBytes = 0;
  readAsText = false;
  override stream(): ReadableStream<Uint8Array> {
    const counted = new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => {
        this.streamedBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return super.stream().pipeThrough(counted);
  }
  override text(): Promise<string> {
    this.readAsText = true;
    return super.text();
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return (error as LabError).message;
}

describe('a run file picked in the page', () => {
  it('is refused past its losses with the limit named, before it is read whole or read as text', async () => {
    const file = new WatchedFile(runFileParts(LOSSES_PER_RUN_MAX + 200_000), 'long.dlab-run.json');
    expect(await refusal(readPickedFile('run', file))).toBe(
      'The run file: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run (a longer run moves with its database: dlab runs import LAB.db).',
    );
    expect(file.readAsText).toBe(false);
    expect(file.streamedBytes).toBeGreaterThan(0);
    expect(file.streamedBytes).toBeLessThan(file.size);
  });

  it('is read as text when it keeps within its limits', async () => {
    const parts = runFileParts(1000);
    const file = new WatchedFile(parts, 'short.dlab-run.json');
    expect(await readPickedFile('run', file)).toEqual({ name: 'short.dlab-run.json', text: parts.join('') });
  });

  it('counts characters, not bytes, with Korean cut across the chunks of the stream', async () => {
    // 100,000 three-byte characters: 300 KB, several chunks, each likely cut inside a character.
    const atLimit = new File(runFileParts(10, '한'.repeat(TEXT_MAX)), 'notes.dlab-run.json');
    await expect(scanRunFileBlob(atLimit)).resolves.toBeUndefined();
    const overLimit = new File(runFileParts(10, '한'.repeat(TEXT_MAX + 1)), 'notes.dlab-run.json');
    expect(await refusal(scanRunFileBlob(overLimit))).toBe(
      'The run file: runs[0].notes is a text of more than 100,000 characters; a text in a run file may have at most 100,000.',
    );
  });

  it('leaves other kinds of file to their own checks', async () => {
    const file = new WatchedFile(runFileParts(LOSSES_PER_RUN_MAX + 1), 'not-a-run.dlab.json');
    const opened = await readPickedFile('experiment', file);
    expect(opened.name).toBe('not-a-run.dlab.json');
    expect(file.streamedBytes).toBe(0);
    expect(file.readAsText).toBe(true);
  });
});
