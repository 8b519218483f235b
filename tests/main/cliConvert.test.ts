// dlab convert, run in process as a user runs it: a stored run to ONNX (its provenance inside) and to
// PyTorch, ONNX back into a lab weights file that dlab evaluate measures to the same accuracy, and
// every refusal one sentence with exit status 2 — a graph the lab cannot take, a 500 MB file (refused
// by its size, never read), a wrong --to.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/dlab';
import type { CliIo } from '../../main/cli/io';
import { runOnnx } from './convert/trained';

const { onnx } = onnxProto;
const fixtures = new URL('../fixtures/onnx/', import.meta.url).pathname;

async function dlab(...argv: string[]) {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stderrIsTTY: false,
    columns: 80,
    now: () => performance.now(),
    cancelled: { value: false },
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
  };
  const status = await runCli(argv, io);
  return { status, out: io.out, err: io.err };
}

const experiment = {
  format: 'dlab-experiment',
  version: 1,
  name: 'xor for export',
  model: {
    input: [2],
    layers: [{ type: 'affine', units: 8 }, { type: 'tanh' }, { type: 'dropout', ratio: 0.2 }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }],
  },
  data: { source: 'xor', samples: 200, noise: 0.05 },
  training: { optimizer: { type: 'sgd', lr: 0.5 }, batchSize: 20, epochs: 3, seed: 5 },
};

describe('dlab convert', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-convert-'));

  it('writes a stored run as ONNX with its provenance, as PyTorch, and as a weights file', async () => {
    const db = join(dir, 'lab.sqlite');
    writeFileSync(join(dir, 'xor.dlab.json'), JSON.stringify(experiment));
    const trained = await dlab('train', join(dir, 'xor.dlab.json'), '--db', db, '--workers', '1', '--export', join(dir, 'xor.weights.json'));
    expect(trained.status, trained.err).toBe(0);

    const toOnnx = await dlab('convert', 'run:1', '--db', db, '--to', 'onnx', '--out', join(dir, 'xor.onnx'));
    expect(toOnnx.status, toOnnx.err).toBe(0);
    expect(toOnnx.out).toMatch(/^wrote .*xor\.onnx \(5 layers, 42 parameters\)\n$/);
    const model = onnx.ModelProto.decode(readFileSync(join(dir, 'xor.onnx')));
    const props = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(props).toMatchObject({ 'dlab.runId': '1', 'dlab.experiment': 'xor for export', 'dlab.data': 'xor', 'dlab.seed': '5' });
    // it runs: one point in, two probabilities out
    const p = await runOnnx(readFileSync(join(dir, 'xor.onnx')), { data: [0.9, -0.8], shape: [1, 2] });
    expect(p[0]! + p[1]!).toBeCloseTo(1, 6);

    const toTorch = await dlab('convert', join(dir, 'xor.weights.json'), '--to', 'pytorch', '--out', join(dir, 'torch'));
    expect(toTorch.status, toTorch.err).toBe(0);
    expect(readFileSync(join(dir, 'torch', 'model.py'), 'utf8')).toMatch(/class BookDropout\(nn\.Module\)/);
    expect(JSON.parse(readFileSync(join(dir, 'torch', 'weights.json'), 'utf8')).format).toBe('dlab-weights');
  }, 120_000);

  it('brings a PyTorch-made ONNX model into the lab: dlab evaluate measures it', async () => {
    const out = join(dir, 'torch-mlp.weights.json');
    const r = await dlab('convert', join(fixtures, 'torch-mlp.onnx'), '--to', 'dlab', '--out', out);
    expect(r.status, r.err).toBe(0);
    const measured = await dlab('evaluate', out, '--data', 'mnist', '--json');
    expect(measured.status, measured.err).toBe(0);
    // the accuracy PyTorch measured when scripts/make-torch-fixtures.py made the file
    expect(JSON.parse(measured.out).accuracy).toBeCloseTo(0.7069, 4);
    // and the lab's form goes out again as ONNX
    expect((await dlab('convert', out, '--to', 'onnx', '--out', join(dir, 'again.onnx'))).status).toBe(0);
  }, 120_000);

  it('refuses in one sentence: a graph the lab cannot take, a 500 MB file (by its size), external data (from the bundled program too), a wrong --to, a missing --out', async () => {
    const model = onnx.ModelProto.decode(readFileSync(join(fixtures, 'torch-convnet.onnx')));
    model.graph!.node![1]!.opType = 'HardSwish';
    writeFileSync(join(dir, 'swish.onnx'), onnx.ModelProto.encode(model).finish());
    const swish = await dlab('convert', join(dir, 'swish.onnx'), '--to', 'dlab', '--out', join(dir, 'swish.json'));
    expect(swish.status).toBe(2);
    expect(swish.err).toMatch(/^swish\.onnx: node 2 \(HardSwish "\/2\/Relu"\) is an operator the lab cannot express \(it knows .*\)\.\n$/);
    expect(existsSync(join(dir, 'swish.json'))).toBe(false);

    // 500 MB that take no disk (a sparse file): refused by its size before a byte is read
    const huge = join(dir, 'huge.onnx');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 500 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().arrayBuffers;
    const big = await dlab('convert', huge, '--to', 'dlab', '--out', join(dir, 'huge.json'));
    expect(big.status).toBe(2);
    expect(big.err).toMatch(/huge\.onnx is 500(\.0)? MB; a lab file may be at most 256(\.0)? MB\.\n$/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);

    // the bundled program says the sentence and nothing else (no runtime warning from the protobuf reader)
    const external = onnx.ModelProto.decode(readFileSync(join(fixtures, 'torch-convnet.onnx')));
    Object.assign(external.graph!.initializer![0]!, { rawData: new Uint8Array(0), dataLocation: 1, externalData: [{ key: 'location', value: 'weights.bin' }] });
    writeFileSync(join(dir, 'external.onnx'), onnx.ModelProto.encode(external).finish());
    const bin = new URL('../../bin/dlab.js', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [bin, 'convert', join(dir, 'external.onnx'), '--to', 'dlab', '--out', join(dir, 'external.json')], {
      encoding: 'utf8',
    });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      '',
      'external.onnx: initializer "4.weight" keeps its values in another file ("weights.bin") (external data), which the lab does not open.\n',
    ]);

    const wrongTo = await dlab('convert', huge, '--to', 'keras', '--out', 'x');
    expect([wrongTo.status, wrongTo.err]).toEqual([2, 'dlab convert needs --to onnx|pytorch|dlab, not "keras".\n']);
    const noOut = await dlab('convert', huge, '--to', 'onnx');
    expect([noOut.status, noOut.err]).toEqual([2, 'dlab convert needs --out PATH (a file, or a folder for --to pytorch).\n']);
  });
});
