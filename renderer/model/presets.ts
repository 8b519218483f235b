// The book's networks, ready to load into the builder. Sizes and initial weights follow the book's
// classes: TwoLayerNet and SimpleConvNet start from a fixed standard deviation of 0.01
// (weight_init_std=0.01), MultiLayerNet and its BatchNorm variant (MultiLayerNetExtend) from He.

import type { LayerSpec } from '../../engine/model';

export type PresetName = 'twoLayerNet' | 'multiLayerNet' | 'multiLayerNetBatchNorm' | 'simpleConvNet';

export interface Preset {
  name: PresetName;
  /** The book's class name, shown as is in both languages. */
  className: string;
  /** The chapter and section of the book where it appears. */
  section: string;
  /** The input it expects: MNIST images. */
  input: number[];
  layers: LayerSpec[];
}

const MNIST_INPUT = [1, 28, 28];
const LOSS: LayerSpec = { type: 'softmax-with-loss' };

function hiddenLayers(count: number, units: number, batchNorm: boolean): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < count; i++) {
    layers.push({ type: 'affine', units, init: 'he' });
    if (batchNorm) layers.push({ type: 'batchnorm' });
    layers.push({ type: 'relu' });
  }
  return layers;
}

export const presets: readonly Preset[] = [
  {
    name: 'twoLayerNet',
    className: 'TwoLayerNet',
    section: '5.7',
    input: MNIST_INPUT,
    layers: [{ type: 'affine', units: 50, init: 0.01 }, { type: 'relu' }, { type: 'affine', units: 10, init: 0.01 }, LOSS],
  },
  {
    name: 'multiLayerNet',
    className: 'MultiLayerNet',
    section: '6.2',
    input: MNIST_INPUT,
    layers: [...hiddenLayers(5, 100, false), { type: 'affine', units: 10, init: 'he' }, LOSS],
  },
  {
    name: 'multiLayerNetBatchNorm',
    className: 'MultiLayerNetExtend',
    section: '6.3',
    input: MNIST_INPUT,
    layers: [...hiddenLayers(5, 100, true), { type: 'affine', units: 10, init: 'he' }, LOSS],
  },
  {
    name: 'simpleConvNet',
    className: 'SimpleConvNet',
    section: '7.5',
    input: MNIST_INPUT,
    layers: [
      { type: 'conv', filters: 30, kernel: 5, stride: 1, pad: 0, init: 0.01 },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2, stride: 2, pad: 0 },
      { type: 'affine', units: 100, init: 0.01 },
      { type: 'relu' },
      { type: 'affine', units: 10, init: 0.01 },
      LOSS,
    ],
  },
];

export function findPreset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}

/** A fresh copy of a preset's layers (the table itself is never handed out to be edited). */
export function presetLayers(name: PresetName): LayerSpec[] {
  const preset = findPreset(name);
  if (!preset) throw new Error(`unknown preset "${name}"`);
  return preset.layers.map((layer) => ({ ...layer }));
}
