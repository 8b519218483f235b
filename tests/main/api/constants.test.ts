// The contract's run-time constants are the limits themselves, not a description of them: the API's
// schemas refuse exactly one past each, the renderer's forms accept exactly up to each, and the bundled
// data's split is what the engine reads from the built files.

import { describe, expect, it } from 'vitest';
import { listDatasets } from '../../../engine/node/datasets';
import {
  BUNDLED_MNIST_SPLIT,
  COMPARE_RUNS_MAX,
  GRADIENT_CHECK_BATCH_MAX,
  LabCallError,
  NAME_MAX,
  RUN_WORKERS_MAX,
  SEED_MAX,
  TAG_MAX,
  unwrapResult,
} from '../../../main/api/constants';
import { parseCall } from '../../../main/api/schemas';
import { checkName, checkTags } from '../../../main/store/validate';
import { readBatch } from '../../../renderer/labs/gradcheck/format';
import { MNIST_TRAIN_SIZE as RACE_MAX, checkRaceNumbers } from '../../../renderer/labs/common/race';
import { MAX_WORKERS, trainingFieldSpecs } from '../../../renderer/model/formFields';

function refusal(method: string, args: unknown[]): string | null {
  try {
    parseCall(method, args);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the contract’s constants', () => {
  it('are the API’s limits: the last value allowed passes, the next is refused', () => {
    const model = { input: [2], layers: [{ type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] };
    expect(refusal('gradientCheck', [model, { batch: GRADIENT_CHECK_BATCH_MAX }])).toBeNull();
    expect(refusal('gradientCheck', [model, { batch: GRADIENT_CHECK_BATCH_MAX + 1 }])).toBe(
      `gradientCheck: options.batch must be a whole number from 1 to ${GRADIENT_CHECK_BATCH_MAX}.`,
    );
    expect(refusal('gradientCheck', [model, { seed: SEED_MAX }])).toBeNull();
    expect(refusal('gradientCheck', [model, { seed: SEED_MAX + 1 }])).toMatch(/options\.seed must be/);
    expect(refusal('startRun', [{}, { workers: RUN_WORKERS_MAX }])).toBeNull();
    expect(refusal('startRun', [{}, { workers: RUN_WORKERS_MAX + 1 }])).toMatch(/options\.workers must be/);
    expect(refusal('updateRun', [1, { name: 'n'.repeat(NAME_MAX) }])).toBeNull();
    expect(refusal('updateRun', [1, { name: 'n'.repeat(NAME_MAX + 1) }])).toMatch(/patch\.name must be/);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(refusal('compareRuns', [ids(COMPARE_RUNS_MAX)])).toBeNull();
    expect(refusal('compareRuns', [ids(COMPARE_RUNS_MAX + 1)])).toMatch(/runIds must have/);
  });

  it('are the store’s limits too, so the API never lets through what the store refuses', () => {
    expect(checkName('n'.repeat(NAME_MAX))).toHaveLength(NAME_MAX);
    expect(() => checkName('n'.repeat(NAME_MAX + 1))).toThrow(`1 to ${NAME_MAX} characters`);
    expect(refusal('updateRun', [1, { tags: ['t'.repeat(TAG_MAX)] }])).toBeNull();
    expect(checkTags(['t'.repeat(TAG_MAX)])).toEqual(['t'.repeat(TAG_MAX)]);
    expect(refusal('updateRun', [1, { tags: ['t'.repeat(TAG_MAX + 1)] }])).toMatch(/patch\.tags\[0\] must be/);
  });

  it('are the renderer’s form bounds: no copy of a number that could drift', () => {
    expect(readBatch(String(GRADIENT_CHECK_BATCH_MAX))).toBe(GRADIENT_CHECK_BATCH_MAX);
    expect(readBatch(String(GRADIENT_CHECK_BATCH_MAX + 1))).toBeNull();
    expect(trainingFieldSpecs.seed.max).toBe(SEED_MAX);
    expect(MAX_WORKERS).toBe(RUN_WORKERS_MAX);
    expect(RACE_MAX).toBe(BUNDLED_MNIST_SPLIT.train);
    expect(checkRaceNumbers({ epochs: 1, trainLimit: BUNDLED_MNIST_SPLIT.train, seed: SEED_MAX })).toBeNull();
    expect(checkRaceNumbers({ epochs: 1, trainLimit: BUNDLED_MNIST_SPLIT.train + 1, seed: 1 })).toBe('trainLimit');
    expect(checkRaceNumbers({ epochs: 1, trainLimit: 1, seed: SEED_MAX + 1 })).toBe('seed');
  });

  it('name the bundled MNIST split the engine reads from the built files', async () => {
    const mnist = (await listDatasets()).find((d) => d.source === 'mnist');
    expect(mnist?.description).not.toMatch(/Not built yet/); // read from the IDX headers, not the engine's own note
    expect({ train: mnist?.train, test: mnist?.test }).toEqual(BUNDLED_MNIST_SPLIT);
  });

  it('unwrap any door’s answer the same way: the value, or the lab’s sentence with its kind', () => {
    expect(unwrapResult({ ok: true, value: { runId: 3 } })).toEqual({ runId: 3 });
    expect(unwrapResult({ ok: true })).toBeUndefined();
    const refused = (() => {
      try {
        return unwrapResult({ ok: false, error: { message: 'There is no run 9.', kind: 'missing' } });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(LabCallError);
    expect(refused).toMatchObject({ message: 'There is no run 9.', kind: 'missing' });
    expect(() => unwrapResult({ ok: false })).toThrow('The lab refused the call.');
    expect(() => unwrapResult(null)).toThrow('The lab answered in a form this window does not understand; restart the app.');
    expect(() => unwrapResult([1], 'Another door’s words.')).toThrow('Another door’s words.');
  });
});
