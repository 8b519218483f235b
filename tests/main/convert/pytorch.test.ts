// The generated PyTorch program, run by Debian's PyTorch: model.py loads weights.json and must give the
// lab's probabilities (within 1e-5) and accuracy on the bundled test digits, for every preset and for
// the stack with every layer kind.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPytorch, PYTORCH_MODEL_FILE, PYTORCH_WEIGHTS_FILE } from '../../../main/convert/pytorch';
import { available, PYTHON, pythonTorch } from '../../requirements';
import { accuracyOf, maxAbsDifference, testDigits, trainedModels, type TrainedModel } from './trained';

describe.skipIf(!available(pythonTorch()))('PyTorch export, run by PyTorch', () => {
  let models: TrainedModel[] = [];
  let digits: Awaited<ReturnType<typeof testDigits>>;
  const dir = mkdtempSync(join(tmpdir(), 'dlab-pytorch-'));
  const inputs = join(dir, 'inputs.json');

  beforeAll(async () => {
    models = await trainedModels();
    digits = await testDigits();
    writeFileSync(inputs, JSON.stringify({ shape: digits.x.shape, data: Array.from(digits.x.data), labels: Array.from(digits.labels) }));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(model: TrainedModel, folder: string): string {
    const out = join(dir, folder);
    mkdirSync(out);
    const { model: program, weights } = exportPytorch(model.network, { runId: 1 }, model.name);
    writeFileSync(join(out, PYTORCH_MODEL_FILE), program);
    writeFileSync(join(out, PYTORCH_WEIGHTS_FILE), weights);
    return join(out, PYTORCH_MODEL_FILE);
  }

  it("model.py gives the lab's probabilities within 1e-5 and its accuracy, for every preset and every layer kind", () => {
    const table: string[] = [];
    models.forEach((model, i) => {
      const script = write(model, `model-${i}`);
      const run = spawnSync(PYTHON, [script, inputs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(run.stderr, model.name).toBe('');
      const result = JSON.parse(run.stdout) as { probabilities: number[]; predicted: number[]; accuracy: number };
      const lab = model.network.probabilities(digits.x).data;
      const difference = maxAbsDifference(lab, result.probabilities);
      const torchAccuracy = result.predicted.filter((p, r) => p === digits.labels[r]).length / digits.labels.length;
      table.push(
        `${model.name}: max |Δp| ${difference.toExponential(2)}, accuracy lab ${accuracyOf(lab, digits.labels).toFixed(4)} PyTorch ${torchAccuracy.toFixed(4)}`,
      );
      expect(difference, model.name).toBeLessThan(1e-5);
      expect(torchAccuracy, model.name).toBe(accuracyOf(lab, digits.labels));
      expect(result.accuracy, model.name).toBeCloseTo(torchAccuracy, 6); // its own figure, in float32
    });
    process.stdout.write(`PyTorch model.py vs lab on ${digits.labels.length} test digits:\n  ${table.join('\n  ')}\n`);
  }, 300_000);

  it('runs with no argument: prints the model, its parameter count and one prediction', () => {
    const run = spawnSync(PYTHON, [write(models[3]!, 'plain')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Conv2d\(1, 30, kernel_size=\(5, 5\)/);
    expect(run.stdout).toMatch(new RegExp(`^${models[3]!.network.plan.paramCount} parameters$`, 'm'));
  }, 60_000);
});
