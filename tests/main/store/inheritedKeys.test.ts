// The store called directly (as the CLI and the service do, behind their own checks): a sort field
// that every object inherits ("constructor", "toString"…) is refused with a sentence, not taken for a
// column — `in` and `TABLE[key]` would have found Object's methods there.

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { ownValue } from '../../../engine/fields';
import type { RunQuery } from '../../../main/api/contract';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, removeTempDirs, tempDir } from './fixtures';

afterAll(removeTempDirs);

describe('keys every object inherits', () => {
  it('are no sort column of the run list', () => {
    const store = RunStore.open(join(tempDir(), 'lab.db'));
    addRun(store, { name: 'a run', finalStatus: 'done' });
    for (const sort of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      let caught: unknown;
      try {
        store.listRuns({ sort } as unknown as RunQuery);
      } catch (error) {
        caught = error;
      }
      expect(caught, sort).toBeInstanceOf(LabError);
      expect((caught as LabError).message).toBe(`Runs can be sorted by startedAt, name, testAcc, durationMs, not "${sort}".`);
    }
    expect(store.listRuns({ sort: 'name' }).total).toBe(1);
    store.close();
  });

  it('are found by ownValue only where the record has them', () => {
    const table: Record<string, number> = { W1: 1 };
    expect(ownValue(table, 'W1')).toBe(1);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(ownValue(table, key), key).toBeUndefined();
    expect(ownValue(JSON.parse('{"__proto__": 5}') as Record<string, number>, '__proto__')).toBe(5);
  });
});
