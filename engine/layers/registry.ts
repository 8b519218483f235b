// The one table of layer types. Spec validation, shape inference, parameter naming and the builder's
// palette all read it, so a new layer is one file and one entry here.

import type { FieldSpec, FieldValues } from '../fields';
import type { Rng } from '../rng';
import { formatShape, sizeOf, type Shape, type Tensor } from '../tensor';
import { outputSize } from '../kernels/im2col';
import { Affine } from './Affine';
import { BatchNormalization } from './BatchNormalization';
import { Convolution } from './Convolution';
import { Dropout } from './Dropout';
import { Flatten } from './Flatten';
import type { Layer } from './Layer';
import { Pooling, type PoolMode } from './Pooling';
import { Relu } from './Relu';
import { Sigmoid } from './Sigmoid';
import { Tanh } from './Tanh';
import { FastAffine } from './fast/FastAffine';
import { FastBatchNormalization } from './fast/FastBatchNormalization';
import { FastConvolution } from './fast/FastConvolution';
import { FastDropout } from './fast/FastDropout';
import { FastPooling } from './fast/FastPooling';
import { FastRelu } from './fast/FastRelu';

/** The book's parameter families: weighted layers are numbered W1, b1, W2…; BatchNorm layers gamma1, beta1… */
export type ParamFamily = 'weights' | 'batchnorm';

export interface LayerBuildContext {
  settings: FieldValues;
  input: Shape;
  /** Parameters and buffers under the layer's own keys (W, b, gamma, running_mean…), already initialised. */
  params: Record<string, Tensor>;
  buffers: Record<string, Tensor>;
  /** The network's stream for random masks (dropout). */
  rng: Rng;
  /**
   * Build the layer's fast twin (layers/fast/) where it has one: the same maths with reused buffers and
   * better memory order. Off, or for a layer without a twin, `create` builds the readable layer.
   */
  fast?: boolean;
}

export interface LayerType {
  type: string;
  /** Display name, as the book calls it. */
  label: string;
  /** One line for the palette: what the layer does. */
  summary: string;
  fields: readonly FieldSpec[];
  /** The terminal loss layer: must come last, exactly once. */
  terminal?: boolean;
  family?: ParamFamily;
  /** The output shape for one sample, or a sentence saying why this input cannot work. */
  outputShape(input: Shape, s: FieldValues): Shape | string;
  /** Trainable parameter shapes under the layer's keys (W and b → initialised; gamma 1, beta 0). */
  paramShapes?(input: Shape, s: FieldValues): Record<string, Shape>;
  /** Non-trained state saved with the weights (zeros at first, as in the book). */
  bufferShapes?(input: Shape, s: FieldValues): Record<string, Shape>;
  /** How many inputs feed one output unit: n in Xavier's √(1/n) and He's √(2/n). */
  fanIn?(input: Shape, s: FieldValues): number;
  create(ctx: LayerBuildContext): Layer | null;
}

const initField: FieldSpec = {
  name: 'init',
  kind: 'init',
  summary: 'initial weights: "he" √(2/n), "xavier" √(1/n), or a fixed standard deviation such as 0.01',
  default: 'he',
};

function needsImage(input: Shape, what: string): string | null {
  if (input.length === 3) return null;
  return `${what} needs an image-shaped input (channels×height×width), but gets ${formatShape(input)} value${sizeOf(input) === 1 ? '' : 's'} — put it before the first affine or flatten layer`;
}

/** The size of a sliding window's output along one axis, or a sentence when it cannot tile. */
function windowOutput(axis: string, input: number, kernel: number, stride: number, pad: number, what: string): number | string {
  const padded = input + 2 * pad;
  if (kernel > padded) return `${what} ${kernel} is larger than its padded input (${input} + 2·${pad} = ${padded} ${axis})`;
  const out = outputSize(input, kernel, stride, pad);
  if (!Number.isInteger(out)) {
    return `the output ${axis} (${input} + 2·${pad} − ${kernel}) / ${stride} + 1 = ${+out.toFixed(2)} is not a whole number — change the stride or the padding so that ${stride} divides ${padded - kernel}`;
  }
  return out;
}

const sameShape = (input: Shape): Shape => input;

export const layerTypes: readonly LayerType[] = [
  {
    type: 'affine',
    label: 'Affine',
    summary: 'Fully connected: every output is a weighted sum of all inputs plus a bias (x·W + b).',
    fields: [{ name: 'units', kind: 'int', summary: 'number of outputs (neurons)', min: 1, max: 100000 }, initField],
    family: 'weights',
    outputShape: (_input, s) => [s.units as number],
    paramShapes: (input, s) => ({ W: [sizeOf(input), s.units as number], b: [s.units as number] }),
    fanIn: (input) => sizeOf(input),
    create: ({ params, fast }) => (fast ? new FastAffine(params.W, params.b) : new Affine(params.W, params.b)),
  },
  {
    type: 'relu',
    label: 'ReLU',
    summary: 'Passes positive values, zeroes negative ones: max(0, x).',
    fields: [],
    outputShape: sameShape,
    create: ({ fast }) => (fast ? new FastRelu() : new Relu()),
  },
  {
    type: 'sigmoid',
    label: 'Sigmoid',
    summary: 'Squashes every value into (0, 1): 1 / (1 + exp(−x)).',
    fields: [],
    outputShape: sameShape,
    create: () => new Sigmoid(),
  },
  {
    type: 'tanh',
    label: 'Tanh',
    summary: 'Squashes every value into (−1, 1), centred on zero: tanh(x).',
    fields: [],
    outputShape: sameShape,
    create: () => new Tanh(),
  },
  {
    type: 'conv',
    label: 'Convolution',
    summary: 'Slides learned filters over the image; each filter makes one feature map.',
    fields: [
      { name: 'filters', kind: 'int', summary: 'number of filters (output channels)', min: 1, max: 1024 },
      { name: 'kernel', kind: 'int', summary: 'filter height and width', min: 1, max: 64 },
      { name: 'stride', kind: 'int', summary: 'step between windows', min: 1, max: 64, default: 1 },
      { name: 'pad', kind: 'int', summary: 'zeros added around the input', min: 0, max: 64, default: 0 },
      initField,
    ],
    family: 'weights',
    outputShape(input, s) {
      const problem = needsImage(input, 'a convolution');
      if (problem) return problem;
      const [, h, w] = input;
      const k = s.kernel as number, stride = s.stride as number, pad = s.pad as number;
      const outH = windowOutput('height', h, k, stride, pad, 'kernel');
      if (typeof outH === 'string') return outH;
      const outW = windowOutput('width', w, k, stride, pad, 'kernel');
      if (typeof outW === 'string') return outW;
      return [s.filters as number, outH, outW];
    },
    paramShapes: (input, s) => ({
      W: [s.filters as number, input[0], s.kernel as number, s.kernel as number],
      b: [s.filters as number],
    }),
    fanIn: (input, s) => input[0] * (s.kernel as number) * (s.kernel as number),
    create: ({ params, settings, fast }) => {
      const Conv = fast ? FastConvolution : Convolution;
      return new Conv(params.W, params.b, settings.stride as number, settings.pad as number);
    },
  },
  {
    type: 'pool',
    label: 'Pooling',
    summary: 'Shrinks each feature map by keeping the maximum (or the average) of every window.',
    fields: [
      { name: 'mode', kind: 'enum', summary: 'keep the maximum or the average of each window', options: ['max', 'average'], default: 'max' },
      { name: 'size', kind: 'int', summary: 'window height and width', min: 1, max: 64, default: 2 },
      { name: 'stride', kind: 'int', summary: 'step between windows (defaults to the window size)', min: 1, max: 64, optional: true },
      { name: 'pad', kind: 'int', summary: 'zeros added around the input', min: 0, max: 64, default: 0 },
    ],
    outputShape(input, s) {
      const problem = needsImage(input, 'pooling');
      if (problem) return problem;
      const [c, h, w] = input;
      const size = s.size as number, stride = (s.stride ?? size) as number, pad = s.pad as number;
      const outH = windowOutput('height', h, size, stride, pad, 'window');
      if (typeof outH === 'string') return outH;
      const outW = windowOutput('width', w, size, stride, pad, 'window');
      if (typeof outW === 'string') return outW;
      return [c, outH, outW];
    },
    create: ({ settings, fast }) => {
      const Pool = fast ? FastPooling : Pooling;
      return new Pool(settings.mode as PoolMode, settings.size as number, (settings.stride ?? settings.size) as number, settings.pad as number);
    },
  },
  {
    type: 'batchnorm',
    label: 'Batch Normalization',
    summary: 'Normalises every value over the mini-batch to mean 0 and variance 1, then learns a scale and shift.',
    fields: [],
    family: 'batchnorm',
    outputShape: sameShape,
    paramShapes: (input) => ({ gamma: [sizeOf(input)], beta: [sizeOf(input)] }),
    bufferShapes: (input) => ({ running_mean: [sizeOf(input)], running_var: [sizeOf(input)] }),
    create: ({ params, buffers, fast }) => {
      const Norm = fast ? FastBatchNormalization : BatchNormalization;
      return new Norm(params.gamma, params.beta, 0.9, buffers.running_mean, buffers.running_var);
    },
  },
  {
    type: 'dropout',
    label: 'Dropout',
    summary: 'While training, randomly switches off a fraction of the values to fight overfitting.',
    fields: [{ name: 'ratio', kind: 'number', summary: 'fraction of values dropped while training', min: 0, max: 1, exclusiveMax: true, default: 0.5 }],
    outputShape: sameShape,
    create: ({ settings, rng, fast }) => (fast ? new FastDropout(settings.ratio as number, rng) : new Dropout(settings.ratio as number, rng)),
  },
  {
    type: 'flatten',
    label: 'Flatten',
    summary: 'Lines an image up into one long row of values (C·H·W).',
    fields: [],
    outputShape: (input) => [sizeOf(input)],
    create: () => new Flatten(),
  },
  {
    type: 'softmax-with-loss',
    label: 'Softmax-with-Loss',
    summary: 'Turns the last scores into class probabilities and measures the cross-entropy error.',
    fields: [],
    terminal: true,
    outputShape(input) {
      if (input.length !== 1) {
        return `needs one score per class, but gets ${formatShape(input)} — add an affine layer before it`;
      }
      if (input[0] < 2) return `needs at least 2 classes, but gets ${input[0]} score — give the last affine layer one unit per class`;
      return input;
    },
    create: () => null,
  },
];

const byType = new Map(layerTypes.map((t) => [t.type, t]));

export function findLayerType(type: string): LayerType | undefined {
  return byType.get(type);
}
