import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { parseExperiment, validateExperiment } from '../../engine/experiment';
import { editText, mutate, mutationArb, textEditArb } from './fuzz';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.dlab.json`, import.meta.url), 'utf8');

function refusal(doc: unknown): string {
  try {
    validateExperiment(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return (error as LabError).message;
  }
  throw new Error('expected a refusal');
}

describe('experiment files', () => {
  it('reads the shipped examples and fills in the book’s defaults', () => {
    const { experiment, plan } = parseExperiment(example('simple-convnet'), 'simple-convnet.dlab.json');
    expect(experiment.training.optimizer).toEqual({ type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 });
    expect(plan.paramCount).toBe(433890);
    for (const name of ['two-layer-net', 'fashion-two-layer-net', 'fashion-simple-convnet']) {
      expect(() => parseExperiment(example(name))).not.toThrow();
    }
  });

  it('takes defaults for optional training fields', () => {
    const doc = JSON.parse(example('two-layer-net'));
    doc.training = { optimizer: { type: 'momentum' } };
    const { experiment } = validateExperiment(doc);
    expect(experiment.training).toEqual({ optimizer: { type: 'momentum', lr: 0.01, momentum: 0.9 }, batchSize: 100, epochs: 10, weightDecay: 0, seed: 1 });
  });

  it('refuses what cannot work, saying what and where', () => {
    const base = JSON.parse(example('two-layer-net'));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reaches into parsed JSON at any depth to break it on purpose
    const withChange = (change: (d: Record<string, any>) => void) => {
      const d = JSON.parse(JSON.stringify(base));
      change(d);
      return d;
    };
    expect(refusal(withChange((d) => (d.format = 'other')))).toMatch(/not a lab experiment/);
    expect(refusal(withChange((d) => (d.version = 2)))).toMatch(/newer version of the lab \(experiment version 2\)/);
    expect(refusal(withChange((d) => (d.colour = 'red')))).toMatch(/unknown field "colour"/);
    expect(refusal(withChange((d) => (d.training.optimizer = { type: 'adam', momentum: 0.9 })))).toBe(
      'training.optimizer (adam): unknown field "momentum" (it takes "lr", "beta1", "beta2", "eps")',
    );
    expect(refusal(withChange((d) => (d.training.optimizer.type = 'adamw')))).toMatch(/unknown optimizer "adamw" \(known: sgd, momentum, nesterov/);
    expect(refusal(withChange((d) => (d.training.batchSize = 0)))).toBe('training: "batchSize" must be at least 1, not 0');
    expect(refusal(withChange((d) => (d.training.optimizer.lr = -1)))).toBe('training.optimizer (sgd): "lr" must be greater than 0, not -1');
    expect(refusal(withChange((d) => (d.data = { source: 'mnist', trainLimit: 2.5 })))).toBe('data: "trainLimit" must be a whole number, not 2.5');
    expect(refusal(withChange((d) => (d.model.layers[0].units = 'fifty')))).toBe('Layer 1 (affine): "units" must be a number, not "fifty"');
  });

  it('says when a file is not JSON, naming it', () => {
    expect(() => parseExperiment('{"format": ', 'lab1.dlab.json')).toThrow(/^lab1\.dlab\.json is not valid JSON: /);
  });

  it('never crashes or hangs on mutated or random files: a clear LabError or a valid experiment', () => {
    const valid = JSON.parse(example('simple-convnet'));
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        try {
          validateExperiment(mutate(valid, mutations));
        } catch (error) {
          expect(error).toBeInstanceOf(LabError);
          expect((error as LabError).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 1500 },
    );
    const text = example('two-layer-net');
    fc.assert(
      fc.property(
        fc.oneof(
          textEditArb.map((e) => editText(text, e)),
          fc.string(),
          fc.string({ unit: 'binary' }),
        ),
        (input) => {
          try {
            parseExperiment(input, 'x.dlab.json');
          } catch (error) {
            expect(error).toBeInstanceOf(LabError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
