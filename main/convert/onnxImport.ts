// An ONNX model in, a lab model and its weights out — when the graph is one the lab can express: a chain
// of Gemm (or MatMul + Add), Conv, Relu, LeakyRelu, Sigmoid, Tanh, MaxPool, AveragePool, BatchNormalization,
// Flatten or Reshape, Softmax, Dropout and Identity, with the Constant and Pad nodes torch.onnx.export puts
// around pooling, and the forms the lab's own export writes. Anything else is refused with a sentence that
// names the first node it cannot take and why (its op, an attribute, or a shape).
//
// The file is untrusted: its size is checked by the caller before it is read (MAX_ONNX_BYTES), every
// tensor's claimed size is checked against the lab's parameter limit before a number of it is read, and
// data kept in other files (external data) is refused, never opened. It is longer than 400 lines because
// it is one walk over the graph with one case per op, and each case checks what it reads.
// Long because it is one walk over the graph: each supported operator's check sits beside the node it
// reads, so a refusal names the node where the walk stopped; split per operator, the walk's state would travel.

import onnxProto from 'onnx-proto';
import { LabError, labError, withinFile } from '../../engine/errors';
import { englishMessage, type LabMessage, type LabMessageCode, type MessageValues } from '../../engine/messages';
import type { LayerSpec, ModelSpec } from '../../engine/model';
import { MAX_PARAMETERS, planModel } from '../../engine/model';
import { findLayerType } from '../../engine/layers/registry';
import { formatShape, sizeOf, type Shape } from '../../engine/tensor';
import { readWeights, WEIGHTS_FORMAT, WEIGHTS_VERSION, type LoadedWeights, type StoredArray } from '../../engine/weights';
import { paddingFloor } from './onnxExport';

const { onnx } = onnxProto;
type ITensor = onnxProto.onnx.ITensorProto;
type INode = onnxProto.onnx.INodeProto;
const DataType = onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

/** The largest ONNX file the lab opens: the largest model it trains (50 million floats) and room to spare. */
export const MAX_ONNX_BYTES = 256 * 1024 * 1024;
/** The book's BatchNormalization epsilon; a model's own epsilon is folded into its running variance. */
const BOOK_BATCHNORM_EPS = 10e-7;

export interface ImportedOnnx extends LoadedWeights {
  /** What the import changed or left out on the way, for the user to read ("Dropout left out: …"). */
  notes: string[];
}

/** Decodes and converts an ONNX model; every refusal is a LabError of kind 'file' naming `fileName`. */
export function importOnnx(bytes: Uint8Array, fileName = 'the ONNX file'): ImportedOnnx {
  if (bytes.length > MAX_ONNX_BYTES) {
    throw labError('file', 'onnx.tooLarge', { file: fileName, mb: (bytes.length / 1024 / 1024).toFixed(0), max: MAX_ONNX_BYTES / 1024 / 1024 });
  }
  let model: onnxProto.onnx.ModelProto;
  try {
    // a plain Uint8Array view, not a Node Buffer: protobufjs's Buffer reader makes an empty field with
    // the deprecated new Buffer(0), which Node warns about on the CLI's stderr once bundled
    model = onnx.ModelProto.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const why = error instanceof RangeError && /stack/i.test(error.message) ? 'it is nested too deeply' : (error as Error).message;
    throw labError('file', 'onnx.unreadable', { file: fileName, reason: why });
  }
  if (!model.graph || Number(model.irVersion) < 1) throw labError('file', 'onnx.noGraph', { file: fileName });
  try {
    return new GraphReader(model, fileName).read();
  } catch (error) {
    if (error instanceof LabError) throw withinFile(error, 'file', fileName);
    throw error;
  }
}

/** A layer being built: its spec and its arrays under the layer's own keys (W, b, gamma…). */
interface BuiltLayer {
  spec: LayerSpec;
  arrays: Record<string, ArrayLike<number>>;
  /** The per-sample shape it takes. */
  input: Shape;
}

class GraphReader {
  private readonly graph: onnxProto.onnx.IGraphProto;
  private readonly constants = new Map<string, ITensor>();
  private readonly layers: BuiltLayer[] = [];
  private readonly notes: string[] = [];
  private readonly opset: number;
  private current = '';
  private shape: Shape = [];
  /** Zeros a Pad node added around the image, waiting for the convolution or pooling after it. */
  private pendingPad = 0;
  private nodes: INode[] = [];
  private at = 0;
  private dropoutsLeftOut = 0;

  constructor(
    private readonly model: onnxProto.onnx.ModelProto,
    private readonly fileName: string,
  ) {
    this.graph = model.graph!;
    // decode() gives every repeated field, an empty list when the file has none.
    const main = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
    this.opset = main ? Number(main.version) : 1;
  }

  read(): ImportedOnnx {
    for (const tensor of this.graph.initializer ?? []) {
      this.checkTensor(tensor, { name: tensor.name ?? '' });
      this.constants.set(tensor.name ?? '', tensor);
    }
    if ((this.graph.sparseInitializer ?? []).length > 0) throw labError('file', 'onnx.sparse', {});
    this.readInput();
    this.nodes = this.graph.node ?? [];
    for (this.at = 0; this.at < this.nodes.length; this.at++) this.readNode(this.nodes[this.at]!);
    if (this.pendingPad > 0) throw labError('file', 'onnx.endsWithPad', {});
    const outputs = (this.graph.output ?? []).map((o) => o.name);
    if (outputs.length !== 1 || outputs[0] !== this.current) {
      throw labError('file', 'onnx.outputNotChain', { outputs: outputs.join(', ') || 'none' });
    }
    if (this.layers.at(-1)?.spec.type !== 'softmax-with-loss') {
      if (this.shape.length !== 1) throw labError('file', 'onnx.endsNotScores', { shape: formatShape(this.shape) });
      this.push({ type: 'softmax-with-loss' });
      this.notes.push('The graph ends with scores; the lab adds its Softmax-with-Loss after them.');
    }
    // The lab's affine layer flattens an image itself (the book's x.reshape(N, -1)): a Flatten right
    // before a Gemm is that same step, written out.
    const layers = this.layers.filter((l, i) => !(l.spec.type === 'flatten' && this.layers[i + 1]?.spec.type === 'affine'));
    return this.weights(layers);
  }

  private weights(layers: BuiltLayer[]): ImportedOnnx {
    const spec: ModelSpec = { input: [...this.inputShape], layers: layers.map((l) => l.spec) };
    const plan = planModel(spec);
    const params: Record<string, StoredArray> = {};
    plan.layers.forEach((layer, i) => {
      for (const p of [...layer.params, ...layer.buffers]) {
        const data = layers[i]!.arrays[p.key]!;
        params[p.name] = { shape: [...p.shape], data: Array.from(data) };
      }
    });
    const props = Object.fromEntries(this.model.metadataProps.map((p) => [p.key ?? '', p.value ?? '']));
    const meta: Record<string, unknown> = {
      importedFrom: this.fileName,
      producer: [this.model.producerName, this.model.producerVersion].filter(Boolean).join(' ') || null,
      opset: this.opset,
    };
    const classNames = parseClassNames(props.class_names);
    if (classNames) meta.classNames = classNames;
    const loaded = readWeights({ format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, model: spec, params, meta });
    return { ...loaded, notes: this.notes };
  }

  private inputShape: Shape = [];

  private readInput(): void {
    const inputs = (this.graph.input ?? []).filter((i) => !this.constants.has(i.name ?? ''));
    if (inputs.length !== 1) throw labError('file', 'onnx.inputCount', { count: inputs.length });
    const input = inputs[0]!;
    const tensorType = input.type?.tensorType;
    if (!tensorType) throw labError('file', 'onnx.inputNotTensor', { name: input.name ?? '' });
    if (tensorType.elemType !== DataType.FLOAT) throw labError('file', 'onnx.inputNotFloat', { name: input.name ?? '', ...dataType(tensorType.elemType) });
    const dims = (tensorType.shape?.dim ?? []).map((d) =>
      d.dimValue !== undefined && d.dimValue !== null && Number(d.dimValue) > 0 ? Number(d.dimValue) : null,
    );
    const perSample = dims.slice(1);
    if ((dims.length !== 2 && dims.length !== 4) || perSample.some((d) => d === null || d > 4096)) {
      throw labError('file', 'onnx.inputShape', { name: input.name ?? '', dims: dims.map((d) => d ?? '?').join(', ') });
    }
    this.inputShape = perSample as number[];
    this.shape = this.inputShape;
    this.current = input.name ?? '';
  }

  // ----- nodes -----

  private where(node: INode): string {
    return `node ${this.at + 1} (${node.opType}${node.name ? ` "${node.name}"` : ''})`;
  }

  /** A refusal of `node` from the table of messages: "node N (Op "name") …", said in the reader's language. */
  private refuse(node: INode, code: LabMessageCode, values: MessageValues = {}): never {
    throw labError('file', code, { ...this.said(node), ...values });
  }

  /** The node's place as a refusal's values: node {at} ({op}). */
  private said(node: INode): { at: number; op: string } {
    return { at: this.at + 1, op: `${node.opType ?? ''}${node.name ? ` "${node.name}"` : ''}` };
  }

  private readNode(node: INode): void {
    const op = node.opType ?? '';
    if (node.domain && node.domain !== 'ai.onnx') this.refuse(node, 'onnx.otherOperatorSet', { domain: node.domain });
    if (op === 'Constant') return this.readConstant(node);
    const aliased = op === 'Identity' ? this.constants.get((node.input ?? [])[0] ?? '') : undefined;
    if (aliased) {
      this.constants.set((node.output ?? [])[0] ?? '', aliased); // torch names a weight again this way
      return;
    }
    const chained = (node.input ?? [])[0] === this.current || (op === 'Add' && (node.input ?? [])[1] === this.current);
    if (!chained) this.refuse(node, 'onnx.notChained', { current: this.current });
    if ((node.output ?? []).filter(Boolean).length > 1 && op !== 'Dropout') this.refuse(node, 'onnx.manyOutputs');
    if (this.pendingPad > 0 && !['Conv', 'MaxPool', 'AveragePool'].includes(op)) this.refuse(node, 'onnx.afterPad');
    switch (op) {
      case 'Identity':
        break;
      case 'Dropout':
        if ((node.output ?? []).slice(1).some((o) => o && this.isUsed(o))) this.refuse(node, 'onnx.dropoutMask');
        if (this.dropoutsLeftOut++ === 0)
          this.notes.push(`${this.where(node)} and any Dropout after it: left out — at inference a Dropout passes its input through unchanged.`);
        break;
      case 'Relu':
        this.push({ type: 'relu' });
        break;
      case 'Sigmoid':
        this.push({ type: 'sigmoid' });
        break;
      case 'Tanh':
        this.push({ type: 'tanh' });
        break;
      case 'LeakyRelu': {
        const alpha = this.floatAttr(node, 'alpha', 0.01);
        if (!(alpha > 0 && alpha < 1)) this.refuse(node, 'onnx.leakySlope', { alpha: String(alpha) });
        this.push({ type: 'leaky-relu', alpha: shortestFloat32(alpha) });
        break;
      }
      case 'Gemm':
        this.readGemm(node);
        break;
      case 'MatMul':
        this.readMatMul(node);
        break;
      case 'Conv':
        this.readConv(node);
        break;
      case 'MaxPool':
      case 'AveragePool':
        this.readPool(node, op === 'MaxPool' ? 'max' : 'average');
        break;
      case 'Pad':
        this.readPad(node);
        break;
      case 'BatchNormalization':
        this.readBatchNorm(node);
        break;
      case 'Flatten': {
        const axis = this.intAttr(node, 'axis', 1);
        if (axis !== 1) this.refuse(node, 'onnx.flattenAxis', { axis });
        if (this.shape.length > 1) this.push({ type: 'flatten' });
        break;
      }
      case 'Reshape':
        this.readReshape(node);
        break;
      case 'Mul':
        this.readMul(node);
        break;
      case 'Softmax': {
        const axis = this.intAttr(node, 'axis', this.opset >= 13 ? -1 : 1);
        if (this.shape.length !== 1 || (axis !== 1 && axis !== -1)) this.refuse(node, 'onnx.softmaxShape', { shape: formatShape(this.shape), axis });
        if (this.at !== this.nodes.length - 1) this.refuse(node, 'onnx.softmaxNotLast');
        this.push({ type: 'softmax-with-loss' });
        break;
      }
      default:
        this.refuse(node, 'onnx.unknownOperator', {
          known:
            'Gemm, MatMul + Add, Conv, Relu, LeakyRelu, Sigmoid, Tanh, MaxPool, AveragePool, Pad, BatchNormalization, Flatten, Reshape, Softmax, Dropout, Identity',
          last: 'Constant',
        });
    }
    // a node may have taken the one after it along (MatMul its Add, MaxPool its Max): the chain goes on from the last
    this.current = (this.nodes[this.at]!.output ?? [])[0] ?? '';
  }

  /** Every value some node or the graph's output reads, gathered once: a file of a million nodes costs one pass, not a million. */
  private used: Set<string> | null = null;

  private isUsed(name: string): boolean {
    this.used ??= new Set([...this.nodes.flatMap((n) => n.input ?? []), ...(this.graph.output ?? []).map((o) => o.name ?? '')]);
    return this.used.has(name);
  }

  private push(spec: LayerSpec, arrays: Record<string, ArrayLike<number>> = {}): void {
    const layerType = findLayerType(spec.type)!;
    const output = layerType.outputShape(this.shape, spec as never);
    if ('code' in output) {
      const node = this.nodes[this.at];
      // The layer's own refusal (coded in engine/layers) follows the node's: "… cannot work — why.", in the reader's language.
      const why: LabMessage = { code: output.code, values: { n: String(this.layers.length + 1), type: spec.type, ...output.values } };
      const said: LabMessage = node
        ? { code: 'onnx.layerCannotWork', values: { ...this.said(node), type: spec.type }, after: why }
        : { code: 'onnx.graphEndCannotWork', values: { type: spec.type }, after: why };
      throw new LabError('file', englishMessage(said), {}, said);
    }
    this.layers.push({ spec, arrays, input: this.shape });
    this.shape = output;
  }

  private readConstant(node: INode): void {
    const attribute = (node.attribute ?? [])[0];
    const output = (node.output ?? [])[0] ?? '';
    if (!attribute || (node.attribute ?? []).length !== 1) this.refuse(node, 'onnx.constantNotOne');
    let tensor: ITensor;
    switch (attribute.name) {
      case 'value':
        tensor = attribute.t ?? this.refuse(node, 'onnx.constantNoTensor');
        break;
      case 'value_float':
        tensor = { dims: [], dataType: DataType.FLOAT, floatData: [attribute.f ?? 0] };
        break;
      case 'value_floats':
        tensor = { dims: [(attribute.floats ?? []).length], dataType: DataType.FLOAT, floatData: attribute.floats ?? [] };
        break;
      case 'value_int':
        tensor = { dims: [], dataType: DataType.INT64, int64Data: [attribute.i ?? 0] };
        break;
      case 'value_ints':
        tensor = { dims: [(attribute.ints ?? []).length], dataType: DataType.INT64, int64Data: attribute.ints ?? [] };
        break;
      default:
        this.refuse(node, 'onnx.constantKind', { name: attribute.name ?? '' });
    }
    this.checkTensor(tensor, this.said(node));
    this.constants.set(output, tensor);
  }

  private constant(node: INode, index: number, what: string): ITensor {
    const name = (node.input ?? [])[index];
    const tensor = name ? this.constants.get(name) : undefined;
    if (!tensor) this.refuse(node, 'onnx.notConstant', { what, name: name ?? '' });
    return tensor;
  }

  private readGemm(node: INode): void {
    if (this.shape.length !== 1) this.refuse(node, 'onnx.gemmFlatten', { shape: formatShape(this.shape) });
    const alpha = this.floatAttr(node, 'alpha', 1);
    const beta = this.floatAttr(node, 'beta', 1);
    if (alpha !== 1 || beta !== 1 || this.intAttr(node, 'transA', 0) !== 0) this.refuse(node, 'onnx.gemmScales');
    const transB = this.intAttr(node, 'transB', 0) === 1;
    const b = this.constant(node, 1, 'weights');
    const dims = dimsOf(b);
    if (dims.length !== 2) this.refuse(node, 'onnx.weightsNotMatrix', { shape: formatShape(dims) });
    const [inputs, units] = transB ? [dims[1]!, dims[0]!] : [dims[0]!, dims[1]!];
    if (inputs !== this.shape[0]) this.refuse(node, 'onnx.weightsInputs', { inputs, got: this.shape[0]! });
    const raw = this.floats(b, node, 'weights');
    const W = transB ? transpose(raw, units, inputs) : raw;
    const bias = (node.input ?? [])[2] ? this.bias(node, this.constant(node, 2, 'bias'), units) : new Float32Array(units);
    this.push({ type: 'affine', units, init: 'he' }, { W, b: bias });
  }

  private bias(node: INode, tensor: ITensor, units: number): Float32Array {
    const values = this.floats(tensor, node, 'bias');
    if (values.length !== units || dimsOf(tensor).filter((d) => d !== 1).length > 1)
      this.refuse(node, 'onnx.biasShape', { shape: formatShape(dimsOf(tensor)), units });
    return values;
  }

  private readMatMul(node: INode): void {
    if (this.shape.length !== 1) this.refuse(node, 'onnx.matmulFlatten', { shape: formatShape(this.shape) });
    const w = this.constant(node, 1, 'weights');
    const dims = dimsOf(w);
    if (dims.length !== 2 || dims[0] !== this.shape[0]) this.refuse(node, 'onnx.matmulWeights', { shape: formatShape(dims), inputs: this.shape[0]! });
    const units = dims[1]!;
    let bias: Float32Array = new Float32Array(units);
    const next = this.nodes[this.at + 1];
    const output = (node.output ?? [])[0];
    if (next?.opType === 'Add' && (next.input ?? []).includes(output ?? '')) {
      const other = (next.input ?? []).find((name) => name !== output) ?? '';
      const tensor = this.constants.get(other);
      if (tensor) {
        bias = this.bias(next, tensor, units);
        this.at++; // the Add is this affine layer's + b
        node = next;
      }
    }
    this.push({ type: 'affine', units, init: 'he' }, { W: this.floats(w, node, 'weights'), b: bias });
  }

  private squareWindow(node: INode, what: string): { kernel: number; stride: number; pad: number } {
    if (this.shape.length !== 3) this.refuse(node, 'onnx.notImage', { shape: formatShape(this.shape) });
    const autoPad = this.stringAttr(node, 'auto_pad', 'NOTSET');
    if (autoPad !== 'NOTSET') this.refuse(node, 'onnx.autoPad', { autoPad });
    const kernel = this.intsAttr(node, 'kernel_shape');
    const strides = this.intsAttr(node, 'strides') ?? [1, 1];
    const pads = this.intsAttr(node, 'pads') ?? [0, 0, 0, 0];
    const dilations = this.intsAttr(node, 'dilations') ?? [1, 1];
    if (kernel && (kernel.length !== 2 || kernel[0] !== kernel[1])) this.refuse(node, 'onnx.notSquare', { size: kernel.join('×'), what });
    if (strides.length !== 2 || strides[0] !== strides[1]) this.refuse(node, 'onnx.strides', { strides: strides.join(', ') });
    if (pads.length !== 4 || pads.some((p) => p !== pads[0])) this.refuse(node, 'onnx.padsUneven', { pads: pads.join(', ') });
    if (dilations.some((d) => d !== 1)) this.refuse(node, 'onnx.dilations', { dilations: dilations.join(', ') });
    return { kernel: kernel?.[0] ?? 0, stride: strides[0]!, pad: pads[0]! + this.pendingPad };
  }

  private readConv(node: INode): void {
    if (this.intAttr(node, 'group', 1) !== 1) this.refuse(node, 'onnx.grouped', { group: this.intAttr(node, 'group', 1) });
    const w = this.constant(node, 1, 'filters');
    const dims = dimsOf(w);
    if (dims.length !== 4 || dims[2] !== dims[3]) this.refuse(node, 'onnx.filtersShape', { shape: formatShape(dims) });
    if (dims[1] !== this.shape[0]) this.refuse(node, 'onnx.filtersChannels', { channels: dims[1]!, got: this.shape[0]! });
    const window = this.squareWindow(node, 'kernel');
    if (window.kernel !== 0 && window.kernel !== dims[2]) this.refuse(node, 'onnx.kernelMismatch', { kernel: window.kernel, h: dims[2]!, w: dims[3]! });
    const filters = dims[0]!;
    const b = (node.input ?? [])[2] ? this.bias(node, this.constant(node, 2, 'bias'), filters) : new Float32Array(filters);
    this.pendingPad = 0;
    this.push({ type: 'conv', filters, kernel: dims[2]!, stride: window.stride, pad: window.pad, init: 'he' }, { W: this.floats(w, node, 'filters'), b });
  }

  private readPool(node: INode, mode: 'max' | 'average'): void {
    if (this.intAttr(node, 'ceil_mode', 0) !== 0) this.refuse(node, 'onnx.ceilMode');
    if (this.intAttr(node, 'storage_order', 0) !== 0) this.refuse(node, 'onnx.storageOrder');
    const { kernel, stride, pad } = this.squareWindow(node, 'window');
    if (kernel === 0) this.refuse(node, 'onnx.noKernelShape');
    const ownPad = pad - this.pendingPad;
    if (ownPad > 0 && mode === 'average' && this.intAttr(node, 'count_include_pad', 0) !== 1) {
      this.refuse(node, 'onnx.averageNoPad');
    }
    if (ownPad > 0 && mode === 'max' && !this.maxPadIsZero(node, kernel, stride, pad)) {
      this.refuse(node, 'onnx.maxPadNegative');
    }
    this.pendingPad = 0;
    this.push({ type: 'pool', mode, size: kernel, stride, pad });
  }

  /**
   * ONNX's MaxPool ignores its padding; the book's takes part with zeros. The two agree when the input is
   * never negative (after a ReLU or a sigmoid), or when a Max with 0 at the windows that reach the padding
   * follows (the lab's own export): then that Max is part of this layer.
   */
  private maxPadIsZero(node: INode, kernel: number, stride: number, pad: number): boolean {
    const last = this.layers.at(-1)?.spec.type;
    if (last === 'relu' || last === 'sigmoid') return true;
    const next = this.nodes[this.at + 1];
    const output = (node.output ?? [])[0] ?? '';
    if (next?.opType !== 'Max' || (next.input ?? []).length !== 2 || (next.input ?? [])[0] !== output) return false;
    const floorTensor = this.constants.get((next.input ?? [])[1] ?? '');
    if (!floorTensor) return false;
    const [, h, w] = this.shape as [number, number, number];
    const outH = Math.floor((h + 2 * pad - kernel) / stride) + 1;
    const outW = Math.floor((w + 2 * pad - kernel) / stride) + 1;
    const expected = paddingFloor(h, w, outH, outW, kernel, stride, pad);
    const found = this.floats(floorTensor, next, 'padding floor');
    if (found.length !== expected.length || found.some((v, i) => v !== expected[i])) return false;
    this.at++; // the Max is this pooling's zero padding
    return true;
  }

  private readPad(node: INode): void {
    const mode = this.stringAttr(node, 'mode', 'constant');
    if (mode !== 'constant') this.refuse(node, 'onnx.padMode', { mode });
    let pads: number[];
    let value = 0;
    if (this.opset < 11) {
      pads = this.intsAttr(node, 'pads') ?? [];
      value = this.floatAttr(node, 'value', 0);
    } else {
      pads = this.ints(this.constant(node, 1, 'pads'), node);
      if ((node.input ?? [])[2]) value = this.floats(this.constant(node, 2, 'padding value'), node, 'padding value')[0] ?? 0;
      if ((node.input ?? [])[3]) this.refuse(node, 'onnx.padAxes');
    }
    if (value !== 0) this.refuse(node, 'onnx.padValue', { value: String(value) });
    const rank = this.shape.length + 1;
    if (pads.length !== 2 * rank) this.refuse(node, 'onnx.padCount', { count: pads.length, rank });
    const spatial = rank === 4 ? [pads[2], pads[3], pads[6], pads[7]] : [];
    const others = rank === 4 ? [pads[0], pads[1], pads[4], pads[5]] : pads;
    if (others.some((p) => p !== 0)) this.refuse(node, 'onnx.padBatch');
    if (spatial.some((p) => p !== spatial[0])) this.refuse(node, 'onnx.padsUneven', { pads: spatial.join(', ') });
    this.pendingPad += spatial[0] ?? 0;
    if (this.pendingPad === 0) return; // padding by nothing: nothing to carry
    const next = this.nodes[this.at + 1];
    if (!next || !['Conv', 'MaxPool', 'AveragePool'].includes(next.opType ?? '')) this.refuse(node, 'onnx.padNothingNext');
  }

  private readBatchNorm(node: INode): void {
    if (this.intAttr(node, 'training_mode', 0) !== 0) this.refuse(node, 'onnx.trainingMode');
    const epsilon = this.floatAttr(node, 'epsilon', 1e-5);
    const channels = this.shape[0]!;
    const read = (index: number, what: string) => {
      const values = this.floats(this.constant(node, index, what), node, what);
      if (values.length !== channels) this.refuse(node, 'onnx.batchNormValues', { count: values.length, what, channels });
      return values;
    };
    const [gamma, beta, mean, variance] = [read(1, 'scale'), read(2, 'bias'), read(3, 'mean'), read(4, 'variance')];
    // (x − μ)/√(σ² + ε) is the same number as (x − μ)/√((σ² + ε − ε_book) + ε_book); the book's own
    // epsilon, stored as a float32 (9.99999997e-7), is the book's
    const own = Math.fround(epsilon) === Math.fround(BOOK_BATCHNORM_EPS);
    const folded = Float64Array.from(variance, (v) => (own ? v : v + epsilon - BOOK_BATCHNORM_EPS));
    if (folded.some((v) => v < 0)) this.refuse(node, 'onnx.epsilonSmall', { epsilon: String(epsilon) });
    // the book normalises every value of an image on its own: a channel's statistics go to each of its values
    const perValue = this.shape.length === 3 ? sizeOf(this.shape.slice(1)) : 1;
    const spread = (values: ArrayLike<number>) => Float64Array.from({ length: channels * perValue }, (_, i) => values[Math.floor(i / perValue)]!);
    this.push({ type: 'batchnorm' }, { gamma: spread(gamma), beta: spread(beta), running_mean: spread(mean), running_var: spread(folded) });
  }

  private readReshape(node: INode): void {
    const target = this.ints(this.constant(node, 1, 'shape'), node);
    const values = sizeOf(this.shape);
    const last = target.at(-1);
    if (target.length === 2 && [-1, 0].includes(target[0]!) && (last === values || last === -1)) {
      if (this.shape.length > 1) this.push({ type: 'flatten' });
      return;
    }
    // The lab's own export flattens an image around a BatchNorm and shapes it back: the lab's BatchNorm
    // already normalises every value of an image on its own, so the Flatten before it is undone here.
    const perSample = target.slice(1);
    const flattenAt = this.layers.map((l) => l.spec.type).lastIndexOf('flatten');
    const between = this.layers.slice(flattenAt + 1);
    const undoes =
      target.length === 4 &&
      [-1, 0].includes(target[0]!) &&
      flattenAt >= 0 &&
      formatShape(perSample) === formatShape(this.layers[flattenAt]!.input) &&
      between.every((l) => ['batchnorm', 'relu', 'sigmoid', 'tanh', 'leaky-relu', 'dropout'].includes(l.spec.type));
    if (!undoes) this.refuse(node, 'onnx.reshape', { shape: formatShape(this.shape), target: target.join(', ') });
    const image = this.layers[flattenAt]!.input;
    this.layers.splice(flattenAt, 1);
    for (const l of between) l.input = image;
    this.shape = image;
  }

  private readMul(node: INode): void {
    const factor = this.constants.get((node.input ?? [])[1] ?? '');
    const scale = factor ? this.floats(factor, node, 'factor') : null;
    // the book's dropout at inference keeps every value and scales it by (1 − ratio)
    if (!scale || scale.length !== 1 || !(scale[0]! > 0 && scale[0]! <= 1)) this.refuse(node, 'onnx.mulFactor');
    // the file holds float32(0.7) = 0.69999999…: its shortest decimal gives back the ratio the lab wrote
    this.push({ type: 'dropout', ratio: Number((1 - shortestFloat32(scale[0]!)).toPrecision(12)) });
  }

  // ----- attributes -----

  private attribute(node: INode, name: string): onnxProto.onnx.IAttributeProto | undefined {
    return (node.attribute ?? []).find((a) => a.name === name);
  }

  private intAttr(node: INode, name: string, fallback: number): number {
    const a = this.attribute(node, name);
    return a ? Number(a.i ?? 0) : fallback;
  }

  private floatAttr(node: INode, name: string, fallback: number): number {
    const a = this.attribute(node, name);
    return a ? (a.f ?? 0) : fallback;
  }

  private intsAttr(node: INode, name: string): number[] | undefined {
    const a = this.attribute(node, name);
    return a ? (a.ints ?? []).map(Number) : undefined;
  }

  private stringAttr(node: INode, name: string, fallback: string): string {
    const a = this.attribute(node, name);
    return a?.type === AttrType.STRING && a.s ? Buffer.from(a.s).toString('utf8').slice(0, 40) : fallback;
  }

  // ----- tensors -----

  /**
   * Refuses, before a value is read, a tensor kept in another file or claiming more values than the lab
   * takes; `who` is an initializer (its name) or a Constant node (its place in the graph).
   */
  private checkTensor(tensor: ITensor, who: { name: string } | { at: number; op: string }): void {
    const initializer = 'name' in who;
    if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (tensor.externalData ?? []).length > 0) {
      const location = (tensor.externalData ?? []).find((e) => e.key === 'location')?.value;
      const shown = location ? ` ("${location.slice(0, 60)}")` : '';
      throw labError('file', initializer ? 'onnx.initializerExternal' : 'onnx.constantExternal', { ...who, location: shown });
    }
    const dims = dimsOf(tensor);
    if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
      throw labError('file', initializer ? 'onnx.initializerNotShape' : 'onnx.constantNotShape', { ...who, dims: dims.join(', ') });
    const count = dims.reduce((a, b) => a * b, 1);
    if (count > MAX_PARAMETERS) {
      // written out in English digits, as the lab's other limits are (the number stays one word in either language)
      const values = { ...who, count: count.toLocaleString('en-US'), max: MAX_PARAMETERS.toLocaleString('en-US') };
      throw labError('file', initializer ? 'onnx.initializerTooMany' : 'onnx.constantTooMany', values);
    }
  }

  /** A float tensor's values as float32, after its length is checked against its shape. */
  private floats(tensor: ITensor, node: INode, what: string): Float32Array {
    const count = dimsOf(tensor).reduce((a, b) => a * b, 1);
    const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : null;
    const bytesPer = tensor.dataType === DataType.FLOAT ? 4 : tensor.dataType === DataType.DOUBLE ? 8 : 0;
    if (bytesPer === 0) this.refuse(node, 'onnx.notFloat', { what, ...dataType(tensor.dataType) });
    const listed = bytesPer === 4 ? (tensor.floatData ?? []) : (tensor.doubleData ?? []);
    const found = raw ? raw.length / bytesPer : listed.length;
    if (found !== count) this.refuse(node, 'onnx.valuesCount', { what, shape: formatShape(dimsOf(tensor)), count, found });
    const out = new Float32Array(count);
    if (raw) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < count; i++) out[i] = bytesPer === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
    } else {
      for (let i = 0; i < count; i++) out[i] = listed[i]!;
    }
    for (let i = 0; i < count; i++)
      if (!Number.isFinite(out[i]!) && what !== 'padding floor') this.refuse(node, 'onnx.notFinite', { what, index: i, value: String(out[i]) });
    return out;
  }

  private ints(tensor: ITensor, node: INode): number[] {
    const count = dimsOf(tensor).reduce((a, b) => a * b, 1);
    if (count > 64) this.refuse(node, 'onnx.tooManyInts', { count });
    const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : null;
    if (tensor.dataType === DataType.INT64) {
      if (raw) {
        if (raw.length !== count * 8) this.refuse(node, 'onnx.intsLength');
        const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        return Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true)));
      }
      const listed = (tensor.int64Data ?? []).map(Number);
      if (listed.length !== count) this.refuse(node, 'onnx.intsLength');
      return listed;
    }
    if (tensor.dataType === DataType.INT32) {
      const listed = raw
        ? Array.from({ length: raw.length / 4 }, (_, i) => new DataView(raw.buffer, raw.byteOffset).getInt32(i * 4, true))
        : (tensor.int32Data ?? []);
      if (listed.length !== count) this.refuse(node, 'onnx.intsLength');
      return listed;
    }
    this.refuse(node, 'onnx.notInts', dataType(tensor.dataType));
  }
}

/** A float32 setting (alpha 0.05 is stored as 0.0500000007…) as the shortest decimal that is the same float32. */
function shortestFloat32(value: number): number {
  for (let digits = 6; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return candidate;
  }
  return value;
}

function dimsOf(tensor: ITensor): number[] {
  return (tensor.dims ?? []).map(Number);
}

function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}

/** A tensor's data type as TensorProto names it, in lower case ("int64"); the table says it in words ("int64 values"). */
function dataType(type: number | null | undefined): { dtype: string } {
  const name = type === null || type === undefined ? undefined : (DataType as unknown as Record<number, string>)[type];
  return { dtype: name ? name.toLowerCase() : 'unknown' };
}

function parseClassNames(text: string | undefined): string[] | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}
