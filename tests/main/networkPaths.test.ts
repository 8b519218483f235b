import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { readTextFile, writeTextFile } from '../../main/cli/files';
import { RunStore } from '../../main/store/RunStore';

// The lab's other doors for a user's path — experiment and weights files, databases — refuse a network
// share or a device by its name, before any file system call could reach for it.
describe('network paths at the main process doors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-unc-main-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function thrown(act: () => unknown): LabError {
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(LabError);
      return error as LabError;
    }
    throw new Error('expected a LabError');
  }

  it('a database, to open or to import', () => {
    expect(thrown(() => RunStore.open('\\\\teacher\\class\\lab.sqlite')).message).toMatch(/^The database \\\\teacher\\class\\lab\.sqlite is a network path/);
    const store = RunStore.open(join(dir, 'lab.sqlite'));
    try {
      expect(thrown(() => store.importDatabase('//teacher/class/lab.sqlite')).message).toMatch(
        /^The database \/\/teacher\/class\/lab\.sqlite is a network path/,
      );
    } finally {
      store.close();
    }
  });

  it('an experiment or weights file to read, an export to write', async () => {
    const read = await readTextFile('\\\\?\\UNC\\teacher\\class\\mlp.dlab.json').then(
      () => null,
      (e: unknown) => e,
    );
    expect(read).toBeInstanceOf(LabError);
    expect((read as LabError).message).toMatch(/^The file \\\\\?\\UNC\\teacher\\class\\mlp\.dlab\.json is a network path/);
    const written = await writeTextFile(`//teacher/class/run.weights.json`, '{}').then(
      () => null,
      (e: unknown) => e,
    );
    expect((written as LabError).message).toMatch(/^The file \/\/teacher\/class\/run\.weights\.json is a network path/);
  });
});
