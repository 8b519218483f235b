// The weights file (format "dlab-weights"): a trained network in the book's names and layouts, so the
// book's own Python loads it with np.array(p["data"]).reshape(p["shape"]):
//   Affine W [in, out] · Convolution W [filters, channels, kh, kw] · b [out] ·
//   BatchNorm gamma/beta and running_mean/running_var [features].
// Import checks everything against the model inside the file before a single number is used.

import { LabError, labError, withinFile } from './errors';
import type { LabMessageCode, MessageValues } from './messages';
import { describeValue, isPlainObject } from './fields';
import { planModel, type ModelPlan, type ModelSpec } from './model';
import { Network } from './network';
import { formatShape, sizeOf, type Tensor } from './tensor';

export const WEIGHTS_FORMAT = 'dlab-weights';
export const WEIGHTS_VERSION = 1;

export interface StoredArray {
  shape: number[];
  data: number[];
}

export interface WeightsFile {
  format: typeof WEIGHTS_FORMAT;
  version: typeof WEIGHTS_VERSION;
  model: ModelSpec;
  params: Record<string, StoredArray>;
  meta: Record<string, unknown>;
}

/** The network's parameters and running statistics as a weights file. */
export function exportWeights(network: Network, meta: Record<string, unknown> = {}): WeightsFile {
  const params: Record<string, StoredArray> = {};
  const store = (name: string, t: Tensor) => {
    params[name] = { shape: [...t.shape], data: network.dtype === 'float32' ? shortestFloat32(t.data) : Array.from(t.data) };
  };
  for (const layer of network.plan.layers) {
    for (const p of layer.params) store(p.name, network.params[p.name]!);
    for (const b of layer.buffers) store(b.name, network.buffers[b.name]!);
  }
  return { format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, model: network.plan.spec, params, meta };
}

export function weightsToJson(file: WeightsFile): string {
  return JSON.stringify(file);
}

/**
 * Each float32 as the shortest decimal that reads back to exactly the same float32, so a file
 * is about half the size of printing the doubles, and an export → import round trip is exact.
 */
export function shortestFloat32(data: ArrayLike<number>): number[] {
  const out = new Array<number>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    let s = v;
    // The decimal exponent, once for the up to four lengths tried (Math.log10 was a third of the time).
    const exponent = Math.floor(Math.log10(Math.abs(v)));
    for (let digits = 6; digits <= 9; digits++) {
      const candidate = roundedToDigits(v, digits, exponent);
      if (Math.fround(candidate) === v) {
        s = candidate;
        break;
      }
    }
    out[i] = s;
  }
  return out;
}

/** 10^k for k = 0…22: every one exact in a double. */
const POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Number(v.toPrecision(digits)), the same double, without making and reading a string where that is
 * certain (a run's final weights are 432,000 numbers; the strings took a third of a second): v's
 * magnitude times 10^k, rounded to an integer n of `digits` digits, and n / 10^k, which rounds the very
 * decimal the string holds (both exact, one correctly rounded division). The product is rounded once,
 * so when it lies within 2⁻²⁰ of a tie, or k is out of the exact powers' range, the string decides.
 * `exponent` is ⌊log10 |v|⌋ (a wrong one only sends the value to the string: m then lies outside its range).
 */
function roundedToDigits(v: number, digits: number, exponent: number): number {
  const a = Math.abs(v);
  if (a > 0 && a < Infinity) {
    const k = digits - 1 - exponent;
    if (k >= 0 && k <= 22) {
      const m = a * POWERS_OF_TEN[k]!;
      const low = POWERS_OF_TEN[digits - 1]!;
      const whole = Math.floor(m);
      const fraction = m - whole;
      // toPrecision keeps `digits` digits (m in [10^(digits−1), 10^digits): log10 was not off by one) and
      // breaks a tie towards the larger n; away from a tie, the nearest integer is n
      if (m >= low && m < low * 10 && Math.abs(fraction - 0.5) > 2 ** -20) {
        const n = fraction > 0.5 ? whole + 1 : whole;
        return v < 0 ? -(n / POWERS_OF_TEN[k]!) : n / POWERS_OF_TEN[k]!;
      }
    }
  }
  return Number(v.toPrecision(digits));
}

export interface LoadedWeights {
  file: WeightsFile;
  plan: ModelPlan;
  network: Network;
}

/** Parses and checks a weights file, and builds the network it describes with its weights loaded. */
export function parseWeights(text: string, fileName = 'the weights file'): LoadedWeights {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw labError('file', 'file.notJson', { file: fileName, reason: (error as Error).message });
  }
  try {
    return readWeights(raw);
  } catch (error) {
    if (error instanceof LabError) throw withinFile(error, 'file', fileName);
    throw error;
  }
}

function fail(code: LabMessageCode, values: MessageValues, path: string): never {
  throw labError('file', code, values, { path });
}

export function readWeights(raw: unknown): LoadedWeights {
  if (!isPlainObject(raw)) fail('weights.notObject', { value: describeValue(raw) }, '');
  if (raw.format !== WEIGHTS_FORMAT) {
    fail('weights.notWeights', { format: WEIGHTS_FORMAT, value: describeValue(raw.format) }, 'format');
  }
  if (raw.version !== WEIGHTS_VERSION) {
    const newer = typeof raw.version === 'number' && raw.version > WEIGHTS_VERSION;
    if (newer) fail('weights.newer', { version: String(raw.version), reads: String(WEIGHTS_VERSION) }, 'version');
    fail('weights.version', { reads: String(WEIGHTS_VERSION), value: describeValue(raw.version) }, 'version');
  }
  for (const key of Object.keys(raw)) {
    if (!['format', 'version', 'model', 'params', 'meta'].includes(key)) fail('weights.unknownField', { field: key }, key);
  }
  if (raw.meta !== undefined && !isPlainObject(raw.meta)) fail('weights.metaNotObject', { value: describeValue(raw.meta) }, 'meta');
  const plan = planModel(raw.model, 'model');
  if (!isPlainObject(raw.params)) fail('weights.paramsNotObject', { value: describeValue(raw.params) }, 'params');
  const stored = raw.params;

  const expected = new Map<string, readonly number[]>();
  for (const layer of plan.layers) {
    for (const p of [...layer.params, ...layer.buffers]) expected.set(p.name, p.shape);
  }
  // Names come from the file: looked up in a Map and as own keys only, so "__proto__" or "constructor"
  // is just a name the model does not have, never something inherited read as data.
  for (const name of Object.keys(stored)) {
    if (!expected.has(name)) {
      fail('weights.unknownParam', { name, names: [...expected.keys()].join(', ') }, `params.${name}`);
    }
  }
  // Every shape and length is checked before the network is allocated: a small file that declares a
  // huge layer is refused for the numbers it lacks, and never costs the memory its model would take.
  const arrays = new Map<string, unknown[]>();
  for (const [name, shape] of expected) arrays.set(name, checkArray(Object.hasOwn(stored, name) ? stored[name] : undefined, name, shape));
  const network = new Network(plan.spec, { skipInit: true });
  for (const [name, data] of arrays) copyNumbers(data, name, network.tensor(name)!);
  const file: WeightsFile = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    model: plan.spec,
    params: stored as Record<string, StoredArray>,
    meta: raw.meta ?? {},
  };
  return { file, plan, network };
}

/** Checks a stored array's shape, length and fields against the model; returns its numbers, unchecked. */
function checkArray(raw: unknown, name: string, shape: readonly number[]): unknown[] {
  const path = `params.${name}`;
  if (raw === undefined) fail('weights.missingParam', { name, shape: formatShape(shape) }, path);
  if (!isPlainObject(raw)) fail('weights.arrayNotObject', { name, value: describeValue(raw) }, path);
  for (const key of Object.keys(raw)) {
    if (key !== 'shape' && key !== 'data') fail('weights.arrayUnknownField', { name, field: key }, path);
  }
  const s = raw.shape;
  if (!Array.isArray(s) || s.length !== shape.length || s.some((d, i) => d !== shape[i])) {
    // A dimension that is not a number is described as the value it is (an object must not read "[object Object]").
    const found = Array.isArray(s) ? formatShape(s.map((d) => (typeof d === 'number' ? String(d) : describeValue(d))) as never) : describeValue(s);
    fail('weights.shape', { name, found, shape: formatShape(shape) }, `${path}.shape`);
  }
  const data = raw.data;
  if (!Array.isArray(data) || data.length !== sizeOf(shape)) {
    fail('weights.length', { name, count: String(sizeOf(shape)), found: Array.isArray(data) ? String(data.length) : describeValue(data) }, `${path}.data`);
  }
  return data;
}

function copyNumbers(data: unknown[], name: string, target: Tensor): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      fail('weights.notNumber', { name, index: String(i), value: describeValue(v) }, `params.${name}.data[${i}]`);
    target.data[i] = v;
  }
}
