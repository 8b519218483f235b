// ONNX in: the lab's own exports come back as the same model and the same probabilities; models made and
// trained in PyTorch and exported with torch.onnx.export (scripts/make-torch-fixtures.py) import and give
// onnxruntime's and PyTorch's probabilities; a graph the lab cannot express and malformed or hostile
// files are refused in one sentence naming the node or the file.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { sayRefusal } from '../../../main/cli/language';
import { exportOnnx } from '../../../main/convert/onnxExport';
import { importOnnx, type ImportedOnnx } from '../../../main/convert/onnxImport';
import { available, PYTHON, pythonTorch } from '../../requirements';
import { accuracyOf, maxAbsDifference, runOnnx, testDigits, trainedModels, type TrainedModel } from './trained';

const { onnx } = onnxProto;
const fixtures = new URL('../../fixtures/onnx/', import.meta.url).pathname;
const torchModels = ['torch-convnet', 'torch-mlp'] as const;
let models: TrainedModel[] = [];
let digits: Awaited<ReturnType<typeof testDigits>>;

beforeAll(async () => {
  models = await trainedModels();
  digits = await testDigits();
}, 300_000);

/** The sentence a refused import gives (and that it is a LabError of kind 'file'). */
function refusal(bytes: Uint8Array, name = 'model.onnx'): string {
  try {
    importOnnx(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('file');
    return (error as LabError).message;
  }
  throw new Error('the import was not refused');
}

/** Layers as compared: without their initialisation (an import has none to know), and without a flatten right before an affine layer, which flattens by itself (the same model either way). */
const comparable = (layers: { type: string }[]) =>
  layers
    .filter((l, i) => !(l.type === 'flatten' && layers[i + 1]?.type === 'affine'))
    .map((l) => Object.fromEntries(Object.entries(l).filter(([k]) => k !== 'init')));

describe("the lab's own ONNX exports, imported back", () => {
  it('give the same layers and the same probabilities for every preset and every layer kind', () => {
    for (const { name, network } of models) {
      const imported = importOnnx(exportOnnx(network), `${name}.onnx`);
      expect(comparable(imported.plan.spec.layers), name).toEqual(comparable(network.plan.spec.layers));
      const difference = maxAbsDifference(imported.network.probabilities(digits.x).data, network.probabilities(digits.x).data);
      expect(difference, name).toBeLessThan(1e-6);
    }
  });

  it('keep the class names and say where the model came from', () => {
    const names = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const imported = importOnnx(exportOnnx(models[0]!.network, { classNames: names, producerVersion: '0.1.0' }), 'digits.onnx');
    expect(imported.file.meta).toMatchObject({ classNames: names, importedFrom: 'digits.onnx', producer: 'Deep Learning Lab 0.1.0', opset: 13 });
  });
});

describe('models made in PyTorch (tests/fixtures/onnx, from scripts/make-torch-fixtures.py)', () => {
  const imported = new Map<string, ImportedOnnx>();
  beforeAll(() => {
    for (const name of torchModels) imported.set(name, importOnnx(readFileSync(join(fixtures, `${name}.onnx`)), `${name}.onnx`));
  });

  it('import as the layers torch wrote: BatchNorm folded into the convolution, Pad merged into pooling, MatMul + Add as one affine layer', () => {
    expect(imported.get('torch-convnet')!.plan.spec.layers.map((l) => l.type)).toEqual([
      'conv',
      'relu',
      'pool',
      'conv',
      'relu',
      'pool',
      'affine',
      'tanh',
      'affine',
      'softmax-with-loss',
    ]);
    expect(imported.get('torch-mlp')!.plan.spec.layers.map((l) => l.type)).toEqual([
      'affine',
      'batchnorm',
      'leaky-relu',
      'affine',
      'sigmoid',
      'affine',
      'softmax-with-loss',
    ]);
  });

  it("give onnxruntime's probabilities for the same file within 1e-5, and its accuracy", async () => {
    for (const name of torchModels) {
      const lab = imported.get(name)!.network.probabilities(digits.x).data;
      const ort = await runOnnx(readFileSync(join(fixtures, `${name}.onnx`)), digits.x);
      expect(maxAbsDifference(lab, ort), name).toBeLessThan(1e-5);
      expect(accuracyOf(lab, digits.labels), name).toBe(accuracyOf(ort, digits.labels));
    }
  });

  describe.skipIf(!available(pythonTorch()))('made afresh by the script, with PyTorch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-torch-fixtures-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("import and give PyTorch's own probabilities within 1e-5, and its accuracy", () => {
      const script = new URL('../../../scripts/make-torch-fixtures.py', import.meta.url).pathname;
      const run = spawnSync(PYTHON, [script, '--out', dir], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const table: string[] = [];
      for (const name of torchModels) {
        const torch = JSON.parse(readFileSync(join(dir, `${name}.probabilities.json`), 'utf8')) as { accuracy: number; probabilities: number[] };
        const lab = importOnnx(readFileSync(join(dir, `${name}.onnx`)), `${name}.onnx`).network.probabilities(digits.x).data;
        const difference = maxAbsDifference(lab, torch.probabilities);
        table.push(
          `${name}: max |Δp| ${difference.toExponential(2)}, accuracy lab ${accuracyOf(lab, digits.labels).toFixed(4)} PyTorch ${accuracyOf(torch.probabilities, digits.labels).toFixed(4)}`,
        );
        expect(difference, name).toBeLessThan(1e-5);
        expect(accuracyOf(lab, digits.labels), name).toBe(accuracyOf(torch.probabilities, digits.labels));
      }
      process.stdout.write(`PyTorch → ONNX → lab on ${digits.labels.length} test digits:\n  ${table.join('\n  ')}\n`);
    }, 120_000);
  });
});

describe('graphs the lab cannot express', () => {
  const edit = (change: (model: onnxProto.onnx.ModelProto) => void): Uint8Array => {
    const model = onnx.ModelProto.decode(readFileSync(join(fixtures, 'torch-convnet.onnx')));
    change(model);
    return onnx.ModelProto.encode(model).finish();
  };
  const nodes = (model: onnxProto.onnx.ModelProto) => model.graph!.node!;

  it('are refused naming the first node it cannot take and why: the op', () => {
    const message = refusal(edit((m) => void (nodes(m)[1]!.opType = 'Elu')));
    expect(message).toMatch(/^model\.onnx: node 2 \(Elu "\/2\/Relu"\) is an operator the lab cannot express/);
  });

  it('an attribute: a grouped convolution, dilations', () => {
    const grouped = refusal(edit((m) => void (nodes(m)[3]!.attribute!.find((a) => a.name === 'group')!.i = 2)));
    expect(grouped).toMatch(/node 4 \(Conv "\/4\/Conv"\) is a grouped convolution \(group 2\)/);
    const dilated = refusal(edit((m) => void (nodes(m)[0]!.attribute!.find((a) => a.name === 'dilations')!.ints = [2, 2])));
    expect(dilated).toMatch(/node 1 \(Conv "\/0\/Conv"\) has dilations 2, 2/);
  });

  it('a shape: a Reshape that does not flatten, and a MaxPool whose −∞ padding would meet negative values', () => {
    const shape = refusal(
      edit((m) => {
        const flatten = nodes(m).findIndex((n) => n.opType === 'Flatten');
        m.graph!.initializer!.push({ name: 'odd_shape', dims: [3], dataType: onnx.TensorProto.DataType.INT64, int64Data: [-1, 8, 18] });
        nodes(m)[flatten] = { opType: 'Reshape', name: 'reshape', input: [nodes(m)[flatten]!.input![0]!, 'odd_shape'], output: nodes(m)[flatten]!.output };
      }),
    );
    expect(shape).toMatch(/node 9 \(Reshape "reshape"\) reshapes 16×3×3 values per sample to \[-1, 8, 18\]; the lab reshapes only to flatten/);
    const padded = refusal(
      edit((m) => {
        nodes(m).splice(1, 1); // the ReLU before the max pooling goes: its input can now be negative
        nodes(m)[1]!.input = [nodes(m)[0]!.output![0]!];
        nodes(m)[1]!.attribute!.find((a) => a.name === 'pads')!.ints = [1, 1, 1, 1];
      }),
    );
    expect(padded).toMatch(/node 2 \(MaxPool "\/3\/MaxPool"\) pads with −∞ where the lab pads with zeros/);
  });

  it('a layer the graph builds that cannot work: the node, then the layer’s own reason, in English and in Korean', () => {
    let said: LabError['said'];
    const message = (() => {
      try {
        importOnnx(
          edit((m) => {
            const pool = nodes(m).find((n) => n.opType === 'MaxPool')!;
            pool.attribute!.find((a) => a.name === 'strides')!.ints = [3, 3];
          }),
          'model.onnx',
        );
      } catch (error) {
        expect(error).toBeInstanceOf(LabError);
        said = (error as LabError).said;
        return (error as LabError).message;
      }
      throw new Error('the import was not refused');
    })();
    expect(message).toMatch(/^model\.onnx: node \d+ \(MaxPool "[^"]+"\) makes a pool layer that cannot work — Layer \d+ \(pool\): .+[^.]\.$/);
    expect(said?.code).toBe('onnx.layerCannotWork');
    // as the doors say it (the CLI under a Korean locale, the app in Korean): the layer by its Korean name
    const korean = sayRefusal('ko', message, said);
    expect(korean).toMatch(/^model\.onnx: 노드 \d+\(MaxPool "[^"]+"\): 동작할 수 없는 풀링 계층을 만듭니다 — 3번째 계층\(풀링\): 출력 높이가 .+[^.]\.$/);
    expect(korean).not.toMatch(/cannot work|Layer \d|\(이\/가\)/);
  });
});

describe('malformed and hostile files', () => {
  const convnet = () => readFileSync(join(fixtures, 'torch-convnet.onnx'));

  it('a truncated file', () => {
    const bytes = convnet();
    expect(refusal(bytes.subarray(0, Math.floor(bytes.length / 2)))).toMatch(
      /^model\.onnx is not a readable ONNX model — it is cut short or is not a protobuf at all \(/,
    );
  });

  it('a file that is not ONNX at all (text, and protobuf of something else)', () => {
    expect(refusal(Buffer.from('{"format": "dlab-weights"'))).toMatch(/not a readable ONNX model|not an ONNX model/);
    expect(refusal(Buffer.from([0x08, 0x96, 0x01]))).toBe('model.onnx is not an ONNX model: it has no graph and no IR version.');
  });

  it('a tensor claiming 10⁹ elements is refused by its claim, before anything of its size is allocated', () => {
    const model = onnx.ModelProto.decode(convnet());
    model.graph!.initializer![0]!.dims = [1000, 1000, 1000];
    const before = process.memoryUsage().arrayBuffers;
    const message = refusal(onnx.ModelProto.encode(model).finish());
    expect(message).toMatch(/initializer "[^"]+" claims 1,000,000,000 values; the lab takes at most 50,000,000 in a model\.$/);
    // refused from its 26 kB, not after allocating 4 GB for the claim
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a tensor whose data does not match its shape', () => {
    const model = onnx.ModelProto.decode(convnet());
    const weights = model.graph!.initializer!.find((t) => t.name === model.graph!.node![0]!.input![1])!;
    weights.rawData = weights.rawData!.subarray(0, 100);
    expect(refusal(onnx.ModelProto.encode(model).finish())).toMatch(/node 1 \(Conv "\/0\/Conv"\) has filters of shape 8×1×3×3 \(72 values\) but holds 25\.$/);
  });

  it('external data: a reference to another file is refused, never opened', () => {
    const model = onnx.ModelProto.decode(convnet());
    const weights = model.graph!.initializer![0]!;
    weights.rawData = new Uint8Array(0);
    weights.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    weights.externalData = [
      { key: 'location', value: '../../../../etc/passwd' },
      { key: 'length', value: '288' },
    ];
    expect(refusal(onnx.ModelProto.encode(model).finish())).toMatch(
      /keeps its values in another file \("\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd"\) \(external data\), which the lab does not open\.$/,
    );
  });

  it('a graph with two inputs, or whose output is not the end of the chain', () => {
    const model = onnx.ModelProto.decode(convnet());
    model.graph!.input!.push({ ...model.graph!.input![0]!, name: 'second' });
    expect(refusal(onnx.ModelProto.encode(model).finish())).toBe('model.onnx: the lab takes a graph with one input, and this one has 2.');
  });
});

describe('files built to exhaust the reader', () => {
  /** A varint's bytes. */
  const varint = (n: number): number[] => {
    const out: number[] = [];
    for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
    out.push(n);
    return out;
  };

  /**
   * Length-delimited fields nested inside each other, `fields` from the outside in, with nothing after
   * the innermost: the bytes are just every header, outermost first, each length covering all below it.
   */
  const nested = (fields: number[]): Uint8Array => {
    const headers: number[][] = new Array(fields.length);
    let inner = 0;
    for (let i = fields.length - 1; i >= 0; i--) {
      headers[i] = [(fields[i]! << 3) | 2, ...varint(inner)];
      inner += headers[i]!.length;
    }
    return Uint8Array.from(headers.flat());
  };

  it('graphs nested 20,000 deep inside node attributes are refused in a sentence, not a crash', () => {
    // ModelProto.graph → GraphProto.node → NodeProto.attribute → AttributeProto.g → GraphProto.node → …
    const path = [7, ...Array.from({ length: 20_000 }, () => [1, 5, 6]).flat()];
    const bytes = Uint8Array.from([0x08, 0x08, ...nested(path)]); // ir_version 8, then the graph
    expect(refusal(bytes)).toMatch(/^model\.onnx (is not a readable ONNX model — .*\(it is nested too deeply\)|: )/);
  });

  it('200,000 nodes that each only pass their input on are read in one pass and refused for what they lack', () => {
    const nodes = Array.from({ length: 200_000 }, (_, i) => ({ opType: 'Dropout', input: [i === 0 ? 'input' : `v${i - 1}`], output: [`v${i}`] }));
    const bytes = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ version: 13 }],
      graph: {
        node: nodes,
        input: [{ name: 'input', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 4 }] } } } }],
        output: [{ name: 'v199999' }],
      },
    }).finish();
    expect(refusal(bytes)).toBe('model.onnx: The stack has nothing to learn: add an affine or convolution layer.');
  });
});
