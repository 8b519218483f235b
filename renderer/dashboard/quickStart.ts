// The experiment the empty dashboard offers: the book's SimpleConvNet (chapter 7) on the bundled MNIST
// digits, short enough to finish in a few minutes on a classroom PC.

export const QUICK_START_EXPERIMENT = {
  format: 'dlab-experiment',
  version: 1,
  name: 'SimpleConvNet',
  description: 'conv 30×5×5 → ReLU → max pool 2 → affine 100 → ReLU → affine 10 (book chapter 7)',
  model: {
    input: [1, 28, 28],
    layers: [
      { type: 'conv', filters: 30, kernel: 5, stride: 1, pad: 0, init: 'he' },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2, stride: 2 },
      { type: 'affine', units: 100, init: 'he' },
      { type: 'relu' },
      { type: 'affine', units: 10, init: 'he' },
      { type: 'softmax-with-loss' },
    ],
  },
  data: { source: 'mnist' },
  training: { optimizer: { type: 'adam', lr: 0.001 }, batchSize: 100, epochs: 3, weightDecay: 0, seed: 1 },
} as const;
