// Image folders and CSV tables side by side, through main's one door to every kind (loadSource, which
// the runs' shared datasets use) and through `dlab datasets`: each kind loads, and each kind's own
// options are refused under the other, before a file is read. Real PNG files (written with sharp) and a
// real table; the image worker threads are the built ones (dist/worker-images.mjs).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { validateExperiment } from '../../../engine/experiment';
import { datasetsCommand } from '../../../main/cli/commands/datasets';
import type { CliIo } from '../../../main/cli/io';
import { loadSource } from '../../../main/data/sources';

let dir: string;
let images: string;
let table: string;
let cacheBefore: string | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-kinds-'));
  cacheBefore = process.env.DLAB_CACHE_DIR;
  process.env.DLAB_CACHE_DIR = join(dir, 'cache');
  images = join(dir, 'squares');
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
  table = join(dir, 'points.csv');
  writeFileSync(table, 'x,y,label\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2 === 0 ? 'even' : 'odd'}`).join('\n') + '\n');
});

afterAll(() => {
  if (cacheBefore === undefined) delete process.env.DLAB_CACHE_DIR;
  else process.env.DLAB_CACHE_DIR = cacheBefore;
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

function captured(): { io: CliIo; out: () => string } {
  let out = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: () => undefined, stderrIsTTY: false, columns: 80, now: () => 0, cancelled: { value: false } };
  return { io, out: () => out };
}

describe('image folders and CSV tables through the one door', () => {
  it('loads each kind, relative paths from the same base folder', async () => {
    const folder = await loadSource({ source: 'images:squares', channels: 1 }, { baseDir: dir });
    expect(folder.classNames).toEqual(['bright', 'dark']);
    expect(folder.inputShape).toEqual([1, 4, 4]);
    expect(folder.train.count + folder.test.count).toBe(10);
    const points = await loadSource({ source: 'csv:points.csv' }, { baseDir: dir });
    expect(points.classNames).toEqual(['even', 'odd']);
    expect(points.inputShape).toEqual([2]);
  });

  it("refuses each kind's options under the other", async () => {
    expect((await refusal(loadSource({ source: `csv:${table}`, channels: 3 }))).message).toBe(
      `channels applies only to image folders (images:FOLDER), not to the data source "csv:${table}".`,
    );
    const experiment = (data: unknown) => ({
      format: 'dlab-experiment',
      version: 1,
      model: { input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
      data,
      training: { optimizer: { type: 'sgd', lr: 0.1 } },
    });
    expect(() => validateExperiment(experiment({ source: `images:${images}`, csv: { label: 'label' } }))).toThrow(
      `"data.csv" applies only to csv: sources, not to "images:${images}".`,
    );
    expect(validateExperiment(experiment({ source: `images:${images}`, width: 4, height: 4 })).experiment.data).toEqual({
      source: `images:${images}`,
      width: 4,
      height: 4,
    });
  });

  it('dlab datasets lists an image folder, and refuses the CSV options beside one', async () => {
    const { io, out } = captured();
    expect(await datasetsCommand.run([`images:${images}`, '--json'], io)).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      dir: images,
      split: 'fraction',
      classes: [
        { name: 'bright', train: 4, test: 1 },
        { name: 'dark', train: 4, test: 1 },
      ],
    });
    const wrong = await refusal(datasetsCommand.run([`images:${images}`, '--label', 'kind'], captured().io));
    expect(wrong.kind).toBe('usage');
    expect(wrong.message).toBe(`The CSV options describe a csv: source, not the image folder "images:${images}".`);
    expect((await refusal(datasetsCommand.run(['idx:/data'], captured().io))).message).toBe(
      'dlab datasets describes a csv: source (such as csv:iris.csv) or an image folder (images:FOLDER), not "idx:/data".',
    );
  });
});
