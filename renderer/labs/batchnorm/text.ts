// The Batch Normalization lab's words, in English and Korean (the book's terms: 배치 정규화, 가중치 초깃값,
// 미니배치, 에폭, 정확도, 학습률).

import { labText } from '../common/labText';

export const batchnormText = labText(
  {
    title: 'Batch Normalization',
    idea1:
      'Batch Normalization makes the values of every hidden layer have mean 0 and variance 1 over each mini-batch, then lets the network learn a scale γ and a shift β. The book puts it between each Affine layer and its ReLU.',
    idea2:
      'The book’s experiment: the same network of 5 hidden layers of 100 units, trained on 1,000 MNIST images with SGD (learning rate 0.01, mini-batches of 100), once with Batch Norm and once without, for 16 initial weight scales from 1 down to 0.0001.',
    idea3:
      'Without it, learning hangs on the initial weights: too large and the activations blow up, too small and they fade away, and the network does not learn. With it, almost every scale learns, and sooner. Both runs of a pair share the seed: the same initial weights and the same mini-batches.',
    gridTitle: 'Training accuracy per epoch, one chart per initial weight scale',
    gridSubtitle: '{scales#scale/scales} × 2 = {runs#run/runs}, two at a time. Solid: with Batch Norm; dashed: without.',
    scales: 'Weight scales',
    scalesOption: '{count#scale/scales} ({runs#run/runs})',
    epochs: 'Epochs',
    run: 'Run the grid',
    stop: 'Stop',
    withBn: 'With Batch Norm',
    withoutBn: 'Without',
    cellTitle: 'W = {scale}',
    cellLabel: 'Training accuracy with and without Batch Norm, initial weight std {scale}',
    epochAxis: 'Epoch',
    accuracyAxis: 'Training accuracy',
    notStarted: 'not started',
    waiting: 'waiting',
    failed: 'failed',
    stopped: 'stopped',
    empty: 'Press “Run the grid”: each weight scale gets a small chart here, filled in as its two runs train.',
    'scales.choice': 'Choose 2, 4, 8 or 16 weight scales.',
    'epochs.notWhole': 'Type the number of epochs as a whole number.',
    'epochs.range': 'The number of epochs must be between 1 and {max}.',
  },
  {
    title: '배치 정규화',
    idea1:
      '배치 정규화는 은닉층마다 값을 미니배치 단위로 평균 0, 분산 1이 되게 정규화한 뒤, 확대(γ)와 이동(β)을 신경망이 학습하게 합니다. 책에서는 Affine 계층과 ReLU 사이에 넣습니다.',
    idea2:
      '책의 실험: 은닉층 5개(각 100개 뉴런)로 된 같은 신경망을 MNIST 1,000장으로 SGD(학습률 0.01, 미니배치 100)로 학습시키되, 가중치 초깃값의 표준편차를 1부터 0.0001까지 16가지로 바꾸어 가며 배치 정규화를 쓴 경우와 쓰지 않은 경우를 비교합니다.',
    idea3:
      '배치 정규화가 없으면 학습이 가중치 초깃값에 크게 좌우됩니다. 너무 크면 활성화값이 폭발하고, 너무 작으면 사라져서 학습이 진행되지 않습니다. 배치 정규화를 쓰면 거의 모든 초깃값에서, 더 빨리 학습됩니다. 한 쌍의 두 실행은 시드가 같아서 가중치 초깃값과 미니배치도 같습니다.',
    gridTitle: '에폭별 훈련 정확도 (가중치 초깃값마다 그래프 하나)',
    gridSubtitle: '초깃값 {scales}가지 × 2 = 실행 {runs}개, 두 개씩 동시에 학습합니다. 실선: 배치 정규화 사용, 점선: 미사용.',
    scales: '가중치 초깃값 개수',
    scalesOption: '{count}가지 (실행 {runs}개)',
    epochs: '에폭 수',
    run: '전체 실행',
    stop: '중지',
    withBn: '배치 정규화 사용',
    withoutBn: '미사용',
    cellTitle: 'W = {scale}',
    cellLabel: '가중치 초깃값 표준편차 {scale}에서 배치 정규화 사용·미사용 훈련 정확도',
    epochAxis: '에폭',
    accuracyAxis: '훈련 정확도',
    notStarted: '시작 전',
    waiting: '대기 중',
    failed: '실패',
    stopped: '중지됨',
    empty: '“전체 실행”을 누르세요. 가중치 초깃값마다 작은 그래프가 생기고, 두 실행이 학습하는 대로 채워집니다.',
    'scales.choice': '가중치 초깃값 개수는 2, 4, 8, 16 중에서 고르세요.',
    'epochs.notWhole': '에폭 수는 정수로 입력하세요.',
    'epochs.range': '에폭 수는 1에서 {max} 사이여야 합니다.',
  },
);
