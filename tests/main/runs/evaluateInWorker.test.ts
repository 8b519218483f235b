// Evaluating a weights file on worker threads: each worker measures whole batches of its own part of
// the test split, and the parts add up to the measurement of one pass.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateDetailed } from '../../../engine/evaluation';
import { Network } from '../../../engine/network';
import { exportWeights, weightsToJson } from '../../../engine/weights';
import { evaluateInWorker, evaluationParts } from '../../../main/runs/evaluateInWorker';
import { SharedDatasets } from '../../../main/runs/sharedData';

const model = JSON.parse(readFileSync(new URL('../../../examples/simple-convnet.dlab.json', import.meta.url), 'utf8')).model;

describe('evaluateInWorker', () => {
  it('cuts a split into whole batches, one part per worker, and none for a small split', () => {
    expect(evaluationParts(10_000, 2)).toEqual([[0, 5000], [5000, 10_000]]);
    expect(evaluationParts(10_000, 3)).toEqual([[0, 3000], [3000, 6500], [6500, 10_000]]);
    expect(evaluationParts(8004, 2)).toEqual([[0, 4000], [4000, 8004]]);
    expect(evaluationParts(3999, 2)).toEqual([[0, 3999]]);
    expect(evaluationParts(60, 2)).toEqual([[0, 60]]);
    expect(evaluationParts(0, 2)).toEqual([[0, 0]]);
  });

  it('on two workers gives the figures of one pass on this thread', async () => {
    const loaded = await new SharedDatasets().load({ source: 'mnist' });
    const dataset = { ...loaded, test: loaded.train }; // 8,004 samples: enough for two parts
    const network = new Network(model, { seed: 9 });
    const expected = evaluateDetailed(network, dataset.test, dataset.inputShape);
    const measured = await evaluateInWorker(weightsToJson(exportWeights(network)), 'test weights', dataset, 2);
    const { lossSum: _sum, loss, ...rest } = expected;
    expect({ ...measured, loss: 0 }).toEqual({ ...rest, loss: 0 });
    expect(measured.loss).toBeCloseTo(loss, 12); // the two parts' sums are added in another order
  }, 30_000);

  it('passes a worker’s refusal on as a sentence', async () => {
    const loaded = await new SharedDatasets().load({ source: 'spiral', samples: 3000 }); // 2 parts: both refuse, one error comes back
    const network = new Network(model, { seed: 9 });
    await expect(evaluateInWorker(weightsToJson(exportWeights(network)), 'test weights', loaded, 2)).rejects.toThrow(/^The model expects inputs of 1×28×28/);
  }, 30_000);
});
