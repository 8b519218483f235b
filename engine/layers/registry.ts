// The one table of layer types. Each entry is the layer's whole definition: its settings with their
// types, its shape rule, how to build it, its name and texts in both languages and its icon. Spec
// validation, shape inference, parameter naming, the builder's palette and panel, the dashboard's model
// line and the README's table all read it, so a new layer is its own file and one entry here
// (docs/adding-a-layer.md). It is longer than 400 lines because it is that table: eleven entries of
// about thirty lines each, and splitting them up would only hide the list a reader comes here to see.
// Long by design: one entry per layer type is the point of the table (ten entries of settings, shape rule,
// builder and texts); splitting it would scatter a layer's definition again.

import type { FieldSpec, FieldValues, SettingsOf, Texts } from '../fields';
import type { LabMessageCode, MessageValues } from '../messages';
import type { Rng } from '../rng';
import { formatShape, sizeOf, type Shape, type Tensor } from '../tensor';
import { outputSize } from '../kernels/im2col';
import { Affine } from './Affine';
import { BatchNormalization } from './BatchNormalization';
import { Convolution } from './Convolution';
import { Dropout } from './Dropout';
import { Flatten } from './Flatten';
import type { Layer } from './Layer';
import { LeakyRelu } from './LeakyRelu';
import { Pooling } from './Pooling';
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

export interface LayerBuildContext<Settings = FieldValues> {
  settings: Settings;
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

/** A layer's texts in one language: its name as the book calls it, one line on what it does, and a formula-sized hint. */
export interface LayerText {
  label: string;
  summary: string;
  /** What the stack's card shows under the name when the layer has no settings to list: "max(0, x)". */
  short: string;
}

/** The colour family of a layer's tile in the builder. */
export type LayerTint = 'weights' | 'activation' | 'shape' | 'regular' | 'loss';

/**
 * One stroke or shape of a layer's icon on a 24×24 grid, drawn in the tile's colour: SVG path data, a
 * circle [cx, cy, r] or a rectangle [x, y, width, height, corner radius]. Plain data, so the engine
 * stays free of any UI library and the renderer draws it.
 */
export interface IconMark {
  path?: string;
  circle?: readonly [number, number, number];
  rect?: readonly [number, number, number, number, number];
  /** Line width; 0 draws no outline. */
  stroke?: number;
  opacity?: number;
  /** SVG dash pattern: "2 2". */
  dash?: string;
  /** Fills the shape in the tile's colour at this opacity (1 = solid). */
  fill?: number;
}

export interface LayerIconData {
  tint: LayerTint;
  marks: readonly IconMark[];
}

/** What every layer type has, whatever its settings: the shape model.ts, network.ts and the app read. */
interface LayerTypeBase<Name extends string, Settings> {
  type: Name;
  /** Its name, summary and short hint in both of the app's languages. */
  text: Texts<LayerText>;
  icon: LayerIconData;
  /** The terminal loss layer: must come last, exactly once. */
  terminal?: boolean;
  family?: ParamFamily;
  /** The layer in the dashboard's one-line model ("conv 30×5×5"); the type's name when left out. */
  line?(s: Settings): string;
  /** The output shape for one sample, or why this input cannot work (a message of engine/messages.ts, said of the layer). */
  outputShape(input: Shape, s: Settings): Shape | ShapeProblem;
  /** Trainable parameter shapes under the layer's keys (W and b → initialised; gamma 1, beta 0). */
  paramShapes?(input: Shape, s: Settings): Record<string, Shape>;
  /** Non-trained state saved with the weights (zeros at first, as in the book). */
  bufferShapes?(input: Shape, s: Settings): Record<string, Shape>;
  /** How many inputs feed one output unit: n in Xavier's √(1/n) and He's √(2/n). */
  fanIn?(input: Shape, s: Settings): number;
  create(ctx: LayerBuildContext<Settings>): Layer | null;
}

/** A layer type as the registry holds it: settings are whatever `readFields` read from its fields. */
export interface LayerType<Name extends string = string> extends LayerTypeBase<Name, FieldValues> {
  fields: readonly FieldSpec[];
  /** Display name in English, as the book calls it (text.en.label). */
  label: string;
  /** One line in English for the palette and the CLI: what the layer does (text.en.summary). */
  summary: string;
}

/** A layer as it is written: its fields as literals, so every function below sees typed settings. */
export interface LayerDefinition<Name extends string, Fields extends readonly FieldSpec[]> extends LayerTypeBase<Name, SettingsOf<Fields>> {
  fields: Fields;
}

/** Writes a layer type once, with settings typed by its fields (`{ units: number, init: InitSetting }`), no casts. */
export function defineLayer<const Name extends string, const Fields extends readonly FieldSpec[]>(
  definition: LayerDefinition<Name, Fields>,
): LayerType<Name> & { readonly fields: Fields } {
  // The one place settings lose their static type: model.ts hands every function the values
  // readFields read from exactly these fields, which have the shape SettingsOf<Fields> describes.
  const typed = definition as unknown as LayerTypeBase<Name, FieldValues>;
  return { ...typed, fields: definition.fields, label: definition.text.en.label, summary: definition.text.en.summary };
}

const initField = {
  name: 'init',
  kind: 'init',
  summary: 'initial weights: "he" √(2/n), "xavier" √(1/n), or a fixed standard deviation such as 0.01',
  default: 'he',
} as const satisfies FieldSpec;

/** Why a layer cannot take its input: a code of engine/messages.ts and its values (model.ts adds the layer's number and type). */
export interface ShapeProblem {
  code: LabMessageCode;
  values: MessageValues;
}

function needsImage(input: Shape, what: string): ShapeProblem | null {
  if (input.length === 3) return null;
  return { code: 'stack.needsImage', values: { what, shape: formatShape(input), valuesWord: sizeOf(input) === 1 ? 'value' : 'values' } };
}

/** The size of a sliding window's output along one axis, or why it cannot tile. */
function windowOutput(axis: string, input: number, kernel: number, stride: number, pad: number, what: string): number | ShapeProblem {
  const padded = input + 2 * pad;
  const sizes = { axis, input: String(input), pad: String(pad), padded: String(padded) };
  if (kernel > padded) return { code: 'stack.windowTooLarge', values: { ...sizes, what, size: String(kernel) } };
  const out = outputSize(input, kernel, stride, pad);
  if (!Number.isInteger(out)) {
    return {
      code: 'stack.notWhole',
      values: { ...sizes, kernel: String(kernel), stride: String(stride), value: String(+out.toFixed(2)), span: String(padded - kernel) },
    };
  }
  return out;
}

const sameShape = (input: Shape): Shape => input;

/** An activation's icon: faint axes crossing at the tile's centre or low left, then the curve itself. */
const activationIcon = (axes: IconMark, curve: string): LayerIconData => ({
  tint: 'activation',
  marks: [axes, { path: curve, stroke: 2.2 }],
});

export const layerTypes = [
  defineLayer({
    type: 'affine',
    text: {
      en: { label: 'Affine', summary: 'Fully connected: every output is a weighted sum of all inputs plus a bias (x·W + b).', short: 'x·W + b' },
      ko: { label: 'Affine', summary: '완전연결 계층: 출력마다 모든 입력의 가중합에 편향을 더합니다 (x·W + b).', short: 'x·W + b' },
    },
    icon: {
      tint: 'weights',
      marks: [
        { path: 'M6 6.5 18 9M6 6.5 18 15M6 12 18 9M6 12 18 15M6 17.5 18 9M6 17.5 18 15', stroke: 1.1, opacity: 0.7 },
        { circle: [6, 6.5, 1.9], fill: 1, stroke: 0 },
        { circle: [6, 12, 1.9], fill: 1, stroke: 0 },
        { circle: [6, 17.5, 1.9], fill: 1, stroke: 0 },
        { circle: [18, 9, 2.1], fill: 1, stroke: 0 },
        { circle: [18, 15, 2.1], fill: 1, stroke: 0 },
      ],
    },
    fields: [{ name: 'units', kind: 'int', summary: 'number of outputs (neurons)', min: 1, max: 100000, starter: 100 }, initField],
    family: 'weights',
    line: (s) => `affine ${s.units}`,
    outputShape: (_input, s) => [s.units],
    paramShapes: (input, s) => ({ W: [sizeOf(input), s.units], b: [s.units] }),
    fanIn: (input) => sizeOf(input),
    create: ({ params, fast }) => (fast ? new FastAffine(params.W!, params.b!) : new Affine(params.W!, params.b!)),
  }),
  defineLayer({
    type: 'relu',
    text: {
      en: { label: 'ReLU', summary: 'Passes positive values and zeroes negative ones: max(0, x).', short: 'max(0, x)' },
      ko: { label: 'ReLU', summary: '양수는 그대로 통과시키고 음수는 0으로 만드는 활성화 함수: max(0, x).', short: 'max(0, x)' },
    },
    icon: activationIcon({ path: 'M3.5 16.5h17M12 20.5v-17', stroke: 1, opacity: 0.45 }, 'M3.5 16.5H12l7.5-10'),
    fields: [],
    outputShape: sameShape,
    create: ({ fast }) => (fast ? new FastRelu() : new Relu()),
  }),
  defineLayer({
    type: 'leaky-relu',
    text: {
      en: { label: 'Leaky ReLU', summary: 'Like ReLU, but negative values keep a small slope α instead of becoming 0: x or α·x.', short: 'x or α·x' },
      ko: { label: 'Leaky ReLU', summary: 'ReLU와 같지만 음수를 0으로 만들지 않고 작은 기울기 α를 곱해 남기는 활성화 함수: x 또는 α·x.', short: 'x 또는 α·x' },
    },
    icon: activationIcon({ path: 'M3.5 16.5h17M12 20.5v-17', stroke: 1, opacity: 0.45 }, 'M3.5 18.3 12 16.5l7.5-10'),
    fields: [
      {
        name: 'alpha',
        kind: 'number',
        summary: 'slope for negative inputs',
        min: 0,
        exclusiveMin: true,
        max: 1,
        exclusiveMax: true,
        default: 0.01,
        text: {
          en: { label: 'Slope α', hint: 'How much of a negative value passes (y = α·x below zero); 0.01 is usual.' },
          ko: { label: '기울기 α', hint: '음수가 얼마나 통과하는지 (0보다 작으면 y = α·x). 보통 0.01을 씁니다.' },
        },
      },
    ],
    line: (s) => `leaky-relu ${s.alpha}`,
    outputShape: sameShape,
    create: ({ settings }) => new LeakyRelu(settings.alpha),
  }),
  defineLayer({
    type: 'sigmoid',
    text: {
      en: { label: 'Sigmoid', summary: 'Squashes every value into (0, 1): 1 / (1 + exp(−x)).', short: '1 / (1 + exp(−x))' },
      ko: { label: '시그모이드', summary: '모든 값을 (0, 1) 사이로 누르는 활성화 함수: 1 / (1 + exp(−x)).', short: '1 / (1 + exp(−x))' },
    },
    icon: activationIcon({ path: 'M3.5 19h17M3.5 5h17', stroke: 1, opacity: 0.35, dash: '2 2' }, 'M3.5 18.5c5 0 5.5-.5 8.5-6.5s3.5-6.5 8.5-6.5'),
    fields: [],
    outputShape: sameShape,
    create: () => new Sigmoid(),
  }),
  defineLayer({
    type: 'tanh',
    text: {
      en: { label: 'Tanh', summary: 'Squashes every value into (−1, 1), centred on zero.', short: 'tanh(x)' },
      ko: { label: 'tanh', summary: '모든 값을 0을 중심으로 (−1, 1) 사이로 누르는 활성화 함수입니다.', short: 'tanh(x)' },
    },
    icon: activationIcon({ path: 'M3.5 12h17M12 3.5v17', stroke: 1, opacity: 0.45 }, 'M3.5 18.5c4 0 6-1 8.5-6.5s4.5-6.5 8.5-6.5'),
    fields: [],
    outputShape: sameShape,
    create: () => new Tanh(),
  }),
  defineLayer({
    type: 'conv',
    text: {
      en: { label: 'Convolution', summary: 'Slides learned filters over the image; each filter makes one feature map.', short: 'filters over the image' },
      ko: { label: '합성곱', summary: '학습한 필터를 이미지 위로 밀며 계산합니다. 필터마다 특징 맵 하나를 만듭니다.', short: '이미지 위의 필터' },
    },
    icon: {
      tint: 'weights',
      marks: [
        { rect: [3.5, 3.5, 17, 17, 2], stroke: 1.2, opacity: 0.5 },
        { path: 'M9.2 3.5v17M14.8 3.5v17M3.5 9.2h17M3.5 14.8h17', stroke: 1, opacity: 0.4 },
        { rect: [3.5, 3.5, 11.3, 11.3, 1.5], fill: 0.25, stroke: 2 },
      ],
    },
    fields: [
      { name: 'filters', kind: 'int', summary: 'number of filters (output channels)', min: 1, max: 1024, starter: 30 },
      { name: 'kernel', kind: 'int', summary: 'filter height and width', min: 1, max: 64, starter: 5 },
      { name: 'stride', kind: 'int', summary: 'step between windows', min: 1, max: 64, default: 1 },
      { name: 'pad', kind: 'int', summary: 'zeros added around the input', min: 0, max: 64, default: 0 },
      initField,
    ],
    family: 'weights',
    line: (s) => `conv ${s.filters}×${s.kernel}×${s.kernel}`,
    outputShape(input, s) {
      const problem = needsImage(input, 'a convolution');
      if (problem) return problem;
      const [, h, w] = input as [number, number, number];
      const outH = windowOutput('height', h, s.kernel, s.stride, s.pad, 'kernel');
      if (typeof outH !== 'number') return outH;
      const outW = windowOutput('width', w, s.kernel, s.stride, s.pad, 'kernel');
      if (typeof outW !== 'number') return outW;
      return [s.filters, outH, outW];
    },
    paramShapes: (input, s) => ({ W: [s.filters, input[0]!, s.kernel, s.kernel], b: [s.filters] }),
    fanIn: (input, s) => input[0]! * s.kernel * s.kernel,
    create: ({ params, settings, fast }) => {
      const Conv = fast ? FastConvolution : Convolution;
      return new Conv(params.W!, params.b!, settings.stride, settings.pad);
    },
  }),
  defineLayer({
    type: 'pool',
    text: {
      en: { label: 'Pooling', summary: 'Shrinks each feature map by keeping the maximum (or the average) of every window.', short: 'max of each window' },
      ko: { label: '풀링', summary: '윈도우마다 최댓값(또는 평균)만 남겨 특징 맵을 줄입니다.', short: '윈도우의 최댓값' },
    },
    icon: {
      tint: 'shape',
      marks: [
        { rect: [3.5, 3.5, 7, 7, 1.2], stroke: 1.3, opacity: 0.55 },
        { rect: [3.5, 13.5, 7, 7, 1.2], stroke: 1.3, opacity: 0.55 },
        { rect: [13.5, 13.5, 7, 7, 1.2], stroke: 1.3, opacity: 0.55 },
        { rect: [13.5, 3.5, 7, 7, 1.2], fill: 1, stroke: 0 },
      ],
    },
    fields: [
      { name: 'mode', kind: 'enum', summary: 'keep the maximum or the average of each window', options: ['max', 'average'], default: 'max' },
      { name: 'size', kind: 'int', summary: 'window height and width', min: 1, max: 64, default: 2 },
      { name: 'stride', kind: 'int', summary: 'step between windows (defaults to the window size)', min: 1, max: 64, optional: true, starter: 2 },
      { name: 'pad', kind: 'int', summary: 'zeros added around the input', min: 0, max: 64, default: 0 },
    ],
    line: (s) => `${s.mode === 'average' ? 'avgpool' : 'pool'} ${s.size}`,
    outputShape(input, s) {
      const problem = needsImage(input, 'pooling');
      if (problem) return problem;
      const [c, h, w] = input as [number, number, number];
      const stride = s.stride ?? s.size;
      const outH = windowOutput('height', h, s.size, stride, s.pad, 'window');
      if (typeof outH !== 'number') return outH;
      const outW = windowOutput('width', w, s.size, stride, s.pad, 'window');
      if (typeof outW !== 'number') return outW;
      return [c, outH, outW];
    },
    create: ({ settings, fast }) => {
      const Pool = fast ? FastPooling : Pooling;
      return new Pool(settings.mode, settings.size, settings.stride ?? settings.size, settings.pad);
    },
  }),
  defineLayer({
    type: 'batchnorm',
    text: {
      en: {
        label: 'Batch Normalization',
        summary: 'Normalizes each value over the mini-batch to mean 0 and variance 1, then learns a scale and a shift.',
        short: 'γ·x̂ + β',
      },
      ko: { label: '배치 정규화', summary: '미니배치 단위로 값을 평균 0, 분산 1로 정규화한 다음 배율과 이동을 학습합니다.', short: 'γ·x̂ + β' },
    },
    icon: {
      tint: 'regular',
      marks: [
        { path: 'M3.5 19.5h17', stroke: 1, opacity: 0.45 },
        { path: 'M3.5 19c3.5 0 4.5-12.5 8.5-12.5S17 19 20.5 19', stroke: 2.2 },
        { path: 'M12 6.5v13', stroke: 1, dash: '1.5 2', opacity: 0.6 },
      ],
    },
    fields: [],
    family: 'batchnorm',
    outputShape: sameShape,
    paramShapes: (input) => ({ gamma: [sizeOf(input)], beta: [sizeOf(input)] }),
    bufferShapes: (input) => ({ running_mean: [sizeOf(input)], running_var: [sizeOf(input)] }),
    create: ({ params, buffers, fast }) => {
      const Norm = fast ? FastBatchNormalization : BatchNormalization;
      return new Norm(params.gamma!, params.beta!, 0.9, buffers.running_mean, buffers.running_var);
    },
  }),
  defineLayer({
    type: 'dropout',
    text: {
      en: { label: 'Dropout', summary: 'While training, randomly switches off a fraction of the values to fight overfitting.', short: 'random mask' },
      ko: { label: '드롭아웃', summary: '학습할 때 값의 일부를 무작위로 꺼서 오버피팅을 억제합니다.', short: '무작위 마스크' },
    },
    icon: {
      tint: 'regular',
      // a 3×3 grid of units, the ones on the anti-diagonals switched off (dashed rings)
      marks: [6, 12, 18].flatMap((x) =>
        [6, 12, 18].map((y): IconMark =>
          (x + y) % 12 === 0 ? { circle: [x, y, 2], stroke: 1.2, opacity: 0.55, dash: '1.6 1.2' } : { circle: [x, y, 2.1], fill: 1, stroke: 0 },
        ),
      ),
    },
    fields: [{ name: 'ratio', kind: 'number', summary: 'fraction of values dropped while training', min: 0, max: 1, exclusiveMax: true, default: 0.5 }],
    line: (s) => `dropout ${s.ratio}`,
    outputShape: sameShape,
    create: ({ settings, rng, fast }) => (fast ? new FastDropout(settings.ratio, rng) : new Dropout(settings.ratio, rng)),
  }),
  defineLayer({
    type: 'flatten',
    text: {
      en: { label: 'Flatten', summary: 'Lines an image up into one long row of values (C·H·W).', short: 'C×H×W → C·H·W' },
      ko: { label: '평탄화 (Flatten)', summary: '이미지를 값 한 줄(C·H·W)로 펼칩니다.', short: 'C×H×W → C·H·W' },
    },
    icon: {
      tint: 'shape',
      marks: [
        { rect: [4, 3.5, 9, 9, 1.3], stroke: 1.4 },
        { path: 'M8.5 3.5v9M4 8h9', stroke: 1, opacity: 0.55 },
        { rect: [3, 16, 18, 4.5, 1.2], stroke: 1.4 },
        { path: 'M7.5 16v4.5M12 16v4.5M16.5 16v4.5', stroke: 1, opacity: 0.55 },
        { path: 'M17.5 6v5.5', stroke: 1.4 },
        { path: 'm15.5 9.5 2 2 2-2', stroke: 1.4 },
      ],
    },
    fields: [],
    outputShape: (input) => [sizeOf(input)],
    create: () => new Flatten(),
  }),
  defineLayer({
    type: 'softmax-with-loss',
    text: {
      en: {
        label: 'Softmax-with-Loss',
        summary: 'Turns the last scores into class probabilities and measures the cross-entropy error.',
        short: 'softmax + cross-entropy error',
      },
      ko: {
        label: 'Softmax-with-Loss',
        summary: '마지막 점수를 클래스별 확률로 바꾸고 교차 엔트로피 오차를 계산하는 손실 함수 계층입니다.',
        short: '소프트맥스 + 교차 엔트로피 오차',
      },
    },
    icon: {
      tint: 'loss',
      marks: [
        { path: 'M3.5 20.5h17', stroke: 1, opacity: 0.45 },
        { rect: [5, 15, 3, 5.5, 0.8], fill: 0.4, stroke: 0 },
        { rect: [10.5, 5, 3, 15.5, 0.8], fill: 1, stroke: 0 },
        { rect: [16, 12, 3, 8.5, 0.8], fill: 0.4, stroke: 0 },
      ],
    },
    fields: [],
    terminal: true,
    line: () => 'softmax',
    outputShape(input): Shape | ShapeProblem {
      if (input.length !== 1) {
        return { code: 'stack.lossNeedsScores', values: { shape: formatShape(input) } };
      }
      if (input[0]! < 2) return { code: 'stack.lossNeedsTwo', values: { scores: String(input[0]) } };
      return input;
    },
    create: () => null,
  }),
] as const;

/** Every layer name a model spec may use: "affine" | "relu" | … — maps keyed by it are Records over it. */
export type LayerTypeName = (typeof layerTypes)[number]['type'];

/** The settings of one layer type, by name and type: `LayerSettings<'conv'>` is `{ filters: number, …, init: InitSetting }`. */
export type LayerSettings<Name extends LayerTypeName> = SettingsOf<Extract<(typeof layerTypes)[number], { type: Name }>['fields']>;

/** A planned layer's settings, typed, when it is of the given type (null otherwise). */
export function settingsOf<Name extends LayerTypeName>(type: Name, layer: { type: string; settings: FieldValues } | undefined): LayerSettings<Name> | null {
  // model.ts read these settings from exactly this type's fields, so they have the shape its definition declares.
  return layer?.type === type ? (layer.settings as LayerSettings<Name>) : null;
}

const byType = new Map<string, LayerType<LayerTypeName>>(layerTypes.map((t) => [t.type, t]));

export function findLayerType(type: string): LayerType<LayerTypeName> | undefined {
  return byType.get(type);
}
