// The words of a run that did not learn (learning.ts), in English and Korean (the book's terms: 가중치
// 초깃값, 활성화값). Each reason is one short line: it sits under a small chart of the Batch Normalization
// grid and in the run tables of the labs about initial weights.

import { labText } from './labText';

export const learningText = labText(
  {
    didNotLearn: 'did not learn',
    'why.blewUp': 'Weights too large: the activations blow up.',
    'why.atChance': 'Weights too small: the signal fades, accuracy stays at chance.',
  },
  {
    didNotLearn: '학습되지 않음',
    'why.blewUp': '초깃값이 너무 커서 활성화값이 폭발합니다.',
    'why.atChance': '초깃값이 너무 작아 신호가 사라지고 정확도가 제자리입니다.',
  },
);
