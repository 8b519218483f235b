// A run file parsed and checked on its own thread: the caller's thread keeps turning meanwhile, the
// checked runs arrive whole, and a refusal arrives as the same LabError (sentence, kind, path).

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { LOSSES_PER_RUN_MAX } from '../../../main/store/runFileScan';
import { parseRunFileInWorker, resolveRunFileWorkerScript } from '../../../main/store/runFileThread';
import { runFileWithLosses } from './bigRunFile';
import { removeTempDirs } from './fixtures';

afterAll(removeTempDirs);

const root = new URL('../../../', import.meta.url).pathname;

describe('parsing a run file on a worker thread', () => {
  it('takes a file at the loss limit while this thread keeps turning (the web host test imports one through the store)', async () => {
    const text = runFileWithLosses(LOSSES_PER_RUN_MAX);
    let turns = 0;
    let settled = false;
    const parsing = parseRunFileInWorker(text).finally(() => (settled = true));
    // Were the parse on this thread, it would be over before the first of these turns came round.
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    const file = await parsing;
    expect(turns).toBeGreaterThan(1);
    expect(file.runs).toHaveLength(1);
    expect(file.runs[0]!.losses).toHaveLength(LOSSES_PER_RUN_MAX);
    expect(file.runs[0]!.losses[LOSSES_PER_RUN_MAX - 1]).toEqual([LOSSES_PER_RUN_MAX, Number((2 / Math.sqrt(LOSSES_PER_RUN_MAX)).toFixed(6))]);
  });

  it('runs from a file that the packaged app unpacks from its archive (electron-builder.yml: dist/worker*.mjs)', () => {
    expect(basename(resolveRunFileWorkerScript())).toMatch(/^worker[^/]*\.mjs$/);
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toContain('- dist/worker*.mjs');
  });

  it('refuses as parseRunFile does: the same sentence, kind and path', async () => {
    const error = await parseRunFileInWorker(runFileWithLosses(LOSSES_PER_RUN_MAX + 1), 'class.dlab-run.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toBe(
      'class.dlab-run.json: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run (a longer run moves with its database: dlab runs import LAB.db).',
    );
    expect((error as LabError).kind).toBe('file');
    expect((error as LabError).details.path).toBe('runs[0].losses');
    await expect(parseRunFileInWorker('{"format":"dlab-run",')).rejects.toThrow(/^The run file is not valid JSON: /);
  });
});
