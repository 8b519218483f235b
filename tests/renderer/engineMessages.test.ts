// The engine's refusals of a broken stack carry their code and values (engine/messages.ts): the builder
// says them in Korean from the code, and a sentence that arrives without it (a stored failure, an error
// that crossed Electron's bridge) is recognised from the English template. These are the engine's real
// refusals, so a sentence that loses its code fails here instead of going silently English.

import { describe, expect, it } from 'vitest';
import { checkTrainingMemory } from '../../engine/memory';
import { analyzeModel, planModel, type LayerSpec } from '../../engine/model';
import { LabError } from '../../engine/errors';
import { recogniseMessage } from '../../engine/messages';
import { describeEngineMessage } from '../../renderer/i18n/problems';

const LOSS: LayerSpec = { type: 'softmax-with-loss' };
const image = [1, 28, 28];

function messageOf(layers: LayerSpec[], input = image): LabError {
  const error = analyzeModel({ input, layers }).error;
  if (!error) throw new Error('expected the engine to refuse this stack');
  return error;
}

const cases: [string, string, () => LabError][] = [
  ['stack.terminalNotLast', 'loss in the middle', () => messageOf([{ type: 'affine', units: 10 }, LOSS, { type: 'relu' }])],
  ['stack.mustEndWithLoss', 'no loss at the end', () => messageOf([{ type: 'affine', units: 10 }, { type: 'relu' }])],
  ['stack.nothingToLearn', 'nothing to learn', () => messageOf([{ type: 'flatten' }, LOSS])],
  ['stack.empty', 'no layers', () => messageOf([])],
  ['stack.needsImage', 'conv after affine', () => messageOf([{ type: 'affine', units: 10 }, { type: 'conv', filters: 2, kernel: 3 }, LOSS])],
  ['stack.needsImage', 'pool after flatten', () => messageOf([{ type: 'flatten' }, { type: 'pool' }, { type: 'affine', units: 10 }, LOSS])],
  ['stack.windowTooLarge', 'kernel too large', () => messageOf([{ type: 'conv', filters: 2, kernel: 30 }, { type: 'affine', units: 10 }, LOSS])],
  ['stack.notWhole', 'stride that does not tile', () => messageOf([{ type: 'conv', filters: 2, kernel: 5, stride: 2 }, { type: 'affine', units: 10 }, LOSS])],
  ['stack.lossNeedsScores', 'image into the loss', () => messageOf([{ type: 'conv', filters: 2, kernel: 3 }, LOSS])],
  ['stack.lossNeedsTwo', 'one class', () => messageOf([{ type: 'affine', units: 1 }, LOSS])],
  ['field.atLeast', 'zero units', () => messageOf([{ type: 'affine', units: 0 }, LOSS])],
  ['field.lessThan', 'dropout ratio 1', () => messageOf([{ type: 'affine', units: 10 }, { type: 'dropout', ratio: 1 }, LOSS])],
  ['field.atMost', 'kernel 65', () => messageOf([{ type: 'conv', filters: 2, kernel: 65 }, { type: 'affine', units: 10 }, LOSS])],
  ['field.whole', 'half a unit', () => messageOf([{ type: 'affine', units: 2.5 }, LOSS])],
  ['field.missing', 'no units', () => messageOf([{ type: 'affine' }, LOSS])],
  ['stack.tooManyParams', 'a huge layer', () => messageOf([{ type: 'affine', units: 100000 }, { type: 'affine', units: 100000 }, LOSS])],
  ['stack.trainingMemory', 'a training step over the budget', () => memoryMessage(1)],
  ['stack.trainingMemory', 'a training step over the budget on 8 threads', () => memoryMessage(8)],
];

/** The engine's refusal of a model whose training step would not fit, as validation or a run start says it. */
function memoryMessage(workers: number): LabError {
  const plan = planModel({ input: [3, 512, 512], layers: [{ type: 'conv', filters: 16, kernel: 3, pad: 1 }, { type: 'affine', units: 10 }, LOSS] });
  try {
    checkTrainingMemory(plan, { batchSize: 100, optimizer: { type: 'adam' } }, workers);
  } catch (error) {
    return error as LabError;
  }
  throw new Error('expected the engine to refuse this model');
}

describe("the engine's refusals of a stack, in both languages", () => {
  for (const [code, what, make] of cases) {
    it(`${what} → ${code}`, () => {
      const error = make();
      expect(error.said?.code).toBe(code);
      const korean = describeEngineMessage('ko', error.message, error.said);
      expect(korean).not.toBe(error.message);
      expect(korean, korean).not.toMatch(/\{[^}]*\}|\((이|가|을|를|은|는|으로|로)\)/);
      // without its code (a stored sentence): recognised from the English template, said the same
      expect(recogniseMessage(error.message)?.code).toBe(code);
      expect(describeEngineMessage('ko', error.message)).toBe(korean);
      if (code === 'stack.empty') expect(describeEngineMessage('en', error.message, error.said)).toBe('The stack has no layers yet.');
      else expect(describeEngineMessage('en', error.message, error.said)).toBe(error.message);
    });
  }

  it('names the layer and the field in Korean, with the particles their sounds take', () => {
    expect(describeEngineMessage('ko', messageOf([{ type: 'affine', units: 0 }, LOSS]).message)).toBe(
      '1번째 계층(Affine): 뉴런 수는 1 이상이어야 합니다 (0이 아니라)',
    );
    const stride = messageOf([{ type: 'conv', filters: 2, kernel: 5, stride: 2 }, { type: 'affine', units: 10 }, LOSS]);
    expect(stride.message).toBe(
      'Layer 1 (conv): the output height (28 + 2·0 − 5) / 2 + 1 = 12.5 is not a whole number — change the stride or the padding so that 2 divides 23.',
    );
    expect(describeEngineMessage('ko', stride.message, stride.said)).toBe(
      '1번째 계층(합성곱): 출력 높이가 (28 + 2·0 − 5) / 2 + 1 = 12.5로 정수가 아닙니다. 2가 23을 나누어떨어지게 스트라이드나 패딩을 바꾸세요.',
    );
    const end = messageOf([{ type: 'affine', units: 10 }, { type: 'relu' }]);
    expect(describeEngineMessage('ko', end.message, end.said)).toBe('스택은 Softmax-with-Loss 계층으로 끝나야 합니다 (지금은 2번째 계층 ReLU로 끝납니다).');
  });

  it('an unknown sentence is shown as the engine wrote it', () => {
    expect(recogniseMessage('Something new happened.')).toBeNull();
    expect(describeEngineMessage('ko', 'Something new happened.')).toBe('Something new happened.');
  });
});
