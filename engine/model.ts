// Model spec → plan: checks a layer stack, infers every layer's output shape and parameter shapes,
// and names the parameters as the book does (W1, b1, W2…; gamma1, beta1…). A stack that cannot work
// is refused with the layer's number and a sentence; the builder gets the plan up to that layer too.

import { LabError, labError } from './errors';
import type { LabMessageCode, MessageValues } from './messages';
import { describeValue, isPlainObject, readFields, type FieldValues } from './fields';
import { findLayerType, layerTypes, type LayerType } from './layers/registry';
import { formatShape, sizeOf, type Shape } from './tensor';

export interface LayerSpec {
  type: string;
  [field: string]: number | string | undefined;
}

export interface ModelSpec {
  input: number[];
  layers: LayerSpec[];
}

export interface NamedShape {
  /** The layer's own key: W, b, gamma, running_mean… */
  key: string;
  /** The network-wide name in the book's style: W1, b1, gamma1, running_mean1… */
  name: string;
  shape: Shape;
}

export interface LayerPlan {
  index: number;
  type: string;
  layerType: LayerType;
  settings: FieldValues;
  inputShape: Shape;
  outputShape: Shape;
  params: NamedShape[];
  buffers: NamedShape[];
  paramCount: number;
}

export interface ModelPlan {
  spec: ModelSpec;
  input: Shape;
  layers: LayerPlan[];
  paramCount: number;
  classes: number;
}

export interface ModelAnalysis {
  /** Every layer that could be planned, in order (all of them when error is null). */
  layers: LayerPlan[];
  paramCount: number;
  error: LabError | null;
}

/** Beyond these the lab would run out of memory long before it learned anything. */
export const MAX_PARAMETERS = 50_000_000;
export const MAX_VALUES_PER_SAMPLE = 5_000_000;

/** Checks and plans a model spec; never throws for bad input (the error is in the result). */
export function analyzeModel(model: unknown, path = 'model'): ModelAnalysis {
  const layers: LayerPlan[] = [];
  let paramCount = 0;
  try {
    planInto(model, path, layers);
    for (const l of layers) paramCount += l.paramCount;
    return { layers, paramCount, error: null };
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    for (const l of layers) paramCount += l.paramCount;
    return { layers, paramCount, error };
  }
}

/** Checks and plans a model spec; throws a LabError that names the layer when it cannot work. */
export function planModel(model: unknown, path = 'model'): ModelPlan {
  const layers: LayerPlan[] = [];
  const { spec, input } = planInto(model, path, layers);
  const last = layers[layers.length - 1]!;
  return {
    spec,
    input,
    layers,
    paramCount: layers.reduce((sum, l) => sum + l.paramCount, 0),
    classes: last.outputShape[0]!,
  };
}

function stackError(code: LabMessageCode, values: MessageValues, path: string, layerIndex?: number): LabError {
  return labError('spec', code, values, { path, layerIndex });
}

function planInto(model: unknown, path: string, out: LayerPlan[]): { spec: ModelSpec; input: Shape } {
  if (!isPlainObject(model)) throw stackError('model.notObject', { value: describeValue(model) }, path);
  for (const key of Object.keys(model)) {
    if (key !== 'input' && key !== 'layers') {
      throw stackError('model.unknownField', { field: key }, `${path}.${key}`);
    }
  }
  const input = readInputShape(model.input, `${path}.input`);
  const rawLayers = model.layers;
  if (!Array.isArray(rawLayers) || rawLayers.length === 0) {
    throw stackError('stack.empty', {}, `${path}.layers`);
  }
  const counters = { weights: 0, batchnorm: 0 };
  const specLayers: LayerSpec[] = [];
  let shape: Shape = input;
  let total = 0;
  rawLayers.forEach((raw: unknown, index) => {
    const layerPath = `${path}.layers[${index}]`;
    const number = index + 1;
    if (!isPlainObject(raw) || typeof raw.type !== 'string') {
      throw stackError('model.layerNotObject', { n: number, value: describeValue(raw) }, layerPath, index);
    }
    const layerType = findLayerType(raw.type);
    if (!layerType) {
      throw stackError('model.unknownLayer', { n: number, type: raw.type, types: layerTypes.map((t) => t.type).join(', ') }, `${layerPath}.type`, index);
    }
    const where = `Layer ${number} (${layerType.type})`;
    const layer = { n: String(number), type: layerType.type };
    const settings = readFields(raw, layerType.fields, { where, path: layerPath, layerIndex: index });
    if (layerType.terminal && index !== rawLayers.length - 1) {
      throw stackError('stack.terminalNotLast', layer, layerPath, index);
    }
    const output = layerType.outputShape(shape, settings);
    if ('code' in output) throw stackError(output.code, { ...layer, ...output.values }, layerPath, index);
    if (sizeOf(output) > MAX_VALUES_PER_SAMPLE) {
      const values = {
        ...layer,
        shape: formatShape(output),
        values: sizeOf(output).toLocaleString('en-US'),
        most: MAX_VALUES_PER_SAMPLE.toLocaleString('en-US'),
      };
      throw stackError('stack.outputTooLarge', values, layerPath, index);
    }
    const params = named(layerType.paramShapes?.(shape, settings), layerType, counters);
    const buffers = named(layerType.bufferShapes?.(shape, settings), layerType, counters);
    if (layerType.family) counters[layerType.family]++;
    const paramCount = params.reduce((sum, p) => sum + sizeOf(p.shape), 0);
    total += paramCount;
    if (total > MAX_PARAMETERS) {
      const values = { ...layer, count: total.toLocaleString('en-US'), most: MAX_PARAMETERS.toLocaleString('en-US') };
      throw stackError('stack.tooManyParams', values, layerPath, index);
    }
    out.push({ index, type: layerType.type, layerType, settings, inputShape: shape, outputShape: output, params, buffers, paramCount });
    specLayers.push({ type: layerType.type, ...settings });
    shape = output;
  });
  const last = out[out.length - 1]!;
  if (!last.layerType.terminal) {
    throw stackError('stack.mustEndWithLoss', { n: String(out.length), type: last.type }, `${path}.layers`, out.length - 1);
  }
  if (!out.some((l) => l.layerType.family === 'weights')) {
    throw stackError('stack.nothingToLearn', {}, `${path}.layers`);
  }
  return { spec: { input: [...input], layers: specLayers }, input };
}

function named(shapes: Record<string, Shape> | undefined, layerType: LayerType, counters: Record<'weights' | 'batchnorm', number>): NamedShape[] {
  if (!shapes || !layerType.family) return [];
  const number = counters[layerType.family] + 1;
  return Object.entries(shapes).map(([key, shape]) => ({ key, name: `${key}${number}`, shape }));
}

function readInputShape(raw: unknown, path: string): Shape {
  const ok =
    Array.isArray(raw) && (raw.length === 1 || raw.length === 3) && raw.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 4096);
  if (!ok) {
    const value = Array.isArray(raw) ? `${describeValue(raw)} ${JSON.stringify(raw).slice(0, 40)}` : describeValue(raw);
    throw stackError('model.inputForm', { value }, path);
  }
  const shape = raw as number[];
  if (sizeOf(shape) > MAX_VALUES_PER_SAMPLE) {
    throw stackError('model.inputTooLarge', { shape: formatShape(shape) }, path);
  }
  return shape;
}
