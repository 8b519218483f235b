// The limits of a dlab-run file: each list and text a file can hold is capped, the cap named in the
// refusal, and the scan that checks them streams (any chunking gives the same answer) and stops at
// the first limit passed — before anything is parsed whole or stored.

import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { parseRunFile } from '../../../main/store/runFile';
import {
  EPOCHS_PER_RUN_MAX,
  LOSSES_PER_FILE_MAX,
  LOSSES_PER_RUN_MAX,
  RUNS_PER_FILE_MAX,
  RUN_FILE_BYTES_MAX,
  RunFileScanner,
  TAGS_LISTED_MAX,
  TEXT_MAX,
  VALUES_PER_FILE_MAX,
  RUN_TAGS_MAX,
  scanRunFilePath,
} from '../../../main/store/runFileScan';
import { TAGS_MAX } from '../../../main/store/validate';
import { addRun, hashDatabase, refusal, removeTempDirs, tempDir } from './fixtures';

afterAll(removeTempDirs);

/** A real exported run (with weights) as a plain object, to be grown past a limit. */
function exportedRun(): Record<string, unknown> {
  const store = RunStore.open(join(tempDir(), 'source.db'));
  const id = addRun(store, { name: 'mina: Adam', epochs: 3, weights: true, finalStatus: 'done' });
  const file = JSON.parse(store.exportRun(id));
  store.close();
  return file.runs[0];
}
const run = exportedRun();

it('names the same most tags a run may have as the store (the scan keeps its own copy for the page)', () => {
  expect(RUN_TAGS_MAX).toBe(TAGS_MAX);
});

/** A run file whose run(s) have `field` replaced by raw JSON text (so a huge list is never built as objects). */
function fileWith(field: string, rawJson: string, runs = 1): string {
  const copies = Array.from({ length: runs }, (_, i) => JSON.stringify({ ...run, uid: `uid-${i}`, [field]: '@@RAW@@' }).replace('"@@RAW@@"', rawJson));
  return `{"format":"dlab-run","version":1,"runs":[${copies.join(',')}]}`;
}

/** The list `[1,0.5],[2,0.5],…` of n losses, as text. */
const lossesText = (n: number) => `[${Array.from({ length: n }, (_, i) => `[${i + 1},0.5]`).join(',')}]`;

describe('the limits of a run file', () => {
  it('refuses a run with more losses than a run file holds, with the path and the limit, and stores nothing', () => {
    const path = join(tempDir(), 'lab.db');
    const store = RunStore.open(path);
    addRun(store, { name: 'already here', finalStatus: 'done' });
    const before = hashDatabase(path);
    const error = refusal(() => store.importRuns(fileWith('losses', lossesText(LOSSES_PER_RUN_MAX + 1))));
    expect(error.message).toBe(
      'The run file: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run (a longer run moves with its database: dlab runs import LAB.db).',
    );
    expect(error.details.path).toBe('runs[0].losses');
    store.close();
    expect(hashDatabase(path)).toBe(before);
  });

  it('counts the losses of all the runs of a file', () => {
    const perRun = Math.ceil((LOSSES_PER_FILE_MAX + 1) / 3);
    expect(perRun).toBeLessThanOrEqual(LOSSES_PER_RUN_MAX);
    const error = refusal(() => parseRunFile(fileWith('losses', lossesText(perRun), 3)));
    expect(error.message).toBe(
      'The run file: runs[2].losses brings the file to more than 2,000,000 losses; a run file may hold at most 2,000,000 in all its runs.',
    );
  });

  it('caps epochs, tags, runs and texts, each refusal naming its limit', () => {
    const epoch = JSON.stringify((run.epochs as unknown[])[0]);
    expect(
      refusal(() =>
        parseRunFile(
          fileWith(
            'epochs',
            `[${Array(EPOCHS_PER_RUN_MAX + 1)
              .fill(epoch)
              .join(',')}]`,
          ),
        ),
      ).message,
    ).toBe('The run file: runs[0].epochs has more than 10,000 epochs; a run trains at most 10,000.');
    expect(refusal(() => parseRunFile(fileWith('tags', JSON.stringify(Array(TAGS_LISTED_MAX + 1).fill('ch6'))))).message).toBe(
      'The run file: runs[0].tags lists more than 1,000 tags; a run can have at most 30.',
    );
    expect(refusal(() => parseRunFile(fileWith('notes', JSON.stringify('n'.repeat(TEXT_MAX + 1))))).message).toBe(
      'The run file: runs[0].notes is a text of more than 100,000 characters; a text in a run file may have at most 100,000.',
    );
    const runs = `{"format":"dlab-run","version":1,"runs":[${Array(RUNS_PER_FILE_MAX + 1)
      .fill('{}')
      .join(',')}]}`;
    expect(refusal(() => parseRunFile(runs)).message).toBe('The run file: runs has more than 1,000 runs; a run file may hold at most 1,000.');
    const deep = fileWith('experiment', `${'['.repeat(100)}${']'.repeat(100)}`);
    expect(refusal(() => parseRunFile(deep)).message).toMatch(
      /^The run file: runs\[0\]\.experiment(\[0\])+ is nested more than 64 lists and objects deep; a run file may nest at most 64\.$/,
    );
  });

  it('caps the values of the whole file (a weights list of zeros)', () => {
    const zeros = `[${'0,'.repeat(VALUES_PER_FILE_MAX)}0]`;
    expect(refusal(() => parseRunFile(fileWith('weights', zeros))).message).toBe(
      'The run file: the file holds more than 25,000,000 values (numbers, texts, lists and objects); a run file may hold at most 25,000,000.',
    );
  });

  it('recognises a field however its name is spelled in JSON ("losse\\u0073" is "losses")', () => {
    const text = fileWith('losses', lossesText(LOSSES_PER_RUN_MAX + 1)).replace('"losses"', '"losse\\u0073"');
    expect(refusal(() => parseRunFile(text)).message).toMatch(/^The run file: runs\[0\]\.losses has more than 1,000,000 losses/);
  });

  it('gives the same answer however the text is cut into chunks', () => {
    const tags = JSON.stringify(Array.from({ length: TAGS_LISTED_MAX + 1 }, (_, i) => `t\\"${i}\u00e9`));
    const text = fileWith('tags', tags).replace('"tags"', '"t\\u0061gs"').replace('"notes":""', '"notes":"a \\"quoted\\" \\\\ note \\u00e9"');
    const whole = refusal(() => new RunFileScanner().feed(text)).message;
    expect(whole).toBe('The run file: runs[0].tags lists more than 1,000 tags; a run can have at most 30.');
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      const scanner = new RunFileScanner();
      const message = refusal(() => {
        for (let at = 0; at < text.length; at += size) scanner.feed(text.slice(at, at + size));
      }).message;
      expect(message, `chunks of ${size}`).toBe(whole);
    }
  });

  it('lets a file the lab wrote through, at every chunking', () => {
    const text = JSON.stringify({ format: 'dlab-run', version: 1, runs: [run] });
    for (const size of [1, 7, text.length]) {
      const scanner = new RunFileScanner();
      for (let at = 0; at < text.length; at += size) scanner.feed(text.slice(at, at + size));
      scanner.end();
    }
    expect(parseRunFile(text).runs[0]!.name).toBe('mina: Adam');
  });

  it('checks each loss as a pair [iteration, loss], saying which one is wrong', () => {
    expect(refusal(() => parseRunFile(fileWith('losses', '[[1,0.5],[0,0.4]]'))).message).toBe(
      'The run file: runs[0].losses[1][0] must be an iteration (a whole number from 1 up), not 0.',
    );
    expect(refusal(() => parseRunFile(fileWith('losses', '[[1,0.5],[2,"low"]]'))).message).toBe(
      'The run file: runs[0].losses[1][1] must be a number, not "low".',
    );
    expect(refusal(() => parseRunFile(fileWith('losses', '[[1,0.5,7]]'))).message).toMatch(
      /^The run file: runs\[0\]\.losses\[0\] must be a pair \[iteration, loss\], not /,
    );
    expect(parseRunFile(fileWith('losses', '[[1,0.5],[3,-0.25]]')).runs[0]!.losses).toEqual([
      [1, 0.5],
      [3, -0.25],
    ]);
  });

  it('never writes a run file it would refuse: a run past the limits is not exported as one', () => {
    const store = RunStore.open(join(tempDir(), 'long.db'));
    const id = addRun(store, { name: 'batch 1 for days', epochs: 1, iterationsPerEpoch: LOSSES_PER_RUN_MAX + 1, lossOf: () => 0.5, finalStatus: 'done' });
    expect(refusal(() => store.exportRun(id)).message).toBe(
      `Run ${id}'s run file: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run (a longer run moves with its database: dlab runs import LAB.db).`,
    );
    store.close();
  });

  it('refuses a file on disk larger than a run file may be by its size, with both figures', async () => {
    const path = join(tempDir(), 'huge.dlab-run.json');
    writeFileSync(path, '');
    truncateSync(path, RUN_FILE_BYTES_MAX + 5 * 1024 * 1024); // sparse: no disk used, nothing worth reading
    await expect(scanRunFilePath(path, 'huge.dlab-run.json')).rejects.toThrow('huge.dlab-run.json is 205.0 MB; a run file may be at most 200.0 MB.');
    await expect(scanRunFilePath(join(tempDir(), 'none.json'), 'none.json')).rejects.toThrow('Cannot read none.json: there is no such file.');
  });
});
