// The initialization lab's words, in English and Korean (the book's terms: 가중치의 초깃값, 활성화값, 기울기 소실…).

import { labText } from '../common/labText';

export const initText = labText(
  {
    title: 'Weight initialization',
    idea1:
      '1,000 random inputs (100 standard-normal features each) pass through 5 layers of 100 units. Each layer’s weights are drawn from a normal distribution; only its standard deviation σ changes. The histograms count every layer’s activations.',
    idea2:
      'With σ = 1 a sigmoid’s activations pile up at 0 and 1, where its gradient vanishes. With σ = 0.01 they all sit near 0.5: the units say the same thing, so the layers lose their expressive power. Xavier’s σ = √(1/n) keeps them spread for sigmoid and tanh; He’s σ = √(2/n) does it for ReLU.',
    idea3: 'Then the initial weights are compared on MNIST: the same network, seed, mini-batches and optimizer, only the initial weights differ.',
    histTitle: 'Activations of each layer',
    histSubtitle: '{samples#input/inputs} × {units#unit/units} per layer; {bins#bin/bins} over {range}.',
    histSubtitleRelu:
      '{samples#input/inputs} × {units#unit/units} per layer; {bins#bin/bins} over 0 to the largest activation of the row. ReLU’s exact zeros are counted apart, not drawn.',
    activation: 'Activation function',
    'activation.sigmoid': 'Sigmoid',
    'activation.tanh': 'tanh',
    'activation.relu': 'ReLU',
    inits: 'Initial weights shown',
    seed: 'Seed',
    badSeed: 'The seed must be a whole number from 0 to {max}.',
    'init.1': 'std 1',
    'init.0.01': 'std 0.01',
    'init.xavier': 'Xavier',
    'init.he': 'He',
    rowSigma: 'σ = {sigma}',
    layer: 'Layer {layer}',
    std: 'std {value}',
    ends: 'ends {value}',
    endsHint: 'Share of activations within 0.1 of either end of the range, where the gradient of sigmoid and tanh is nearly 0.',
    zeros: 'zero {value}',
    zerosHint: 'Share of activations that are exactly 0: units that are off and pass no gradient back.',
    histLabel: 'Histogram of layer {layer} activations, {init}',
    raceTitle: 'The initial weights on MNIST, in lockstep',
    raceSubtitle:
      "The book's weight_init_compare: 5 layers (4 hidden layers of 100 ReLU units), SGD with learning rate 0.01, batch 128, the same seed for every run.",
    raceLength: 'By default {epochs#epoch/epochs} of the bundled digits: {iterations#iteration/iterations}, the nearest to the book’s {book}.',
    raceInits: 'Initial weights to compare',
    run: 'Run the comparison',
    'race.noInit': 'Tick at least one initial weight.',
    lossSubtitle: 'Every mini-batch’s loss, one line per initial weight.',
  },
  {
    title: '가중치의 초깃값',
    idea1:
      '표준정규분포를 따르는 특징 100개짜리 무작위 입력 1,000개를 뉴런 100개짜리 층 5개에 통과시킵니다. 각 층의 가중치는 정규분포에서 뽑고, 표준편차 σ만 바꿉니다. 히스토그램은 층마다 활성화값의 분포를 셉니다.',
    idea2:
      'σ = 1이면 시그모이드의 활성화값이 0과 1에 몰리고, 그곳에서는 기울기가 사라집니다(기울기 소실). σ = 0.01이면 모두 0.5 근처에 모여 뉴런들이 같은 값을 내므로 표현력이 떨어집니다. Xavier 초깃값 σ = √(1/n)은 시그모이드와 tanh에서, He 초깃값 σ = √(2/n)은 ReLU에서 활성화값을 고르게 퍼뜨립니다.',
    idea3: '이어서 MNIST로 초깃값을 비교합니다. 신경망, 시드, 미니배치, 옵티마이저가 모두 같고 가중치의 초깃값만 다릅니다.',
    histTitle: '층별 활성화값 분포',
    histSubtitle: '입력 {samples}개 × 층마다 뉴런 {units}개, {range} 범위를 {bins}개 구간으로 나눈 히스토그램.',
    histSubtitleRelu:
      '입력 {samples}개 × 층마다 뉴런 {units}개, 0부터 그 행의 가장 큰 활성화값까지를 {bins}개 구간으로 나눈 히스토그램. ReLU의 정확히 0인 값은 따로 세고 그리지 않습니다.',
    activation: '활성화 함수',
    'activation.sigmoid': '시그모이드',
    'activation.tanh': 'tanh',
    'activation.relu': 'ReLU',
    inits: '표시할 초깃값',
    seed: '시드',
    badSeed: '시드는 0에서 {max} 사이의 정수여야 합니다.',
    'init.1': '표준편차 1',
    'init.0.01': '표준편차 0.01',
    'init.xavier': 'Xavier',
    'init.he': 'He',
    rowSigma: 'σ = {sigma}',
    layer: '{layer}층',
    std: '표준편차 {value}',
    ends: '양 끝 {value}',
    endsHint: '범위의 양 끝에서 0.1 안쪽에 있는 활성화값의 비율. 시그모이드와 tanh는 그곳에서 기울기가 거의 0입니다.',
    zeros: '0 {value}',
    zerosHint: '정확히 0인 활성화값의 비율. 꺼진 뉴런은 역전파 때 기울기를 전달하지 않습니다.',
    histLabel: '{layer}층 활성화값 히스토그램, {init}',
    raceTitle: 'MNIST로 초깃값 비교',
    raceSubtitle: '책의 weight_init_compare: 5층 신경망(뉴런 100개의 ReLU 은닉층 4개), 학습률 0.01의 SGD, 배치 크기 128. 모든 실행이 같은 시드를 씁니다.',
    raceLength: '기본값은 내장 숫자 데이터로 {epochs}에폭, 즉 {iterations}회 반복으로 책의 {book}회에 가장 가깝습니다.',
    raceInits: '비교할 초깃값',
    run: '비교 실행',
    'race.noInit': '초깃값을 하나 이상 고르세요.',
    lossSubtitle: '미니배치마다의 손실 함수 값, 초깃값마다 선 하나.',
  },
);

/** The key of an initial weight's name in the table: "init.1", "init.0.01", "init.xavier", "init.he". */
export function initKey(init: number | string): 'init.1' | 'init.0.01' | 'init.xavier' | 'init.he' {
  return `init.${init}` as 'init.1' | 'init.0.01' | 'init.xavier' | 'init.he';
}
