import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/dlab';
import { io } from './cliIo';

const root = new URL('../..', import.meta.url).pathname;
let dir: string;

async function dlab(...argv: string[]) {
  const capture = io();
  const status = await runCli(argv, capture);
  return { status, out: capture.out, err: capture.err, lines: capture.out.trim().split('\n') };
}

const spiral = {
  format: 'dlab-experiment',
  version: 1,
  name: 'spiral test',
  model: { input: [2], layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1 },
  training: { optimizer: { type: 'adam', lr: 0.05 }, batchSize: 30, epochs: 15, seed: 42 },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-cli-'));
  writeFileSync(join(dir, 'spiral.dlab.json'), JSON.stringify(spiral));
  writeFileSync(join(dir, 'diverge.dlab.json'), JSON.stringify({ ...spiral, training: { ...spiral.training, optimizer: { type: 'sgd', lr: 1e6 } } }));
  writeFileSync(
    join(dir, 'broken.dlab.json'),
    JSON.stringify({ ...spiral, model: { input: [2], layers: [{ type: 'conv', filters: 3, kernel: 3 }, { type: 'softmax-with-loss' }] } }),
  );
});

describe('dlab', () => {
  it('trains with --json: one object per epoch, then done; the seeded result is exact', async () => {
    const weights = join(dir, 'spiral.weights.json');
    const r = await dlab('train', join(dir, 'spiral.dlab.json'), '--json', '--export', weights, '--workers', '1');
    expect(r.status).toBe(0);
    const events = r.lines.map((l) => JSON.parse(l));
    expect(events.map((e) => e.event)).toEqual([...new Array(15).fill('epoch'), 'done']);
    expect(Object.keys(events[0])).toEqual(['event', 'epoch', 'trainLoss', 'trainAcc', 'testAcc', 'testLoss', 'seconds']);
    expect(events.at(-1)).toMatchObject({ event: 'done', epochs: 15, iterations: 120, trainAcc: 218 / 240, testAcc: 58 / 60, workers: 1, exported: weights });

    const evaluated = await dlab('evaluate', weights, '--data', 'spiral', '--json');
    expect(evaluated.status).toBe(0);
    expect(JSON.parse(evaluated.out)).toMatchObject({ data: 'spiral', split: 'test', accuracy: 58 / 60, correct: 58, count: 60 });
    // The training split, and both splits added up (test first), through the same API call.
    const measure = async (split: string) => JSON.parse((await dlab('evaluate', weights, '--data', 'spiral', '--split', split, '--json')).out);
    const [test, train, all] = [JSON.parse(evaluated.out), await measure('train'), await measure('all')];
    expect(train).toMatchObject({ split: 'train', accuracy: 218 / 240, correct: 218, count: 240 });
    expect(all).toMatchObject({ split: 'all', correct: 58 + 218, count: 300, accuracy: 276 / 300 });
    expect(all.loss).toBe((test.loss * 60 + train.loss * 240) / 300);
    const meta = JSON.parse(readFileSync(weights, 'utf8')).meta;
    expect(meta).toMatchObject({ experiment: 'spiral test', data: 'spiral', epochs: 15, seed: 42, testAcc: 58 / 60 });
  });

  it('--epochs and --seed override the experiment', async () => {
    const r = await dlab('train', join(dir, 'spiral.dlab.json'), '--json', '--epochs', '2', '--seed', '7');
    expect(r.lines).toHaveLength(3);
    expect(JSON.parse(r.lines[2]!)).toMatchObject({ epochs: 2, iterations: 16 });
  });

  it('prints readable epoch lines without --json', async () => {
    const r = await dlab('train', join(dir, 'spiral.dlab.json'), '--epochs', '1', '--workers', '2');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^spiral test: 195 parameters, spiral, adam lr=0\.05 beta1=0\.9 beta2=0\.999 eps=1e-7, batch 30, 1 epoch, seed 42, 2 workers\n/);
    expect(r.out).toMatch(/\nepoch 1\/1 {2}train loss \d\.\d{4} {2}train acc \d\.\d{4} {2}test acc \d\.\d{4} {2}\d+\.\d s\n/);
  });

  it('a diverging run ends with the reason, exit status 1', async () => {
    const r = await dlab('train', join(dir, 'diverge.dlab.json'), '--json');
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^the loss became (NaN|infinite) at iteration \d+ — try a smaller learning rate\.\n$/);
    expect(JSON.parse(r.lines.at(-1)!)).toMatchObject({ event: 'failed' });
  });

  it('bad input gets one sentence on stderr and exit status 2, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['train', join(dir, 'broken.dlab.json')], /^broken\.dlab\.json: Layer 1 \(conv\): a convolution needs an image-shaped input/],
      [['train', join(dir, 'missing.dlab.json')], /^Cannot read .*missing\.dlab\.json: there is no such file\.\n$/],
      [['train'], /^dlab train needs an experiment file/],
      [['train', join(dir, 'spiral.dlab.json'), '--epochs', 'ten'], /^--epochs must be a whole number from 1 to 10000, not "ten"\.\n$/],
      [['train', join(dir, 'spiral.dlab.json'), '--colour'], /^dlab train: Unknown option '--colour'/],
      [['evaluate', join(dir, 'spiral.dlab.json')], /^dlab evaluate needs --data SOURCE/],
      [['evaluate', join(dir, 'spiral.dlab.json'), '--data', 'spiral'], /^spiral\.dlab\.json: this is not a lab weights file/],
      [['evaluate', join(dir, 'spiral.weights.json'), '--data', 'mnist'], /^The model expects inputs of 2 but mnist gives samples of 1×28×28/],
      [['evaluate', join(dir, 'spiral.weights.json'), '--data', 'idx:/nowhere'], /idx:\/nowhere|\/nowhere/],
      [['frobnicate'], /^dlab: unknown command "frobnicate"/],
    ];
    for (const [argv, message] of cases) {
      const r = await dlab(...argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('gradcheck passes for a valid experiment and reports every parameter', async () => {
    const r = await dlab('gradcheck', join(dir, 'spiral.dlab.json'), '--json', '--samples', 'all');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.passed).toBe(true);
    expect(result.params.map((p: { name: string; checked: number }) => [p.name, p.checked])).toEqual([
      ['W1', 64],
      ['b1', 32],
      ['W2', 96],
      ['b2', 3],
    ]);
    const text = await dlab('gradcheck', join(dir, 'spiral.dlab.json'));
    expect(text.out).toMatch(/^param +shape +entries checked/);
    expect(text.out).toMatch(/\npassed: tolerance 0\.00001 \(float64, h = 0\.00001, batch 3\)/);
  });

  it('gradcheck goes through the lab’s API: its limits refuse what the app refuses, in the API’s sentences', async () => {
    const tooBig = await dlab('gradcheck', join(dir, 'spiral.dlab.json'), '--batch', '1000');
    expect(tooBig.status).toBe(2);
    expect(tooBig.err).toBe('gradientCheck: options.batch must be a whole number from 1 to 100.\n');
    expect(tooBig.out).toBe('');
    // The cap on the work one check may take, which the CLI skipped when it checked on its own.
    const wide = {
      ...spiral,
      model: {
        input: [2],
        layers: [
          { type: 'affine', units: 3000 },
          { type: 'relu' },
          { type: 'affine', units: 3000 },
          { type: 'relu' },
          { type: 'affine', units: 3 },
          { type: 'softmax-with-loss' },
        ],
      },
    };
    writeFileSync(join(dir, 'wide.dlab.json'), JSON.stringify(wide));
    const heavy = await dlab('gradcheck', join(dir, 'wide.dlab.json'), '--samples', 'all');
    expect(heavy.status).toBe(2);
    expect(heavy.err).toMatch(
      /^Checking 9,021,003 entries on a batch of 3 would take about [\d.]+ (million|billion) multiply-adds .* more than the lab runs at once \(15\.0 billion\)\. Check fewer entries per parameter, or a smaller batch\.\n$/,
    );
    // At the limit it runs.
    const atLimit = await dlab('gradcheck', join(dir, 'spiral.dlab.json'), '--batch', '100', '--json');
    expect(atLimit.status).toBe(0);
    expect(JSON.parse(atLimit.out)).toMatchObject({ passed: true, batch: 100, data: 'spiral', h: 0.00001 });
  });

  it('lists the offline datasets', async () => {
    const r = await dlab('datasets', '--json');
    const list = JSON.parse(r.out);
    expect(list.map((d: { source: string }) => d.source)).toEqual(expect.arrayContaining(['mnist', 'spiral', 'circles', 'xor', 'blobs']));
    expect(list.find((d: { source: string }) => d.source === 'mnist')).toMatchObject({ train: 8004, test: 1996, classes: 10 });
  });

  it('lists, trains on and evaluates an image folder, with its class names in the weights file', async () => {
    const sharp = (await import('sharp')).default;
    const images = join(dir, 'shapes');
    process.env.DLAB_CACHE_DIR = join(dir, 'image-cache');
    // Two classes a tiny network tells apart: dark and bright 4×4 squares, five of each.
    for (const [name, base] of [
      ['bright', 200],
      ['dark', 20],
    ] as const) {
      mkdirSync(join(images, name), { recursive: true });
      for (let i = 0; i < 5; i++) {
        const png = await sharp(Buffer.alloc(16, base + i), { raw: { width: 4, height: 4, channels: 1 } })
          .toColourspace('b-w')
          .png()
          .toBuffer();
        writeFileSync(join(images, name, `${i}.png`), png);
      }
    }
    const listed = await dlab('datasets', `images:${images}`);
    expect(listed.status).toBe(0);
    expect(listed.out).toBe(
      `class   train  test\nbright      4     1\ndark        4     1\n\n${images}: 2 classes, 8 training and 2 test images (a seeded fifth of each class held out for test).\n`,
    );
    const experiment = {
      ...spiral,
      name: 'squares',
      model: { input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'affine', units: 2, init: 'xavier' }, { type: 'softmax-with-loss' }] },
      data: { source: `images:${images}` },
      training: { optimizer: { type: 'adam', lr: 0.1 }, batchSize: 4, epochs: 5, seed: 1 },
    };
    writeFileSync(join(dir, 'squares.dlab.json'), JSON.stringify(experiment));
    const weights = join(dir, 'squares.weights.json');
    const trained = await dlab('train', join(dir, 'squares.dlab.json'), '--json', '--export', weights, '--workers', '1');
    expect(trained.status).toBe(0);
    expect(JSON.parse(trained.lines.at(-1)!)).toMatchObject({ event: 'done', testAcc: 1 });
    expect(JSON.parse(readFileSync(weights, 'utf8')).meta).toMatchObject({ data: `images:${images}`, classNames: ['bright', 'dark'] });
    const evaluated = await dlab('evaluate', weights, '--data', `images:${images}`, '--json');
    expect(JSON.parse(evaluated.out)).toMatchObject({ accuracy: 1, count: 2 });
    const refused = await dlab('datasets', `images:${join(dir, 'nowhere')}`);
    expect(refused.status).toBe(2);
    expect(refused.err).toBe(`The image folder ${join(dir, 'nowhere')} does not exist.\n`);
    delete process.env.DLAB_CACHE_DIR;
  });

  it('every command has --help, and the main help lists them', async () => {
    for (const command of ['train', 'evaluate', 'gradcheck', 'datasets']) {
      const r = await dlab(command, '--help');
      expect(r.status).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: dlab ${command}`));
      expect(r.out).toContain('--json');
    }
    const main = await dlab('--help');
    expect(main.out).toMatch(/train +train an experiment/);
  });

  it('runs as a real process through bin/dlab.js (the built bundle)', () => {
    expect(existsSync(join(root, 'dist/dlab.js'))).toBe(true);
    const ok = spawnSync(process.execPath, [join(root, 'bin/dlab.js'), 'train', join(dir, 'spiral.dlab.json'), '--json', '--epochs', '1'], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'done', epochs: 1 });
    const bad = spawnSync(process.execPath, [join(root, 'bin/dlab.js'), 'train', join(dir, 'nope.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^Cannot read .*nope\.json: there is no such file\.\n$/);
  });
});
