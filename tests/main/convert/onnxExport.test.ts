// The ONNX export checked by the real runtimes: onnxruntime-node runs every exported preset (and a stack
// with every layer kind) on the bundled test digits and must give the lab's probabilities within 1e-5
// and the same accuracy; Debian's onnx checker (full check, with shape inference) must accept each file.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from '../../../main/convert/onnxExport';
import { available, PYTHON, pythonOnnx } from '../../requirements';
import { accuracyOf, maxAbsDifference, runOnnx, testDigits, trainedModels, type TrainedModel } from './trained';

const { onnx } = onnxProto;
let models: TrainedModel[] = [];
let digits: Awaited<ReturnType<typeof testDigits>>;
const dir = mkdtempSync(join(tmpdir(), 'dlab-onnx-export-'));

beforeAll(async () => {
  models = await trainedModels();
  digits = await testDigits();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ONNX export, run by onnxruntime', () => {
  it('gives the lab probabilities within 1e-5 and the same accuracy for every preset and every layer kind', async () => {
    const table: string[] = [];
    for (const { name, network } of models) {
      const bytes = exportOnnx(network, { meta: { runId: 3, data: 'mnist' } });
      const lab = network.probabilities(digits.x).data;
      const ort = await runOnnx(bytes, digits.x);
      const difference = maxAbsDifference(lab, ort);
      const labAccuracy = accuracyOf(lab, digits.labels);
      table.push(
        `${name}: max |Δp| ${difference.toExponential(2)}, accuracy lab ${labAccuracy.toFixed(4)} onnxruntime ${accuracyOf(ort, digits.labels).toFixed(4)}`,
      );
      expect(difference, name).toBeLessThan(1e-5);
      expect(accuracyOf(ort, digits.labels), name).toBe(labAccuracy);
      // trained for real, well above chance (0.1): agreement is not two runtimes agreeing on noise
      expect(labAccuracy, name).toBeGreaterThan(0.3);
    }
    process.stdout.write(`ONNX export vs lab on ${digits.labels.length} test digits:\n  ${table.join('\n  ')}\n`);
  }, 300_000);

  it('names the input and output, leaves the batch dynamic and carries the provenance and class names', async () => {
    const { network } = models[0]!;
    const bytes = exportOnnx(network, {
      meta: { runId: 12, data: 'csv:flowers.csv', optimizer: { type: 'sgd', lr: 0.1 } },
      classNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
    });
    const model = onnx.ModelProto.decode(bytes);
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => Number(o.version))).toEqual([13]);
    const input = model.graph!.input![0]!;
    expect(input.name).toBe(ONNX_INPUT);
    expect(input.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 1, 28, 28]);
    expect(model.graph!.output![0]!.name).toBe(ONNX_OUTPUT);
    expect(model.graph!.output![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 10]);
    const props = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(props['dlab.runId']).toBe('12');
    expect(props['dlab.data']).toBe('csv:flowers.csv');
    expect(JSON.parse(props['dlab.optimizer']!)).toEqual({ type: 'sgd', lr: 0.1 });
    expect(JSON.parse(props['class_names']!)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    // the same graph runs any batch size: one digit, then three
    for (const n of [1, 3]) {
      const x = { data: digits.x.data.subarray(0, n * 784), shape: [n, 1, 28, 28] };
      expect((await runOnnx(bytes, x)).length).toBe(n * 10);
    }
  });

  describe.skipIf(!available(pythonOnnx()))("Debian's onnx checker", () => {
    it('accepts every export with full_check (shape inference included)', () => {
      const paths = models.map(({ name, network }, i) => {
        const path = join(dir, `model-${i}.onnx`);
        writeFileSync(path, exportOnnx(network, { meta: { model: name } }));
        return path;
      });
      const script =
        'import sys, onnx\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\nprint("checked", len(sys.argv) - 1)';
      const run = spawnSync(PYTHON, ['-c', script, ...paths], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(`checked ${models.length}`);
    });

    it('refuses a model with a broken graph, so its acceptance means something', () => {
      const model = onnx.ModelProto.decode(exportOnnx(models[0]!.network));
      model.graph!.node![0]!.input = ['no_such_value', ...model.graph!.node![0]!.input!.slice(1)];
      const path = join(dir, 'broken.onnx');
      writeFileSync(path, onnx.ModelProto.encode(model).finish());
      const run = spawnSync(PYTHON, ['-c', 'import sys, onnx\nonnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', path], { encoding: 'utf8' });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/no_such_value/);
    });
  });
});
