// Evaluating a weights file on worker threads: the workers take the test split's batches from a shared
// counter, and what they measured adds up to the measurement of one pass, to the last bit.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateDetailed } from '../../../engine/evaluation';
import { Network } from '../../../engine/network';
import { exportWeights, weightsToJson } from '../../../engine/weights';
import { evaluateInWorker, evaluationThreads } from '../../../main/runs/evaluateInWorker';
import { SharedDatasets } from '../../../main/runs/sharedData';

const model = JSON.parse(readFileSync(new URL('../../../examples/simple-convnet.dlab.json', import.meta.url), 'utf8')).model;

describe('evaluateInWorker', () => {
  it('starts a thread per worker, but none for want of batches or for a small split', () => {
    expect(evaluationThreads(10_000, 2)).toBe(2);
    expect(evaluationThreads(10_000, 3)).toBe(3);
    expect(evaluationThreads(8004, 2)).toBe(2);
    expect(evaluationThreads(3999, 2)).toBe(1);
    expect(evaluationThreads(60, 2)).toBe(1);
    expect(evaluationThreads(0, 2)).toBe(1);
  });

  it('on two workers gives the figures of one pass on this thread, the loss to the last bit', async () => {
    const loaded = await new SharedDatasets().load({ source: 'mnist' });
    const dataset = { ...loaded, test: loaded.train }; // 8,004 samples: enough for two workers
    const network = new Network(model, { seed: 9 });
    const { lossSum: _sum, ...expected } = evaluateDetailed(network, dataset.test, dataset.inputShape);
    const measured = await evaluateInWorker(weightsToJson(exportWeights(network)), 'test weights', dataset, 2);
    expect(measured).toEqual(expected);
  }, 30_000);

  it('passes a worker’s refusal on as a sentence', async () => {
    const loaded = await new SharedDatasets().load({ source: 'spiral', samples: 3000 }); // 2 parts: both refuse, one error comes back
    const network = new Network(model, { seed: 9 });
    await expect(evaluateInWorker(weightsToJson(exportWeights(network)), 'test weights', loaded, 2)).rejects.toThrow(/^The model expects inputs of 1×28×28/);
  }, 30_000);
});
