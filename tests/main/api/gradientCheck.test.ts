// The gradientCheck API method, through the real service and the door's dispatcher: a deliberately tiny
// model passes with every entry checked and both times reported (measured on the worker thread; how
// long they are is the bench's business, never a test's), an
// experiment brings its own data, MNIST is used when a bare model fits it, and bad or oversized
// requests are refused with a sentence. Needs dist/worker.mjs (npm run build:node).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradientCheckReport } from '../../../main/api/contract';
import { createDispatcher, type Dispatcher } from '../../../main/api/dispatch';
import { parseCall } from '../../../main/api/schemas';
import { createLabService, type LabService } from '../../../main/api/service';
import { MAX_GRADCHECK_MULTIPLY_ADDS } from '../../../main/runs/gradcheckInWorker';

const loss = { type: 'softmax-with-loss' };
// 4 → 3 (sigmoid) → 2: 12 + 3 + 6 + 2 = 23 parameter entries, smooth everywhere (no kinks).
const tiny = { input: [4], layers: [{ type: 'affine', units: 3, init: 0.5 }, { type: 'sigmoid' }, { type: 'affine', units: 2, init: 0.5 }, loss] };

let service: LabService;
let dispatch: Dispatcher;
beforeAll(async () => {
  service = await createLabService({ dbPath: ':memory:', workers: 1 });
  dispatch = createDispatcher(service);
});
afterAll(async () => {
  await service?.close();
});

async function call(model: unknown, options?: unknown): Promise<GradientCheckReport> {
  const result = await dispatch('gradientCheck', options === undefined ? [model] : [model, options]);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as GradientCheckReport;
}

async function refusal(args: unknown[]): Promise<string> {
  const result = await dispatch('gradientCheck', args);
  if (result.ok) throw new Error('expected a refusal');
  return result.error.message;
}

describe('gradientCheck through the service', () => {
  it('passes a tiny model exactly, every entry, with both times measured', async () => {
    const report = await call(tiny, { samples: 0, batch: 4, seed: 3 });
    expect(report.data).toBe('random');
    expect(report.batch).toBe(4);
    expect(report.passed).toBe(true);
    expect(report.params.map((p) => [p.name, p.shape, p.checked, p.total])).toEqual([
      ['W1', [4, 3], 12, 12],
      ['b1', [3], 3, 3],
      ['W2', [3, 2], 6, 6],
      ['b2', [2], 2, 2],
    ]);
    expect(report.totalEntries).toBe(23);
    expect(report.checkedEntries).toBe(23);
    for (const p of report.params) {
      expect(p.passed, p.name).toBe(true);
      expect(p.atKinks).toBe(0);
      expect(p.maxRelError).toBeLessThanOrEqual(report.tolerance);
      expect(p.maxAbsDiff).toBeGreaterThanOrEqual(p.meanAbsDiff);
      // Two different computations of the same derivative: close, but not bit-identical.
      expect(p.maxAbsDiff).toBeGreaterThan(0);
      expect(p.maxAbsDiff).toBeLessThan(1e-8);
    }
    expect(report.tolerance).toBe(1e-5);
    expect(report.h).toBe(1e-5);
    // Both times are reported, as durations; how long each took is for the bench to say, not a test.
    for (const ms of [report.backpropMs, report.numericalMs]) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
  });

  it('is seeded: the same request gives the same differences', async () => {
    const a = await call(tiny, { samples: 5, seed: 9 });
    const b = await call(tiny, { samples: 5, seed: 9 });
    expect(a.params.map((p) => [p.checked, p.maxAbsDiff, p.meanAbsDiff])).toEqual(b.params.map((p) => [p.checked, p.maxAbsDiff, p.meanAbsDiff]));
    expect(a.params.map((p) => p.checked)).toEqual([5, 3, 5, 2]);
    expect(a.checkedEntries).toBe(15);
  });

  it('uses an experiment’s own data and seed', async () => {
    const experiment = {
      format: 'dlab-experiment',
      version: 1,
      model: { input: [2], layers: [{ type: 'affine', units: 5 }, { type: 'tanh' }, { type: 'affine', units: 3 }, loss] },
      data: { source: 'spiral', samples: 90, noise: 0.1 },
      training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 1, weightDecay: 0.1, seed: 5 },
    };
    const report = await call(experiment, { samples: 0, batch: 5 });
    expect(report.data).toBe('spiral');
    expect(report.batch).toBe(5);
    expect(report.passed).toBe(true);
  });

  it('checks a model that fits MNIST on MNIST images', async () => {
    const report = await call({ input: [1, 28, 28], layers: [{ type: 'affine', units: 10, init: 0.01 }, loss] }, { samples: 20 });
    expect(report.data).toBe('mnist');
    expect(report.params.map((p) => `${p.name} ${p.checked}/${p.total}`)).toEqual(['W1 20/7840', 'b1 10/10']);
    expect(report.passed).toBe(true);
  });

  it('runs off the main thread: this thread keeps turning, and answers other calls, while a check runs', async () => {
    const twoLayerNet = {
      input: [1, 28, 28],
      layers: [{ type: 'affine', units: 50, init: 0.01 }, { type: 'relu' }, { type: 'affine', units: 10, init: 0.01 }, loss],
    };
    let settled = false;
    const pending = call(twoLayerNet, { samples: 2000 }).finally(() => (settled = true));
    // Had the check run here, the call would have done all its work before this line: by the next turn
    // of the event loop its promise would be settled. Instead the loop turns, and another call is answered.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect((await call(tiny, { samples: 3 })).passed).toBe(true);
    expect(settled).toBe(false);
    expect((await pending).passed).toBe(true);
  });

  it('stops a named check when asked: its thread ends and the call fails with a sentence', async () => {
    const twoLayerNet = {
      input: [1, 28, 28],
      layers: [{ type: 'affine', units: 50, init: 0.01 }, { type: 'relu' }, { type: 'affine', units: 10, init: 0.01 }, loss],
    };
    // Every one of its 39,760 entries: many seconds of work, were it not stopped.
    const pending = dispatch('gradientCheck', [twoLayerNet, { samples: 0, checkId: 'long one' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dispatch('gradientCheck', [tiny, { checkId: 'long one' }])).toMatchObject({
      ok: false,
      error: { message: 'A gradient check named "long one" is already running.' },
    });
    expect(await dispatch('cancelGradientCheck', ['long one'])).toEqual({ ok: true, value: true });
    const result = await pending;
    // Cancelled, not finished: a check of every entry that ran to its end would have passed instead.
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled', message: 'The gradient check was cancelled before it finished.' } });
    // Nothing runs under that name any more; the name can be used again.
    expect(await dispatch('cancelGradientCheck', ['long one'])).toEqual({ ok: true, value: false });
    expect((await call(tiny, { samples: 3, checkId: 'long one' })).passed).toBe(true);
    expect(await dispatch('cancelGradientCheck', ['never started'])).toEqual({ ok: true, value: false });
  });

  it('refuses a check too large to finish in reasonable time, saying what to change', async () => {
    const big = { input: [1, 28, 28], layers: [{ type: 'affine', units: 1000 }, { type: 'relu' }, { type: 'affine', units: 10 }, loss] };
    const message = await refusal([big, { samples: 0 }]);
    expect(message).toMatch(/^Checking 795,010 entries on a batch of 3 would take about [\d.]+ billion multiply-adds/);
    expect(message).toContain('Check fewer entries per parameter, or a smaller batch.');
    expect(MAX_GRADCHECK_MULTIPLY_ADDS).toBe(15e9);
  });

  it('passes on the engine’s sentence for a model that cannot work', async () => {
    expect(await refusal([{ input: [4], layers: [{ type: 'affine', units: 3 }] }])).toMatch(/softmax-with-loss/);
    expect(await refusal([{ input: [4], layers: [loss] }])).toBe('The stack has nothing to learn: add an affine or convolution layer.');
  });
});

describe('gradientCheck at the boundary (schemas)', () => {
  const refused = (args: unknown[]) => {
    try {
      parseCall('gradientCheck', args);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('takes a model and optional samples, batch and seed', () => {
    expect(parseCall('gradientCheck', [tiny, { samples: 0, batch: 3, seed: 1 }]).args).toEqual([tiny, { samples: 0, batch: 3, seed: 1 }]);
    expect(parseCall('gradientCheck', [tiny]).args).toEqual([tiny]);
  });

  it('refuses bad input with a sentence naming the argument', () => {
    expect(refused([])).toBe('gradientCheck: model is missing.');
    expect(refused([null])).toBe('gradientCheck: model must be a model spec or an experiment object.');
    expect(refused([tiny, { samples: -1 }])).toBe('gradientCheck: options.samples must be a whole number of entries from 0 up (0 means every entry).');
    expect(refused([tiny, { samples: 2.5 }])).toMatch(/^gradientCheck: options\.samples must be a whole number/);
    expect(refused([tiny, { batch: 0 }])).toBe('gradientCheck: options.batch must be a whole number from 1 to 100.');
    expect(refused([tiny, { batch: 101 }])).toBe('gradientCheck: options.batch must be a whole number from 1 to 100.');
    expect(refused([tiny, { seed: 'one' }])).toBe('gradientCheck: options.seed must be a whole number from 0 to 4294967295.');
    expect(refused([tiny, { sample: 5 }])).toBe('gradientCheck: options has an unknown field "sample".');
    expect(refused([tiny, 'all'])).toBe('gradientCheck: options must be an object with samples, batch, seed or checkId.');
    expect(refused([tiny, {}, 3])).toMatch(/^gradientCheck takes at most 2 \(model, options\)/);
  });
});
