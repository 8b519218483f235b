// The engine explains a broken stack in English sentences. For the Korean page the sentences a learner
// meets most are recognised here and given as a message key with their numbers, so they can be said
// in Korean too; anything not recognised is shown as the engine wrote it. The patterns are held to the
// engine's real messages by tests/renderer/engineMessages.test.ts.

import type { MessageKey } from '../i18n/en';

export interface Explained {
  key: MessageKey;
  params: Record<string, string | number>;
}

interface Pattern {
  re: RegExp;
  /** 'bound': one of four keys, by the relation the engine names (at least, greater than…). */
  key: MessageKey | 'bound';
  names: string[];
}

const LAYER = String.raw`^Layer (\d+) \(([\w-]+)\)`;

const patterns: Pattern[] = [
  { re: new RegExp(`${LAYER} must be the last layer`), key: 'engine.terminalNotLast', names: ['n', 'type'] },
  { re: /^The stack must end with a softmax-with-loss layer \(it ends with layer (\d+), ([\w-]+)\)/, key: 'engine.mustEndWithLoss', names: ['n', 'type'] },
  { re: /^The stack has nothing to learn/, key: 'engine.nothingToLearn', names: [] },
  { re: /^The model needs a non-empty list of "layers"/, key: 'engine.emptyStack', names: [] },
  {
    re: new RegExp(`${LAYER}: (?:a convolution|pooling) needs an image-shaped input \\(channels×height×width\\), but gets (\\S+) value`),
    key: 'engine.needsImage',
    names: ['n', 'type', 'shape'],
  },
  {
    re: new RegExp(`${LAYER}: (?:kernel|window) (\\d+) is larger than its padded input \\((\\d+) \\+ 2·(\\d+) = (\\d+) (height|width)\\)`),
    key: 'engine.windowTooLarge',
    names: ['n', 'type', 'size', 'input', 'pad', 'padded', 'axis'],
  },
  {
    re: new RegExp(`${LAYER}: the output (height|width) .* = ([\\d.]+) is not a whole number — change the stride or the padding so that (\\d+) divides (\\d+)`),
    key: 'engine.notWhole',
    names: ['n', 'type', 'axis', 'value', 'stride', 'span'],
  },
  { re: new RegExp(`${LAYER}: needs one score per class, but gets (\\S+)`), key: 'engine.lossNeedsScores', names: ['n', 'type', 'shape'] },
  { re: new RegExp(`${LAYER}: needs at least 2 classes`), key: 'engine.lossNeedsTwo', names: ['n', 'type'] },
  {
    re: new RegExp(`${LAYER}: "(\\w+)" must be (at least|greater than|at most|less than) ([-\\d.e+]+), not (\\S+)$`),
    key: 'bound',
    names: ['n', 'type', 'field', 'relation', 'limit', 'value'],
  },
  { re: new RegExp(`${LAYER}: "(\\w+)" must be a whole number`), key: 'engine.fieldWhole', names: ['n', 'type', 'field'] },
  { re: new RegExp(`${LAYER}: "(\\w+)" is missing`), key: 'engine.fieldMissing', names: ['n', 'type', 'field'] },
  { re: new RegExp(`${LAYER}: the model now has ([\\d,]+) parameters`), key: 'engine.tooManyParams', names: ['n', 'type', 'count'] },
  { re: new RegExp(`${LAYER}: its output (\\S+) has`), key: 'engine.outputTooLarge', names: ['n', 'type', 'shape'] },
  {
    re: /^This model would need ([\d.]+ [GM]B) for one training step of (\d+) (?:images|samples)(?: on \d+ threads)?; the lab allows ([\d.]+ [GM]B)/,
    key: 'engine.trainingMemory',
    names: ['need', 'batch', 'budget'],
  },
];

const boundKeys: Record<string, MessageKey> = {
  'at least': 'engine.fieldMin',
  'greater than': 'engine.fieldGt',
  'at most': 'engine.fieldMax',
  'less than': 'engine.fieldLt',
};

export function explainEngineMessage(message: string): Explained | null {
  for (const pattern of patterns) {
    const match = pattern.re.exec(message);
    if (!match) continue;
    const params: Record<string, string | number> = {};
    pattern.names.forEach((name, i) => {
      const raw = match[i + 1]!;
      params[name] = name === 'n' ? Number(raw) : raw;
    });
    if (pattern.key === 'bound') {
      const { relation, ...rest } = params;
      return { key: boundKeys[relation as string]!, params: rest };
    }
    return { key: pattern.key, params };
  }
  return null;
}
