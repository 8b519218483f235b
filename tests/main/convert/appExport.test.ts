// The app's ONNX and PyTorch exports as the Weights page makes them: the lab's API (checked, as every
// door calls it) converts a weights file, and the Electron file door writes the ONNX model's base64 as
// the model's bytes — a file onnxruntime runs to the lab's probabilities — and model.py as text.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWeights, parseWeights, weightsToJson } from '../../../engine/weights';
import { checkedApi } from '../../../main/api/dispatch';
import { createLabService, type LabService } from '../../../main/api/service';
import { createFileDoors } from '../../../main/electron/fileDoors';
import { maxAbsDifference, runOnnx, testDigits, trainBriefly } from './trained';

describe("the Weights page's ONNX and PyTorch exports", () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-app-export-'));
  let service: LabService;
  beforeAll(async () => {
    service = await createLabService({ dbPath: ':memory:', workers: 1, appVersion: '0.1.0' });
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('save an ONNX model that onnxruntime runs to the lab probabilities, and model.py beside weights.json', async () => {
    const { network } = await trainBriefly('SimpleConvNet', [
      { type: 'conv', filters: 6, kernel: 5, init: 0.01 },
      { type: 'relu' },
      { type: 'pool', mode: 'max', size: 2, stride: 2 },
      { type: 'affine', units: 10, init: 0.01 },
      { type: 'softmax-with-loss' },
    ]);
    const text = weightsToJson(exportWeights(network, { runId: 4, experiment: 'SimpleConvNet' }));
    const api = checkedApi(service);
    const [onnxFile] = await api.convertWeights(text, 'onnx', 'simple-convnet');
    expect(onnxFile).toMatchObject({ name: 'simple-convnet.onnx', encoding: 'base64' });

    const saveTo = join(dir, 'chosen.onnx');
    const doors = createFileDoors({ chooseFileToOpen: async () => null, chooseFileToSave: async () => saveTo, chooseYourData: async () => null });
    expect(await doors.saveTextFile('onnx', onnxFile!.name, onnxFile!.contents)).toBe(saveTo);
    const digits = await testDigits();
    const x = { data: digits.x.data.subarray(0, 100 * 784), shape: [100, 1, 28, 28] };
    const ort = await runOnnx(readFileSync(saveTo), x);
    expect(maxAbsDifference(ort, network.probabilities(digits.x).data.subarray(0, 1000))).toBeLessThan(1e-5);

    const pytorch = await api.convertWeights(text, 'pytorch');
    expect(pytorch.map((f) => [f.name, f.encoding])).toEqual([
      ['model.py', 'utf8'],
      ['weights.json', 'utf8'],
    ]);
    expect(pytorch[0]!.contents).toMatch(/nn\.Conv2d\(1, 6, kernel_size=5, stride=1, padding=0\)/);
  }, 120_000);

  it('open an ONNX model: the door reads its bytes as base64 and the API makes it a weights file the page opens', async () => {
    const path = new URL('../../fixtures/onnx/torch-mlp.onnx', import.meta.url).pathname;
    const doors = createFileDoors({ chooseFileToOpen: async () => path, chooseFileToSave: async () => null, chooseYourData: async () => null });
    const opened = (await doors.openTextFile('onnx'))!;
    expect(opened.name).toBe('torch-mlp.onnx');
    expect(Buffer.from(opened.text, 'base64')).toEqual(readFileSync(path));
    const { weightsText, notes } = await checkedApi(service).importOnnx(opened.text, opened.name);
    const loaded = parseWeights(weightsText, opened.name);
    expect(loaded.plan.spec.layers.map((l) => l.type)).toEqual(['affine', 'batchnorm', 'leaky-relu', 'affine', 'sigmoid', 'affine', 'softmax-with-loss']);
    expect(loaded.file.meta).toMatchObject({ importedFrom: 'torch-mlp.onnx', opset: 13 });
    expect(notes).toEqual([]);
    // and a graph the lab cannot take comes back as the sentence, through the same door
    const cut = readFileSync(path).subarray(0, 1000).toString('base64');
    await expect(checkedApi(service).importOnnx(cut, 'cut.onnx')).rejects.toThrow(
      /^cut\.onnx is not a readable ONNX model — it is cut short or is not a protobuf at all/,
    );
  });

  it('refuse a weights file that is not one, in a sentence', async () => {
    await expect(checkedApi(service).convertWeights('{"format":"something else"}', 'onnx')).rejects.toThrow(
      'the weights: this is not a lab weights file ("format" should be "dlab-weights", found "something else").',
    );
    // a format the API does not offer is refused at the door
    await expect(checkedApi(service).convertWeights('{}', 'keras' as never)).rejects.toThrow(/format/);
  });
});
