import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch';
import { fakeService } from '../web/fakeService';

describe('createDispatcher', () => {
  it('validates, then calls the service with the parsed arguments', async () => {
    const service = fakeService();
    const dispatch = createDispatcher(service);
    expect(await dispatch('startRun', [{ format: 'dlab-experiment' }, { workers: 2 }])).toEqual({ ok: true, value: { runId: 7 } });
    expect(service.calls).toEqual([{ method: 'startRun', args: [{ format: 'dlab-experiment' }, { workers: 2 }] }]);
  });

  it('never calls the service with arguments it refused', async () => {
    const service = fakeService();
    const result = await createDispatcher(service)('cancelRun', ['1']);
    expect(result).toEqual({ ok: false, error: { message: 'cancelRun: runId must be a run id (a whole number from 1 up).', kind: 'usage' } });
    expect(service.calls).toEqual([]);
  });

  it('returns a LabError as its sentence and any other error as the generic one', async () => {
    const dispatch = createDispatcher(fakeService());
    expect(await dispatch('getRun', [99])).toEqual({ ok: false, error: { message: 'There is no run 99.', kind: 'missing' } });
    const bug = await dispatch('updateRun', [1, { name: 'x' }]);
    expect(bug).toEqual({
      ok: false,
      error: { message: "Something went wrong in the lab: Cannot read properties of undefined (reading 'name')", kind: 'internal' },
    });
  });

  it('keeps `this` of the service api', async () => {
    const api = {
      prefix: 'runs:',
      async exportRun(this: { prefix: string }, id: number) {
        return `${this.prefix}${id}`;
      },
    };
    const dispatch = createDispatcher({ api } as never);
    expect(await dispatch('exportRun', [4])).toEqual({ ok: true, value: 'runs:4' });
  });
});
