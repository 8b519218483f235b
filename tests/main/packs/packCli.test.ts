// A lab session from terminals, each `dlab` a real child process: the teacher makes a pack with a locked
// optimizer, three students with three databases train in three processes at once and hand in (one tries
// a run with another learning rate first and is told why not), one edits the accuracy in the file, and a
// folder of hostile files lies beside theirs. The board measures every weights file again: it ranks by
// the measured scores, flags the edit, skips the copy, refuses each bad file with its sentence and writes
// the grades.

import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealSubmission, type Submission } from '../../../main/packs/submission';
import type { Board } from '../../../main/packs/types';

const root = new URL('../../..', import.meta.url).pathname;
const bin = join(root, 'bin', 'dlab.js');

function dlab(...argv: string[]): Promise<{ status: number | null; out: string; err: string }> {
  return dlabIn('C', ...argv);
}

/** bin/dlab.js under a locale: the refusals are said in Korean under ko_KR. */
function dlabIn(locale: string, ...argv: string[]): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env, LANG: locale, LC_ALL: locale } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out, err }));
  });
}

const experiment = {
  format: 'dlab-experiment',
  version: 1,
  name: 'xor starter',
  model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'tanh' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
  data: { source: 'xor', samples: 400, noise: 0.3 },
  training: { optimizer: { type: 'sgd', lr: 0.3 }, batchSize: 20, epochs: 3, seed: 1 },
};

describe('dlab pack', () => {
  it('runs a whole lab session: pack, three students in three processes, hand-ins, and a board that measures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-pack-'));
    const teacher = join(dir, 'teacher');
    const inbox = join(teacher, 'inbox');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(teacher, 'xor.dlab.json'), JSON.stringify(experiment));
    writeFileSync(join(teacher, 'task.md'), 'Train the XOR net; the loss is $L = -\\sum t \\log y$.');
    const pack = join(teacher, 'xor-lab.dlab-pack');
    const made = await dlab(
      'pack',
      'create',
      join(teacher, 'xor.dlab.json'),
      '--id',
      'xor-lab',
      '--title',
      'XOR lab',
      '--title-ko',
      'XOR 실습',
      '--instructions',
      join(teacher, 'task.md'),
      '--lock',
      'training.optimizer',
      '--goal',
      'accuracy>=0.6',
      '--within',
      '5',
      '--deadline',
      '2099-01-01T00:00:00Z',
      '--out',
      pack,
    );
    expect(made.status, made.err).toBe(0);
    const shown = await dlab('pack', 'show', pack);
    expect(shown.out).toContain('locked: training.optimizer');
    expect(shown.out).toContain('goal: accuracy ≥ 0.6 within 5 epochs');

    // Three students, three folders, three databases, trained at once; each changes the seed (open), not the optimizer.
    const students = [
      { name: 'Ahn', number: '1', seed: '3' },
      { name: 'Baek', number: '2', seed: '11' },
      { name: 'Cho', number: '3', seed: '29' },
    ].map((s) => ({ ...s, dir: join(dir, s.name), db: join(dir, s.name, 'lab.sqlite') }));
    for (const s of students) expect((await dlab('pack', 'show', pack, '--extract', s.dir)).status).toBe(0);
    const trained = await Promise.all(
      students.map((s) => dlab('train', join(s.dir, 'experiment-1.dlab.json'), '--db', s.db, '--workers', '1', '--seed', s.seed)),
    );
    trained.forEach((t) => expect(t.status, t.err).toBe(0));

    // Cho first tries a faster learning rate: the optimizer is locked, and handing that run in is refused with the reason.
    const changed = {
      ...JSON.parse(readFileSync(join(students[2]!.dir, 'experiment-1.dlab.json'), 'utf8')),
      training: { ...experiment.training, optimizer: { type: 'sgd', lr: 0.9 } },
    };
    writeFileSync(join(students[2]!.dir, 'faster.dlab.json'), JSON.stringify(changed));
    expect((await dlab('train', join(students[2]!.dir, 'faster.dlab.json'), '--db', students[2]!.db, '--workers', '1')).status).toBe(0);
    const refusedHandIn = await dlab('pack', 'handin', pack, '--run', '2', '--name', 'Cho', '--number', '3', '--db', students[2]!.db, '--out', inbox);
    expect(refusedHandIn.status).toBe(2);
    expect(refusedHandIn.err).toMatch(/^run 2 changed the locked setting training\.optimizer \(\{"lr":0\.3,"type":"sgd"\} → \{"lr":0\.9,"type":"sgd"\}\)/);
    const inKorean = await dlabIn('ko_KR.UTF-8', 'pack', 'handin', pack, '--run', '2', '--name', 'Cho', '--db', students[2]!.db, '--out', inbox);
    expect(inKorean.err).toBe(
      '실행 2에서 잠긴 설정 training.optimizer를 바꿨습니다 ({"lr":0.3,"type":"sgd"} → {"lr":0.9,"type":"sgd"}). 꾸러미의 설정으로 학습한 실행을 내세요.\n',
    );

    const handed = await Promise.all(
      students.map((s) => dlab('pack', 'handin', pack, '--run', '1', '--name', s.name, '--number', s.number, '--db', s.db, '--out', inbox, '--json')),
    );
    handed.forEach((h) => expect(h.status, h.err).toBe(0));
    const files = handed.map((h) => (JSON.parse(h.out) as { written: string }).written);
    expect(files.map((f) => f.split('/').pop())).toEqual(['1-Ahn.dlab-submission.json', '2-Baek.dlab-submission.json', '3-Cho.dlab-submission.json']);

    // Baek edits the accuracy in the file by hand.
    const baek = JSON.parse(readFileSync(files[1]!, 'utf8')) as Submission;
    const trueClaim = baek.runs[0]!.claimed.testAcc!;
    baek.runs[0]!.claimed.testAcc = 0.999;
    writeFileSync(files[1]!, JSON.stringify(baek));

    // Beside them: the same file twice, a renamed copy (hash broken), another pack's file, bad JSON, a huge file, NaN-free but misshapen weights.
    copyFileSync(files[0]!, join(inbox, 'copy-of-ahn.json'));
    const ahn = JSON.parse(readFileSync(files[0]!, 'utf8')) as Submission;
    writeFileSync(join(inbox, 'renamed.json'), JSON.stringify({ ...ahn, student: { name: 'Mallory', number: '9' } }));
    const { hash: _h, ...unsealed } = ahn;
    writeFileSync(join(inbox, 'other-pack.json'), JSON.stringify(sealSubmission({ ...unsealed, pack: { id: 'mnist-lab', revision: 1 } })));
    writeFileSync(join(inbox, 'broken.json'), '{"format": "dlab-submission", ');
    const huge = openSync(join(inbox, 'huge.json'), 'w');
    ftruncateSync(huge, 70 * 1024 * 1024);
    closeSync(huge);
    const misshapen = structuredClone(unsealed);
    misshapen.student = { name: 'Dan', number: '4' };
    misshapen.runs[0]!.weights.params.W1!.data.pop();
    writeFileSync(join(inbox, 'misshapen.json'), JSON.stringify(sealSubmission(misshapen)));

    const grades = join(teacher, 'grades.csv');
    const boardRun = await dlab('pack', 'board', pack, inbox, '--grades', grades, '--json');
    expect(boardRun.status, boardRun.err).toBe(0);
    const board = JSON.parse(boardRun.out) as Board;

    // three rows, ranked by the accuracy measured here, which for each is what its run claimed before any edit
    expect(board.rows.map((r) => r.student.name).sort()).toEqual(['Ahn', 'Baek', 'Cho']);
    const measured = board.rows.map((r) => r.runs[r.best!]!.measured!.accuracy);
    expect([...measured].sort((a, b) => b - a)).toEqual(measured);
    const baekRow = board.rows.find((r) => r.student.name === 'Baek')!;
    expect(baekRow.runs[0]!.measured!.accuracy).toBeCloseTo(trueClaim, 6);
    expect(baekRow.flags.map((f) => f.code)).toEqual(['board.claimDiffers']);
    expect(baekRow.flags[0]!.message).toBe(`the file claims test accuracy 0.9990, but its weights measure ${trueClaim.toFixed(4)} here.`);
    for (const row of board.rows.filter((r) => r.student.name !== 'Baek')) expect(row.flags).toEqual([]);

    expect(board.skipped.map((s) => [s.file, s.note.code])).toEqual([['copy-of-ahn.json', 'submission.duplicateFile']]);
    const refused = Object.fromEntries(board.refused.map((r) => [r.file, r.note.message]));
    expect(Object.keys(refused).sort()).toEqual(['broken.json', 'huge.json', 'misshapen.json', 'other-pack.json', 'renamed.json']);
    expect(refused['renamed.json']).toMatch(/^renamed\.json: it was changed after it was handed in/);
    expect(refused['other-pack.json']).toBe('other-pack.json: it was handed in for the pack "mnist-lab", not for "xor-lab".');
    expect(refused['misshapen.json']).toBe('misshapen.json: runs[0]: "W1" must hold 16 numbers in "data", found 15.');
    expect(refused['huge.json']).toMatch(/^huge\.json could not be read: .*70\.0 MB; a lab file may be at most 64\.0 MB\./);
    expect(refused['broken.json']).toMatch(/^broken\.json/);

    const csv = readFileSync(grades, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('rank,number,name,file,handed_in,late,run,optimizer,epochs,accuracy,loss,claimed_accuracy,goal_met,flags');
    expect(csv.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(board.rows.map((r) => `${r.rank},${r.student.number},${r.student.name}`));
    expect(csv.find((line) => line.includes(',Baek,'))).toContain(',0.999,');

    // On the teacher's held-out set the scores change; the edited claim is still held to the pack's own test split.
    const heldout = await dlab('pack', 'board', pack, ...files, '--heldout', 'xor', '--json');
    expect(heldout.status, heldout.err).toBe(0);
    const onHeldout = JSON.parse(heldout.out) as Board;
    expect(onHeldout.evaluatedOn).toBe('xor');
    expect(onHeldout.rows.find((r) => r.student.name === 'Baek')!.flags.map((f) => f.code)).toEqual(['board.claimDiffers']);
    expect(onHeldout.rows.find((r) => r.student.name === 'Ahn')!.flags).toEqual([]);
    expect(onHeldout.rows.every((r) => r.runs[r.best!]!.measured!.count === 60)).toBe(true);
  }, 300_000);
});
