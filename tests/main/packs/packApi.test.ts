// The pack methods through the one API, as the app's pages call them: a teacher's pack that carries its
// own table (a real CSV file), opened in a student's lab whose database is a real file — the table
// written where the runs read it, the run trained on it listed for the pack with its best against the
// goal, handed in and saved by the file door, and the board reading it back. The door refuses malformed
// calls in a sentence, and a pack is never made of a file that is not data.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../main/api/contract';
import { checkedApi, createDispatcher } from '../../../main/api/dispatch';
import { createLabService, type LabService } from '../../../main/api/service';
import { createFileDoors, FILE_KINDS } from '../../../main/electron/fileDoors';
import { PACK_BYTES_MAX } from '../../../main/packs/format';
import { SUBMISSION_BYTES_MAX } from '../../../main/packs/submission';

const rows = ['x1,x2,label'];
for (let i = 0; i < 120; i++) {
  const a = (i * 37) % 11;
  const b = (i * 53) % 13;
  rows.push(`${a},${b},${a > b ? 'high' : 'low'}`);
}

describe('the pack API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-pack-api-'));
  let teacher: LabService;
  let student: LabService;
  beforeAll(async () => {
    writeFileSync(join(dir, 'points.csv'), rows.join('\n') + '\n');
    mkdirSync(join(dir, 'teacher'));
    teacher = await createLabService({ dbPath: join(dir, 'teacher', 'lab.sqlite'), workers: 1, baseDir: dir });
    student = await createLabService({ dbPath: join(dir, 'student.sqlite'), workers: 1 });
  });
  afterAll(async () => {
    await teacher.close();
    await student.close();
  });

  const experiment = {
    format: 'dlab-experiment',
    version: 1,
    name: 'points',
    model: { input: [2], layers: [{ type: 'affine', units: 6 }, { type: 'relu' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
    data: { source: 'csv:points.csv' },
    training: { optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 4, seed: 2 },
  };

  let made: { fileName: string; text: string };

  /** Trains `experiment` in `service`'s lab and resolves with its id once it is done. */
  async function trained(service: LabService, experiment: unknown): Promise<number> {
    const { runId } = await checkedApi(service).startRun(experiment);
    await new Promise<void>((resolve, reject) =>
      service.onRunEvent((event) => {
        if (event.type !== 'status' || event.runId !== runId) return;
        if (event.status === 'done') resolve();
        else if (['failed', 'cancelled'].includes(event.status)) reject(new Error(`run ${runId} ${event.status}`));
      }),
    );
    return runId;
  }

  it('carries a table in the pack, opens it in another lab, hands a run in and reads it on the board', async () => {
    made = await checkedApi(teacher).makePack({
      id: 'points-lab',
      title: { ko: '점 분류', en: 'Points' },
      instructions: { ko: '정확도 $\\ge 0.8$', en: 'Reach $\\ge 0.8$' },
      experiments: [experiment],
      locked: ['model'],
      goal: { metric: 'accuracy', threshold: 0.5, withinEpochs: 10 },
      deadline: '2099-01-01T00:00:00Z',
    });
    expect(made.fileName).toBe('points-lab.dlab-pack');

    const api = checkedApi(student);
    const view = await api.openPack(made.text, made.fileName);
    expect(view.data).toEqual({ embedded: 'csv', bytes: Buffer.byteLength(rows.join('\n') + '\n') });
    const source = view.experiments[0]!.data.source;
    expect(source).toBe(`csv:${join(dir, 'packs', 'points-lab-r1', 'data', 'points.csv')}`);
    expect(readFileSync(source.slice(4), 'utf8')).toBe(rows.join('\n') + '\n');

    const { runId } = await api.startRun(view.experiments[0]);
    const finished = new Promise<RunStatus>((resolve) =>
      student.onRunEvent((event) => {
        if (event.type === 'status' && event.runId === runId && ['done', 'failed', 'cancelled'].includes(event.status)) resolve(event.status);
      }),
    );
    expect(await finished).toBe('done');
    // a run on other data is no run of this pack
    const other = await api.startRun({ ...experiment, data: { source: 'xor' } });
    await new Promise<void>((resolve) =>
      student.onRunEvent((event) => {
        if (event.type === 'status' && event.runId === other.runId && event.status === 'done') resolve();
      }),
    );

    const mine = await api.packRuns(made.text);
    expect(mine.runs.map((r) => r.id)).toEqual([runId]);
    const claimed = (await api.getRun(runId)).testAcc!;
    expect(mine.best).toEqual({ id: runId, value: claimed });
    expect(mine.goalMet).toBe(claimed >= 0.5);
    await expect(api.handIn(made.text, [other.runId], { name: 'Kim', number: '7' })).rejects.toThrow(
      `run ${other.runId} trained on "xor", not on the pack's data "csv:data/points.csv".`,
    );

    const handed = await api.handIn(made.text, [runId], { name: ' Kim ', number: '7' });
    expect(handed.fileName).toBe('7-Kim.dlab-submission.json');
    const saveTo = join(dir, handed.fileName);
    const doors = createFileDoors({ chooseFileToOpen: async () => saveTo, chooseFileToSave: async () => saveTo, chooseYourData: async () => null });
    expect(await doors.saveTextFile('submission', handed.fileName, handed.text)).toBe(saveTo);
    const opened = (await doors.openTextFile('submission'))!;

    const board = await checkedApi(teacher).packBoard(made.text, [opened, { name: 'junk.json', text: '[]' }]);
    expect(board.rows).toHaveLength(1);
    expect(board.rows[0]!.student).toEqual({ name: 'Kim', number: '7' });
    expect(board.rows[0]!.runs[0]!.measured!.accuracy).toBeCloseTo(claimed, 6);
    expect(board.rows[0]!.flags).toEqual([]);
    expect(board.refused).toEqual([
      {
        file: 'junk.json',
        note: expect.objectContaining({
          code: 'submission.notSubmission',
          message: 'junk.json: this is not a submission ("format" should be "dlab-submission", found a list).',
        }),
      },
    ]);
    expect(board.gradesCsv.split('\r\n')[1]).toMatch(/^1,7,Kim,7-Kim\.dlab-submission\.json,/);
  }, 180_000);

  it('holds a claim made on an altered copy of the table to the pack’s own table', async () => {
    mkdirSync(join(dir, 'lee'));
    const lee = await createLabService({ dbPath: join(dir, 'lee', 'lab.sqlite'), workers: 1 });
    try {
      const api = checkedApi(lee);
      const view = await api.openPack(made.text);
      // Lee swaps the classes in their copy of the table, trains on it and hands the run in
      const copy = view.experiments[0]!.data.source.slice('csv:'.length);
      writeFileSync(
        copy,
        readFileSync(copy, 'utf8').replace(/high|low/g, (word) => (word === 'high' ? 'low' : 'high')),
      );
      const runId = await trained(lee, view.experiments[0]);
      const claimed = (await api.getRun(runId)).testAcc!;
      const handed = await api.handIn(made.text, [runId], { name: 'Lee', number: '8' });
      const board = await checkedApi(teacher).packBoard(made.text, [{ name: handed.fileName, text: handed.text }]);
      const run = board.rows[0]!.runs[0]!;
      // measured on every row of the teacher's table (the run's record names another table), far from its claim
      expect(run.measured!.count).toBe(120);
      expect(Math.abs(run.measured!.accuracy - claimed)).toBeGreaterThan(0.5);
      expect(board.rows[0]!.flags.map((f) => f.code)).toEqual(['board.claimDiffers']);
    } finally {
      await lee.close();
    }
  }, 180_000);

  it('never makes a pack of a file that is not data, and the door checks every call', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'not,a\ntable"\n');
    const api = checkedApi(teacher);
    const options = {
      id: 'leak',
      title: { ko: '', en: '' },
      instructions: { ko: '', en: '' },
      locked: [],
      goal: { metric: 'accuracy' as const, threshold: 0.5 },
    };
    await expect(api.makePack({ ...options, experiments: [{ ...experiment, data: { source: 'csv:secret.txt' } }] })).rejects.toThrow(/secret\.txt/);
    await expect(api.makePack({ ...options, experiments: [{ ...experiment, data: { source: 'csv:/etc/passwd' } }] })).rejects.toThrow();

    const dispatch = createDispatcher(teacher);
    expect(await dispatch('handIn', ['{}', [], { name: 'Kim', number: '1' }])).toEqual({
      ok: false,
      error: { kind: 'usage', message: 'handIn: runIds must have 1 to 5 items.' },
    });
    expect(await dispatch('packBoard', ['{}', [{ name: 'a', text: 'b', path: '/etc/passwd' }]])).toEqual({
      ok: false,
      error: { kind: 'usage', message: 'packBoard: files[0] has an unknown field "path".' },
    });
    const refused = await dispatch('openPack', ['{"format":"dlab-pack","version":1}', 'x.dlab-pack']);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'file', said: { code: 'pack.field' } } });
    // the app's dialogs read packs and submissions up to the sizes the readers take
    expect(FILE_KINDS.pack.maxBytes).toBe(PACK_BYTES_MAX);
    expect(FILE_KINDS.submission.maxBytes).toBe(SUBMISSION_BYTES_MAX);
  });
});
