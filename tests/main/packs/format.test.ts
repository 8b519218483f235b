// The pack and submission formats, read as a board reads a class's files: every refusal one sentence
// naming the file and the field, and the hash telling an edited name from an edited claim.

import { describe, expect, it } from 'vitest';
import { isLabError } from '../../../engine/errors';
import { Network } from '../../../engine/network';
import { exportWeights } from '../../../engine/weights';
import { materializePackData, parsePack } from '../../../main/packs/format';
import { firstLockBreak, valueAt } from '../../../main/packs/settings';
import { readSubmission, sealSubmission, submissionFileName, submissionHash, type Submission } from '../../../main/packs/submission';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const experiment = {
  format: 'dlab-experiment',
  version: 1,
  name: 'xor',
  model: { input: [2], layers: [{ type: 'affine', units: 4 }, { type: 'tanh' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
  data: { source: 'xor', samples: 200, noise: 0.05 },
  training: { optimizer: { type: 'adam', lr: 0.01 }, batchSize: 20, epochs: 3, seed: 5 },
};

const pack = (over: Record<string, unknown> = {}) => ({
  format: 'dlab-pack',
  version: 1,
  id: 'xor-lab',
  revision: 1,
  title: { ko: 'XOR 실습', en: 'XOR lab' },
  instructions: { ko: '$y = \\tanh(xW)$', en: '$y = \\tanh(xW)$' },
  experiments: [experiment],
  locked: ['training.optimizer'],
  data: { bundled: 'xor' },
  goal: { metric: 'accuracy', threshold: 0.9, withinEpochs: 5 },
  deadline: '2026-12-24T18:00:00+09:00',
  ...over,
});

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (isLabError(error)) return error.message;
    throw error;
  }
  throw new Error('not refused');
}

function submission(over: Partial<Submission> = {}): Submission {
  const weights = exportWeights(new Network(experiment.model, { seed: 1 }), { testAcc: 0.5 });
  const run = {
    uid: 'u1',
    name: 'first',
    startedAt: '2026-12-06T10:00:00.000Z',
    finishedAt: '2026-12-06T10:01:00.000Z',
    experiment: experiment as never,
    weights,
    claimed: { trainAcc: 0.5, testAcc: 0.5, testLoss: 0.7, epochs: [] },
  };
  const { hash: _hash, ...rest } = {
    format: 'dlab-submission',
    version: 1,
    pack: { id: 'xor-lab', revision: 1 },
    student: { name: 'Kim', number: '7' },
    handedInAt: '2026-12-06T11:00:00.000Z',
    runs: [run],
    ...over,
  } as Submission;
  return sealSubmission(rest);
}

describe('the pack file', () => {
  it('reads a pack with its experiments checked and its locked paths found in them', () => {
    const read = parsePack(JSON.stringify(pack()), 'xor.dlab-pack');
    expect(read.experiments[0]!.training.optimizer).toEqual({ type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-7 });
    expect(valueAt(read.experiments[0], 'model.layers[0].units')).toBe(4);
    expect(valueAt(read.experiments[0], 'model.layers[9].units')).toBeUndefined();
  });

  it('refuses each broken pack with a sentence naming the file and the field', () => {
    expect(refusal(() => parsePack('{"format":', 'a.dlab-pack'))).toMatch(/^a\.dlab-pack/);
    expect(refusal(() => parsePack(JSON.stringify({ format: 'dlab-run' }), 'b.dlab-pack'))).toBe(
      'b.dlab-pack: this is not an assignment pack ("format" should be "dlab-pack", found "dlab-run").',
    );
    expect(refusal(() => parsePack(JSON.stringify(pack({ version: 9 })), 'c'))).toMatch(/newer version of the lab \(pack version 9\)/);
    expect(refusal(() => parsePack(JSON.stringify(pack({ locked: ['training.optimiser'] })), 'd'))).toBe(
      'd: the locked setting "training.optimiser" is not a setting of the starting experiment.',
    );
    expect(refusal(() => parsePack(JSON.stringify(pack({ data: { bundled: 'mnist' } })), 'e'))).toBe(
      'e: starting experiment 1 reads "xor", but the pack\'s data is "mnist".',
    );
    expect(refusal(() => parsePack(JSON.stringify(pack({ id: '../etc' })), 'f'))).toMatch(/^f: "id" must be 1 to 80 letters/);
    expect(refusal(() => parsePack(JSON.stringify(pack({ extra: 1 })), 'g'))).toMatch(/^g: "\(the whole file\)" has an unknown field "extra"/);
    // an embedded file that would climb out of the pack's folder
    const climbing = pack({
      data: { embedded: { kind: 'images', files: [{ name: 'a__..__b.png', base64: '' }] } },
      experiments: [{ ...experiment, data: { source: 'images:data' } }],
    });
    expect(refusal(() => parsePack(JSON.stringify(climbing), 'h'))).toMatch(/^h: the data file name "a__..__b.png" must be a plain file name/);
    // 40 MB of data claimed in base64, refused by its length before a byte is decoded
    const big = pack({
      data: { embedded: { kind: 'csv', files: [{ name: 'big.csv', base64: 'A'.repeat(44 * 1024 * 1024) }] } },
      experiments: [{ ...experiment, data: { source: 'csv:data/big.csv' } }],
    });
    expect(refusal(() => parsePack(JSON.stringify(big), 'i'))).toMatch(/^i: the pack carries 33\.0 MB of data; a pack may carry at most 32\.0 MB\.$/);
  });

  it('writes carried data where the experiments read it, and nowhere else', () => {
    const csv = 'x1,x2,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n';
    const carried = parsePack(
      JSON.stringify(
        pack({
          data: { embedded: { kind: 'csv', files: [{ name: 'points.csv', base64: Buffer.from(csv).toString('base64') }] } },
          experiments: [{ ...experiment, model: { ...experiment.model, input: [2] }, data: { source: 'csv:data/points.csv' } }],
        }),
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'dlab-pack-data-'));
    materializePackData(carried, dir);
    expect(readFileSync(join(dir, 'data', 'points.csv'), 'utf8')).toBe(csv);
  });

  it('finds the first locked setting a student changed, against the closest starting experiment', () => {
    const read = parsePack(JSON.stringify(pack({ locked: ['training.optimizer', 'training.batchSize'] })));
    const changed = {
      ...read.experiments[0]!,
      training: { ...read.experiments[0]!.training, optimizer: { ...read.experiments[0]!.training.optimizer, lr: 0.5 } },
    };
    expect(firstLockBreak(changed, read.experiments, read.locked)).toMatchObject({ path: 'training.optimizer' });
    const open = { ...read.experiments[0]!, training: { ...read.experiments[0]!.training, epochs: 9 } };
    expect(firstLockBreak(open, read.experiments, read.locked)).toBeNull();
  });
});

describe('the submission file', () => {
  const thePack = { id: 'xor-lab' };

  it('reads a sealed submission, and lets an edited claim through to be measured', () => {
    const sealed = submission();
    expect(readSubmission(JSON.stringify(sealed), 's.json', thePack).student).toEqual({ name: 'Kim', number: '7' });
    const edited = structuredClone(sealed);
    edited.runs[0]!.claimed.testAcc = 0.99;
    expect(readSubmission(JSON.stringify(edited), 's.json', thePack).runs[0]!.claimed.testAcc).toBe(0.99);
    expect(submissionFileName({ name: '김민지 / <script>', number: '07' })).toBe('07-김민지_script.dlab-submission.json');
  });

  it('refuses damaged, foreign and hostile files one sentence each', () => {
    const sealed = submission();
    const renamed = structuredClone(sealed);
    renamed.student.name = 'Lee';
    expect(refusal(() => readSubmission(JSON.stringify(renamed), 'r.json', thePack))).toBe(
      'r.json: it was changed after it was handed in (its content hash does not match): ask Lee to hand it in again.',
    );
    const foreign = submission({ pack: { id: 'mnist-lab', revision: 1 } });
    expect(refusal(() => readSubmission(JSON.stringify(foreign), 'f.json', thePack))).toBe(
      'f.json: it was handed in for the pack "mnist-lab", not for "xor-lab".',
    );
    expect(refusal(() => readSubmission('not json', 'j.json', thePack))).toMatch(/^j\.json/);
    expect(refusal(() => readSubmission('{"format":"dlab-submission"}', 'k.json', thePack))).toMatch(/^k\.json: "version"/);
    expect(refusal(() => readSubmission(' '.repeat(64 * 1024 * 1024 + 1), 'h.json', thePack))).toMatch(
      /^h\.json is 64\.0 MB; a lab file of this kind may be at most 64\.0 MB\.$/,
    );

    // weights with an infinite value (1e999 in the JSON, Infinity once read) and with a wrong shape: sealed, so only the weights check stops them
    const infinite = structuredClone(sealed);
    infinite.runs[0]!.weights.params.W1!.data[0] = Infinity;
    const infiniteText = JSON.stringify(sealSubmission(infinite)).replace('"W1":{"shape":[2,4],"data":[null', '"W1":{"shape":[2,4],"data":[1e999');
    expect(infiniteText).toContain('1e999');
    expect(refusal(() => readSubmission(infiniteText, 'n.json', thePack))).toBe('n.json: runs[0]: "W1" value 0 is Infinity, not a finite number.');
    const misshapen = structuredClone(sealed);
    misshapen.runs[0]!.weights.params.W1!.shape = [4, 2];
    expect(refusal(() => readSubmission(JSON.stringify(sealSubmission(misshapen)), 'w.json', thePack))).toBe(
      'w.json: runs[0]: "W1" has shape 4×2 but the model needs 2×4.',
    );
    expect(submissionHash(misshapen)).not.toBe(sealed.hash);
  });
});
