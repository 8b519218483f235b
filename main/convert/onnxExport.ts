// A trained lab network as an ONNX model, written with onnx-proto (protobufjs and the official onnx.proto
// schema), never by hand. The graph is the layer stack in order with the book's inference semantics:
//   affine       → Flatten (when its input is an image: the book's x.reshape(N, -1)) + Gemm (W is [in, out], so transB = 0)
//   conv         → Conv (its weights are already [filters, channels, kh, kw])
//   pool         → MaxPool or AveragePool; the book's zero padding is count_include_pad for an average, and
//                  for a max a Max with 0 in the windows that reach the padding (see below)
//   batchnorm    → BatchNormalization on the running statistics; the book normalises every value of an
//                  image on its own (C·H·W features), so an image is flattened around it and shaped back
//   dropout      → Mul by (1 − ratio): the book's dropout keeps every value at inference and scales it
//   relu, sigmoid, tanh, leaky-relu, flatten → their one op; softmax-with-loss → Softmax (the probabilities)
// The batch dimension is symbolic ("batch"); the input is called "input" and the output "probabilities".

import onnxProto from 'onnx-proto';
import { labError } from '../../engine/errors';
import type { LayerPlan } from '../../engine/model';
import type { Network } from '../../engine/network';
import type { Shape } from '../../engine/tensor';

const { onnx } = onnxProto;

/** Debian's onnx 1.12 (the checker CI runs) reads IR versions up to 8 and opsets up to 17. */
const ONNX_IR_VERSION = 8;
const ONNX_OPSET = 13;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'probabilities';
/** The book's BatchNormalization epsilon (it writes 10e-7). */
const BOOK_BATCHNORM_EPS = 10e-7;

export interface OnnxExportOptions {
  /** Provenance: the weights file's meta (run id, data, optimizer…), written as metadata_props. */
  meta?: Record<string, unknown>;
  /** The class names in label order, when the data has them. */
  classNames?: readonly string[];
  /** The model's name in the file (graph name). */
  name?: string;
  producerVersion?: string;
}

type INode = onnxProto.onnx.INodeProto;
type ITensor = onnxProto.onnx.ITensorProto;
type IAttribute = onnxProto.onnx.IAttributeProto;

/** A graph under construction: nodes in order, initializers, and the name of the value flowing through. */
class GraphWriter {
  readonly nodes: INode[] = [];
  readonly initializers: ITensor[] = [];
  current = ONNX_INPUT;
  private counter = 0;

  /** Appends a node that takes the current value (and `extraInputs`) and makes it the current value. */
  op(opType: string, base: string, extraInputs: string[] = [], attributes: IAttribute[] = []): void {
    const output = `${base}_out${this.counter++}`;
    this.nodes.push({ opType, name: base, input: [this.current, ...extraInputs], output: [output], attribute: attributes });
    this.current = output;
  }

  floats(name: string, dims: readonly number[], data: ArrayLike<number>): string {
    const values = Float32Array.from(data);
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndian(values) });
    return name;
  }

  int64s(name: string, values: readonly number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] });
    return name;
  }
}

/** ONNX raw_data is little-endian whatever the machine; a copy is written byte by byte on a big-endian one. */
function littleEndian(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

const intAttr = (name: string, i: number): IAttribute => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const intsAttr = (name: string, ints: number[]): IAttribute => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
const floatAttr = (name: string, f: number): IAttribute => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });

/** The network (its plan, parameters and running statistics) as the bytes of an ONNX model. */
export function exportOnnx(network: Network, options: OnnxExportOptions = {}): Uint8Array {
  const g = new GraphWriter();
  for (const layer of network.plan.layers) writeLayer(g, layer, network);
  const classes = network.plan.classes;
  const model: onnxProto.onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'Deep Learning Lab',
    producerVersion: options.producerVersion ?? '',
    docString: 'A network built and trained in Deep Learning Lab (the book Deep Learning from Scratch, chapters 5–7).',
    metadataProps: metadata(network, options),
    graph: {
      name: options.name ?? 'dlab_model',
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(ONNX_INPUT, network.plan.input)],
      output: [valueInfo(ONNX_OUTPUT, [classes])],
    },
  };
  return onnx.ModelProto.encode(model).finish();
}

function valueInfo(name: string, perSample: Shape): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, ...perSample.map((d) => ({ dimValue: d }))] },
      },
    },
  };
}

function writeLayer(g: GraphWriter, layer: LayerPlan, network: Network): void {
  const n = layer.index + 1;
  const s = layer.settings;
  const param = (key: string) => {
    const named = [...layer.params, ...layer.buffers].find((p) => p.key === key)!;
    return { name: named.name, shape: named.shape, data: network.tensor(named.name)!.data };
  };
  const initializer = (key: string) => {
    const p = param(key);
    return g.floats(p.name, p.shape, p.data);
  };
  switch (layer.type) {
    case 'affine':
      if (layer.inputShape.length > 1) g.op('Flatten', `layer${n}_flatten`, [], [intAttr('axis', 1)]);
      g.op('Gemm', `layer${n}_affine`, [initializer('W'), initializer('b')], [intAttr('transB', 0)]);
      return;
    case 'conv': {
      const k = s.kernel as number;
      const stride = s.stride as number;
      const pad = s.pad as number;
      g.op(
        'Conv',
        `layer${n}_conv`,
        [initializer('W'), initializer('b')],
        [intsAttr('kernel_shape', [k, k]), intsAttr('strides', [stride, stride]), intsAttr('pads', [pad, pad, pad, pad])],
      );
      return;
    }
    case 'pool': {
      const size = s.size as number;
      const stride = (s.stride as number | undefined) ?? size;
      const pad = s.pad as number;
      const window = [intsAttr('kernel_shape', [size, size]), intsAttr('strides', [stride, stride])];
      if (s.mode === 'average') {
        // the book averages over the whole window, padding zeros included: count_include_pad
        const padding = pad > 0 ? [intsAttr('pads', [pad, pad, pad, pad]), intAttr('count_include_pad', 1)] : [];
        g.op('AveragePool', `layer${n}_pool`, [], [...window, ...padding]);
        return;
      }
      if (pad === 0) {
        g.op('MaxPool', `layer${n}_pool`, [], window);
        return;
      }
      // The book pads max pooling with zeros, ONNX's MaxPool ignores its padding (−∞). A Pad node with
      // zeros before it says that plainly, but onnxruntime (1.31) fuses Pad into MaxPool and so drops the
      // zeros. So: MaxPool over its own padding, then max with 0 in every window that reaches the padding.
      g.op('MaxPool', `layer${n}_pool`, [], [...window, intsAttr('pads', [pad, pad, pad, pad])]);
      const [, outH, outW] = layer.outputShape as [number, number, number];
      const [, height, width] = layer.inputShape as [number, number, number];
      g.op('Max', `layer${n}_padding_zeros`, [
        g.floats(`layer${n}_padding_floor`, [1, 1, outH, outW], paddingFloor(height, width, outH, outW, size, stride, pad)),
      ]);
      return;
    }
    case 'batchnorm': {
      const image = layer.inputShape.length > 1;
      if (image) g.op('Flatten', `layer${n}_flatten`, [], [intAttr('axis', 1)]);
      g.op(
        'BatchNormalization',
        `layer${n}_batchnorm`,
        [initializer('gamma'), initializer('beta'), initializer('running_mean'), initializer('running_var')],
        [floatAttr('epsilon', BOOK_BATCHNORM_EPS), floatAttr('momentum', 0.9)],
      );
      if (image) g.op('Reshape', `layer${n}_unflatten`, [g.int64s(`layer${n}_shape`, [-1, ...layer.inputShape])]);
      return;
    }
    case 'dropout':
      g.op('Mul', `layer${n}_dropout`, [g.floats(`layer${n}_keep`, [], [1 - (s.ratio as number)])]);
      return;
    case 'relu':
      g.op('Relu', `layer${n}_relu`);
      return;
    case 'leaky-relu':
      g.op('LeakyRelu', `layer${n}_leaky_relu`, [], [floatAttr('alpha', s.alpha as number)]);
      return;
    case 'sigmoid':
      g.op('Sigmoid', `layer${n}_sigmoid`);
      return;
    case 'tanh':
      g.op('Tanh', `layer${n}_tanh`);
      return;
    case 'flatten':
      g.op('Flatten', `layer${n}_flatten`, [], [intAttr('axis', 1)]);
      return;
    case 'softmax-with-loss':
      g.op('Softmax', `layer${n}_softmax`, [], [intAttr('axis', 1)]);
      // the last node's output is the graph's output, under its public name
      g.nodes[g.nodes.length - 1]!.output = [ONNX_OUTPUT];
      g.current = ONNX_OUTPUT;
      return;
    default:
      throw labError('usage', 'convert.noOnnxForm', { n, type: layer.type });
  }
}

/** 0 where a pooling window reaches into the padding (the zeros it holds take part in the max), −∞ elsewhere. */
export function paddingFloor(height: number, width: number, outH: number, outW: number, size: number, stride: number, pad: number): Float32Array {
  const floor = new Float32Array(outH * outW);
  const reaches = (o: number, extent: number) => o * stride - pad < 0 || o * stride - pad + size > extent;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) floor[oy * outW + ox] = reaches(oy, height) || reaches(ox, width) ? 0 : -Infinity;
  }
  return floor;
}

/** The run's provenance and the class names as metadata_props: strings, one key each. */
function metadata(network: Network, options: OnnxExportOptions): onnxProto.onnx.IStringStringEntryProto[] {
  // one value per key (the checker refuses a repeated key): the lab's own entries win over the meta's
  const props = new Map<string, string>();
  for (const [key, value] of Object.entries(options.meta ?? {})) {
    if (value === undefined || value === null) continue;
    props.set(`dlab.${key}`, typeof value === 'string' ? value : JSON.stringify(value));
  }
  props.set('dlab.model', JSON.stringify(network.plan.spec));
  props.set('dlab.parameters', String(network.plan.paramCount));
  const classNames = options.classNames ?? classNamesIn(options.meta);
  if (classNames) props.set('class_names', JSON.stringify(classNames));
  return [...props].map(([key, value]) => ({ key, value }));
}

/** Class names where a weights file's meta may carry them ("classNames" or "classes", a list of strings). */
export function classNamesIn(meta: Record<string, unknown> | undefined): string[] | undefined {
  for (const key of ['classNames', 'classes']) {
    const value = meta?.[key];
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value;
  }
  return undefined;
}
