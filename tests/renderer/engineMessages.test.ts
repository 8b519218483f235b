// The Korean page recognises the engine's sentences by pattern; these are the engine's real sentences
// for broken stacks, so a change of wording in the engine fails here instead of going silently English.

import { describe, expect, it } from 'vitest';
import { checkTrainingMemory } from '../../engine/memory';
import { analyzeModel, planModel, type LayerSpec } from '../../engine/model';
import { describeEngineMessage } from '../../renderer/i18n/problems';
import { explainEngineMessage } from '../../renderer/model/engineMessages';

const LOSS: LayerSpec = { type: 'softmax-with-loss' };
const image = [1, 28, 28];

function messageOf(layers: LayerSpec[], input = image): string {
  const error = analyzeModel({ input, layers }).error;
  if (!error) throw new Error('expected the engine to refuse this stack');
  return error.message;
}

const cases: [string, string, () => string][] = [
  ['engine.terminalNotLast', 'loss in the middle', () => messageOf([{ type: 'affine', units: 10 }, LOSS, { type: 'relu' }])],
  ['engine.mustEndWithLoss', 'no loss at the end', () => messageOf([{ type: 'affine', units: 10 }, { type: 'relu' }])],
  ['engine.nothingToLearn', 'nothing to learn', () => messageOf([{ type: 'flatten' }, LOSS])],
  ['engine.emptyStack', 'no layers', () => messageOf([])],
  ['engine.needsImage', 'conv after affine', () => messageOf([{ type: 'affine', units: 10 }, { type: 'conv', filters: 2, kernel: 3 }, LOSS])],
  ['engine.needsImage', 'pool after flatten', () => messageOf([{ type: 'flatten' }, { type: 'pool' }, { type: 'affine', units: 10 }, LOSS])],
  ['engine.windowTooLarge', 'kernel too large', () => messageOf([{ type: 'conv', filters: 2, kernel: 30 }, { type: 'affine', units: 10 }, LOSS])],
  ['engine.notWhole', 'stride that does not tile', () => messageOf([{ type: 'conv', filters: 2, kernel: 5, stride: 2 }, { type: 'affine', units: 10 }, LOSS])],
  ['engine.lossNeedsScores', 'image into the loss', () => messageOf([{ type: 'conv', filters: 2, kernel: 3 }, LOSS])],
  ['engine.lossNeedsTwo', 'one class', () => messageOf([{ type: 'affine', units: 1 }, LOSS])],
  ['engine.fieldMin', 'zero units', () => messageOf([{ type: 'affine', units: 0 }, LOSS])],
  ['engine.fieldLt', 'dropout ratio 1', () => messageOf([{ type: 'affine', units: 10 }, { type: 'dropout', ratio: 1 }, LOSS])],
  ['engine.fieldMax', 'kernel 65', () => messageOf([{ type: 'conv', filters: 2, kernel: 65 }, { type: 'affine', units: 10 }, LOSS])],
  ['engine.fieldWhole', 'half a unit', () => messageOf([{ type: 'affine', units: 2.5 }, LOSS])],
  ['engine.fieldMissing', 'no units', () => messageOf([{ type: 'affine' }, LOSS])],
  ['engine.tooManyParams', 'a huge layer', () => messageOf([{ type: 'affine', units: 100000 }, { type: 'affine', units: 100000 }, LOSS])],
  ['engine.trainingMemory', 'a training step over the budget', () => memoryMessage(1)],
  ['engine.trainingMemory', 'a training step over the budget on 8 threads', () => memoryMessage(8)],
];

/** The engine's refusal of a model whose training step would not fit, as validation or a run start says it. */
function memoryMessage(workers: number): string {
  const plan = planModel({ input: [3, 512, 512], layers: [{ type: 'conv', filters: 16, kernel: 3, pad: 1 }, { type: 'affine', units: 10 }, LOSS] });
  try {
    checkTrainingMemory(plan, { batchSize: 100, optimizer: { type: 'adam' } }, workers);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the engine to refuse this model');
}

describe("the engine's sentences, recognised", () => {
  for (const [key, what, make] of cases) {
    it(`${what} → ${key}`, () => {
      const message = make();
      const explained = explainEngineMessage(message);
      expect(explained, message).not.toBeNull();
      expect(explained!.key).toBe(key);
      const korean = describeEngineMessage('ko', message);
      expect(korean).not.toBe(message);
      expect(korean, korean).not.toMatch(/\{\w+\}/);
      if (key === 'engine.emptyStack') expect(describeEngineMessage('en', message)).toBe('The stack has no layers yet.');
      else expect(describeEngineMessage('en', message)).toBe(message);
    });
  }

  it('a bound with "greater than" is recognised too', () => {
    const explained = explainEngineMessage('Layer 3 (dropout): "ratio" must be greater than 0, not 0');
    expect(explained).toEqual({ key: 'engine.fieldGt', params: { n: 3, type: 'dropout', field: 'ratio', limit: '0', value: '0' } });
  });

  it('names the layer and the field in Korean', () => {
    const korean = describeEngineMessage('ko', messageOf([{ type: 'affine', units: 0 }, LOSS]));
    expect(korean).toContain('뉴런 수');
    expect(korean).toContain('1번째 계층(Affine)');
  });

  it('an unknown sentence is shown as the engine wrote it', () => {
    expect(explainEngineMessage('Something new happened.')).toBeNull();
    expect(describeEngineMessage('ko', 'Something new happened.')).toBe('Something new happened.');
  });
});
