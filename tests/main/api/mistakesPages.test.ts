// The mistakes gallery pages through every mistake and filters by a cell of the confusion matrix:
// a real run's weights evaluated on worker threads over the real bundled digits.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../../main/api/contract';
import { createLabService, type LabService } from '../../../main/api/service';

const experiment = {
  format: 'dlab-experiment',
  version: 1,
  model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 20 }, { type: 'relu' }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
  data: { source: 'mnist', trainLimit: 300 },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 100, epochs: 1, seed: 1 },
};

let service: LabService;
let weights: string;

beforeAll(async () => {
  service = await createLabService({ dbPath: ':memory:', workers: 2 });
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  service.onRunEvent((e) => e.type === 'status' && e.status === 'done' && ended());
  const { runId } = await service.api.startRun(experiment, { workers: 2 });
  await done;
  weights = await service.api.exportWeights(runId);
});
afterAll(async () => {
  await service?.close();
});

describe('mistakes, page by page and cell by cell', () => {
  it('lists every mistake across pages, in order, each once', async () => {
    const first = await service.api.evaluateWeights(weights, experiment.data);
    const wrong = first.count - first.correct;
    expect(wrong).toBeGreaterThan(100); // a weak net: more than two pages of mistakes
    expect(first.mistakesTotal).toBe(wrong);
    expect(first.mistakes).toHaveLength(48);
    const all: EvaluationResult['mistakes'] = [];
    for (let offset = 0; offset < wrong; offset += 48) {
      const page = await service.api.evaluateWeights(weights, experiment.data, { mistakes: { offset, limit: 48 } });
      all.push(...page.mistakes);
    }
    expect(all).toHaveLength(wrong);
    expect(all.slice(0, 48)).toEqual(first.mistakes);
    const indexes = all.map((m) => m.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(new Set(indexes).size).toBe(wrong);
    for (const m of all) expect(m.predicted).not.toBe(m.label);
  });

  it('gives the mistakes of one cell of the confusion matrix, as many as the cell counts', async () => {
    const { confusion } = await service.api.evaluateWeights(weights, experiment.data);
    // The cell with the most mistakes.
    let best = { actual: 0, predicted: 1, count: -1 };
    confusion.forEach((row, actual) =>
      row.forEach((count, predicted) => {
        if (actual !== predicted && count > best.count) best = { actual, predicted, count };
      }),
    );
    const cell = await service.api.evaluateWeights(weights, experiment.data, { mistakes: { actual: best.actual, predicted: best.predicted, limit: 200 } });
    expect(cell.mistakesTotal).toBe(best.count);
    expect(cell.mistakes).toHaveLength(Math.min(200, best.count));
    for (const m of cell.mistakes) expect([m.label, m.predicted]).toEqual([best.actual, best.predicted]);
    expect(cell.mistakes[0]!.x).toHaveLength(784);
  });

  it('refuses a page size past its limit at the boundary', async () => {
    const { parseCall } = await import('../../../main/api/schemas');
    expect(() => parseCall('evaluateWeights', [weights, 'mnist', { mistakes: { limit: 10_000 } }])).toThrow(/limit/);
  });
});
