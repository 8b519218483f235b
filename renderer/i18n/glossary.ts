// The one glossary of the Korean interface: the terms of the book's Korean edition (『밑바닥부터 시작하는
// 딥러닝』, 한빛미디어) and of the slides the lab was made from (/work/shared/seed), each with the variants
// ruled out. tests/renderer/glossary.test.ts walks every Korean string the app can show and refuses a
// ruled-out variant, an unresolved particle such as "(을)" and an English word left in Korean text;
// docs/glossary.md is written from this table (the same test checks it is current).

import { labMessages } from '../../engine/messages';

export interface GlossaryEntry {
  /** The concept in English, as the English interface says it. */
  en: string;
  /** The Korean term every Korean string uses. */
  ko: string;
  /** Korean variants no Korean string may use (matched as written). */
  ruledOut: readonly string[];
  /** English words that must not be left untranslated in Korean text (matched as whole words, any case). */
  latinRuledOut?: readonly string[];
  note: string;
}

export const glossary: readonly GlossaryEntry[] = [
  {
    en: 'overfitting',
    ko: '오버피팅',
    ruledOut: ['과대적합', '과적합'],
    latinRuledOut: ['overfitting'],
    note: 'The Korean edition heads §6.4.1 "오버피팅", and the seed slides list "오버피팅 억제" among what pooling gives (one slide title says 과적합; the book wins).',
  },
  {
    en: 'test data, test images, test accuracy',
    ko: '시험 데이터, 시험 이미지, 시험 정확도',
    ruledOut: ['테스트 데이터', '테스트 이미지', '테스트 정확도', '테스트 세트', '테스트 샘플'],
    note: 'The Korean edition pairs 훈련 데이터 and 시험 데이터 (§4.1.2); the lab says the same of images and accuracy. 검증 데이터 is the validation split (§6.5.1).',
  },
  {
    en: 'training data',
    ko: '훈련 데이터',
    ruledOut: ['학습 데이터', '트레이닝 데이터'],
    note: 'The book’s 훈련 데이터; 학습 stays the word for the act of training (학습률, 학습 시작).',
  },
  {
    en: 'a run (one stored training), the Runs page',
    ko: '실행, 실행 기록',
    ruledOut: ['실행 목록', '학습 기록', '학습이 없습니다', '학습을 고르세요', '학습을 두 개', '학습을 가져오', '새 학습을', '지난 학습을'],
    note: 'One word for a stored training run: 실행 (실행 #12, 실행 비교), and its page 실행 기록. 학습 is the training itself (학습 시작, 학습을 중지했습니다), never the thing kept in the list.',
  },
  {
    en: 'Convolution explorer (the lab)',
    ko: '합성곱 탐색기',
    ruledOut: ['합성곱 탐험'],
    note: 'The lab’s page and its card in the list of labs have one name.',
  },
  {
    en: 'convolution, convolution layer',
    ko: '합성곱, 합성곱 계층',
    ruledOut: ['컨볼루션', '콘볼루션'],
    latinRuledOut: ['Convolution'],
    note: 'The Korean edition’s 합성곱 계층 (§7.2); the seed slides’ 합성곱 계산. The engine’s class is named Convolution in code only.',
  },
  {
    en: 'pooling, pooling layer',
    ko: '풀링, 풀링 계층',
    ruledOut: [],
    latinRuledOut: ['Pooling'],
    note: 'The Korean edition’s 풀링 계층 (§7.3).',
  },
  {
    en: 'layer',
    ko: '계층',
    ruledOut: ['레이어'],
    note: 'The Korean edition’s 계층 (Affine 계층, Softmax-with-Loss 계층 on the seed slides).',
  },
  {
    en: 'gradient',
    ko: '기울기',
    ruledOut: ['그래디언트', '그레이디언트'],
    note: 'The Korean edition’s 기울기 (§4.4); 기울기 확인 for the gradient check, as the seed slides’ 기울기 계산.',
  },
  {
    en: 'parameter',
    ko: '매개변수',
    ruledOut: ['파라미터 수', '모델 파라미터'],
    note: 'The Korean edition’s 매개변수 (§6.1); 하이퍼파라미터 stays as the book writes it.',
  },
  {
    en: 'initial weights (weight initialization)',
    ko: '가중치 초깃값',
    ruledOut: ['초기값', '초기 가중치'],
    note: 'The Korean edition writes 초깃값 (§6.2 가중치의 초깃값); the seed slides’ 초기값 headings are the same term misspelt.',
  },
  {
    en: 'standard deviation (std)',
    ko: '표준편차',
    ruledOut: [],
    latinRuledOut: ['std'],
    note: 'std 0.01 is 표준편차 0.01 in Korean text; "std" stays in formulas and code only.',
  },
  {
    en: 'uniform distribution',
    ko: '균등 분포',
    ruledOut: [],
    latinRuledOut: ['uniform'],
    note: 'U(a, b) in the hyperparameter search: a value drawn from the 균등 분포 over [a, b).',
  },
  {
    en: 'per picture (each image on its own scale)',
    ko: '이미지마다',
    ruledOut: [],
    latinRuledOut: ['per picture'],
    note: 'The learned filters’ feature maps are each stretched to their own range: 이미지마다.',
  },
  {
    en: 'epoch',
    ko: '에폭',
    ruledOut: ['에포크', '에퐄'],
    latinRuledOut: ['epoch', 'epochs'],
    note: 'The Korean edition’s 에폭 (§4.5.2).',
  },
  {
    en: 'mini-batch',
    ko: '미니배치',
    ruledOut: ['미니 배치'],
    note: 'The Korean edition’s 미니배치 (§4.2.3), one word.',
  },
  {
    en: 'learning rate',
    ko: '학습률',
    ruledOut: ['러닝 레이트', '학습 속도'],
    latinRuledOut: ['learning rate'],
    note: 'The Korean edition’s 학습률 (§4.4.1).',
  },
  {
    en: 'backpropagation, forward and backward pass',
    ko: '오차역전파법, 순전파, 역전파',
    ruledOut: ['백프로파게이션', '역전달'],
    note: 'The Korean edition’s 오차역전파법 (ch. 5) and the seed slides’ 순전파/역전파.',
  },
  {
    en: 'Batch Normalization, dropout, weight decay',
    ko: '배치 정규화, 드롭아웃, 가중치 감소',
    ruledOut: ['배치 노멀라이제이션', '배치정규화', '드랍아웃', '가중치 감쇠'],
    latinRuledOut: ['Batch Normalization', 'Dropout'],
    note: 'The Korean edition’s terms (§6.3, §6.4.3, §6.4.2).',
  },
  {
    en: 'accuracy, loss function',
    ko: '정확도, 손실 함수',
    ruledOut: ['정밀도', '비용 함수'],
    latinRuledOut: ['accuracy'],
    note: 'The Korean edition’s 정확도 and 손실 함수 (§4.2).',
  },
];

/** Names kept in Latin letters in Korean text, as the book keeps them: layers, optimizers, datasets, initializations. */
export const keptInLatin = [
  'Affine',
  'ReLU',
  'Leaky ReLU',
  'Softmax-with-Loss',
  'tanh',
  'SGD',
  'Momentum',
  'AdaGrad',
  'RMSProp',
  'AdaDelta',
  'Adam',
  'Nadam',
  'NAG',
  'Xavier',
  'He',
  'MNIST',
  'Fashion-MNIST',
  'IDX',
  'XOR',
  'im2col',
  'TwoLayerNet',
  'MultiLayerNet',
  'SimpleConvNet',
  'CSV',
  'PNG',
  'JSON',
] as const;

/** docs/glossary.md, written from the table. */
export function glossaryMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = glossary.map((entry) => {
    const out = [...entry.ruledOut, ...(entry.latinRuledOut ?? []).map((word) => `${word} (in Korean text)`)];
    return `| ${cell(entry.en)} | ${cell(entry.ko)} | ${cell(out.join(', ') || '—')} | ${cell(entry.note)} |`;
  });
  return [
    '# Glossary (Korean interface)',
    '',
    'The terms of the Korean interface, from the book’s Korean edition (『밑바닥부터 시작하는 딥러닝』) and the',
    'slides the lab was made from. Written from `renderer/i18n/glossary.ts`; `tests/renderer/glossary.test.ts`',
    'refuses any Korean string that uses a ruled-out variant, leaves a particle unresolved ("(을)", "(가)"…) or',
    'leaves a ruled-out English word untranslated, and checks that this page is current',
    '(`DLAB_WRITE_GLOSSARY=1 npx vitest run tests/renderer/glossary.test.ts` rewrites it).',
    '',
    '| English | Korean | Ruled out | Why |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Kept in Latin letters, as the book keeps them: ${keptInLatin.join(', ')}.`,
    '',
    'Particles after a value (`{layer|을/를}` in the tables) are chosen from how the value is read aloud: es-hangul',
    'for Hangul, Korean numerals for numbers (12.5 → 오 → 로; 23 → 삼 → 을), the lab’s Latin words as a Korean',
    'reader says them (Affine → 을, ReLU → 를); see `engine/korean.ts`.',
    '',
  ].join('\n');
}

/** docs/refusals.md: every refusal the table says in both languages (engine/messages.ts), English → Korean. */
export function refusalsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '# Refusals in both languages',
    '',
    'Every sentence of `engine/messages.ts`: a LabError carries its code and values, and the app, the web host and',
    'the CLI (under a Korean locale) say it in Korean. `{name}` is a value; `{name|을/를}` is the value and the',
    'particle its last sound takes; `{n#epoch/epochs}` is a count and its noun. Written from the table by',
    '`DLAB_WRITE_GLOSSARY=1 npx vitest run tests/renderer/glossary.test.ts`, which also checks it is current.',
    '',
    '| Code | English | Korean |',
    '|---|---|---|',
    ...Object.entries(labMessages).map(([code, t]) => `| \`${code}\` | ${cell(t.en)} | ${cell(t.ko)} |`),
    '',
  ].join('\n');
}
