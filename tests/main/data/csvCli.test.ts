// `dlab datasets csv:FILE`, `dlab train` and `dlab evaluate` on CSV tables: on our own fruit.csv always,
// and on real data — scikit-learn's iris.csv, whose first line is scikit-learn's own form, recognised
// and said — when Debian's python3-sklearn is installed (skipped loudly otherwise; CI requires it).

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/dlab';
import { available, sklearnData, SKLEARN_DATA_DIR } from '../../requirements';
import { io } from '../cliIo';

const FRUIT = new URL('./fruit.csv', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-csv-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function dlab(...argv: string[]) {
  const capture = io();
  const status = await runCli(argv, capture);
  return { status, out: capture.out, err: capture.err };
}

/** The MLP a learner would build for a small table: Affine 10 → ReLU → Affine → softmax, standardized features. */
function mlp(source: string, features: number, classes: number) {
  return {
    format: 'dlab-experiment',
    version: 1,
    name: 'table MLP',
    model: {
      input: [features],
      layers: [{ type: 'affine', units: 10, init: 'he' }, { type: 'relu' }, { type: 'affine', units: classes, init: 'xavier' }, { type: 'softmax-with-loss' }],
    },
    data: { source, csv: { scaling: 'standardize' } },
    training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 50, seed: 1 },
  };
}

describe('dlab datasets csv:FILE', () => {
  it('lists the columns with their types and roles, the classes with their counts, and the dataset it makes', async () => {
    const r = await dlab('datasets', `csv:${FRUIT}`, '--one-hot', 'colour');
    expect(r.status).toBe(0);
    expect(r.out).toContain('delimiter semicolon (detected); a header row (detected)');
    expect(r.out).toMatch(/colour\s+text\s+one-hot\s+4\s+0/);
    expect(r.out).toMatch(/kind\s+text\s+label\s+3\s+0/);
    expect(r.out).toContain('label column "kind" (the last column): 3 classes — apple 30, lemon 30, plum 30');
    expect(r.out).toContain('input 6, 72 training rows, 18 test rows');
  });

  it('shows a table it cannot train on as set, then the sentence why, with exit status 1', async () => {
    const r = await dlab('datasets', `csv:${FRUIT}`, '--json');
    expect(r.status).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary.rows).toBe(90);
    expect(summary.dataset).toBeNull();
    expect(r.err).toBe('fruit.csv row 2, column "colour": "red" is not a number; a feature column must hold numbers (or choose one-hot for a text column).\n');
  });

  it('refuses a CSV option without a csv: source, and a delimiter it does not know', async () => {
    expect((await dlab('datasets', '--label', 'kind')).err).toContain('The CSV options describe a csv: source');
    expect((await dlab('datasets', `csv:${FRUIT}`, '--delimiter', 'pipe')).err).toContain('--delimiter must be comma, semicolon or tab, not "pipe".');
  });
});

describe.skipIf(!available(sklearnData()))("scikit-learn's iris.csv, real data", () => {
  const IRIS = join(SKLEARN_DATA_DIR, 'iris.csv');

  it("recognises scikit-learn's first line and says so", async () => {
    const r = await dlab('datasets', `csv:${IRIS}`);
    expect(r.status).toBe(0);
    expect(r.out).toContain(
      "its first line is scikit-learn's own (150 samples, 4 features, class names setosa, versicolor, virginica), recognised and read as such",
    );
    expect(r.out).toContain('label column "target" (found by its name): 3 classes — setosa 50, versicolor 50, virginica 50');
  });

  it("an MLP of 10 hidden units learns it: exact seeded metrics on one and two workers, and evaluate reads new rows with the weights file's scaling", async () => {
    writeFileSync(join(dir, 'iris.dlab.json'), JSON.stringify(mlp(`csv:${IRIS}`, 4, 3)));
    const weights = join(dir, 'iris.weights.json');
    for (const workers of ['1', '2']) {
      const r = await dlab('train', join(dir, 'iris.dlab.json'), '--json', '--workers', workers, '--export', weights);
      expect(r.status).toBe(0);
      const done = JSON.parse(r.out.trim().split('\n').at(-1)!);
      expect(done).toMatchObject({ event: 'done', epochs: 50, iterations: 600, trainAcc: 117 / 120, testAcc: 30 / 30 });
      expect(done.testLoss).toBeCloseTo(0.0534337, 6);
    }
    // The table it trained on, unchanged: the run's own test split, as the run measured it.
    const own = await dlab('evaluate', weights, '--data', `csv:${IRIS}`, '--json');
    expect(JSON.parse(own.out)).toMatchObject({ accuracy: 30 / 30, correct: 30, count: 30 });
    // Another file (the same rows under another name): every row a test row, scaled with the statistics
    // of the 120 training rows the weights file carries, classes in the network's order.
    copyFileSync(IRIS, join(dir, 'new-flowers.csv'));
    const fresh = await dlab('evaluate', weights, '--data', `csv:${join(dir, 'new-flowers.csv')}`, '--json');
    expect(JSON.parse(fresh.out)).toMatchObject({ accuracy: 147 / 150, correct: 147, count: 150 });
  });
});
