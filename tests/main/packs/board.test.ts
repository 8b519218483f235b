// The board's bookkeeping on real submission files, their weights measured by a stand-in (the real
// measurement through evaluateWeights is packCli.test.ts's): one row per student and the later hand-in
// counting, a late one marked, a run that changed a locked setting flagged and ranked after those that
// kept them, two students with the very same weights, and a run whose weights are of another model.

import { describe, expect, it } from 'vitest';
import { Network } from '../../../engine/network';
import { exportWeights } from '../../../engine/weights';
import { buildBoard, type MeasureWeights } from '../../../main/packs/board';
import { parsePack } from '../../../main/packs/format';
import { sealSubmission, type Submission } from '../../../main/packs/submission';

const model = { input: [2], layers: [{ type: 'affine', units: 4 }, { type: 'relu' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] };
const experiment = (lr = 0.1, seed = 1) => ({
  format: 'dlab-experiment',
  version: 1,
  model,
  data: { source: 'xor' },
  training: { optimizer: { type: 'sgd', lr }, batchSize: 10, epochs: 3, weightDecay: 0, seed },
});

const pack = parsePack(
  JSON.stringify({
    format: 'dlab-pack',
    version: 1,
    id: 'xor-lab',
    revision: 2,
    title: { ko: 'XOR', en: 'XOR' },
    instructions: { ko: '', en: '' },
    experiments: [experiment()],
    locked: ['training.optimizer'],
    data: { bundled: 'xor' },
    goal: { metric: 'accuracy', threshold: 0.7, withinEpochs: 3 },
    deadline: '2026-12-06T12:00:00Z',
  }),
);

/** A submission whose one run has weights drawn from `weightsSeed`; its accuracy is what the stand-in measures for that seed. */
function handed(name: string, number: string, at: string, weightsSeed: number, exp = experiment(), revision = 2): { name: string; text: string } {
  const weights = exportWeights(new Network(model, { seed: weightsSeed }));
  const submission: Omit<Submission, 'hash'> = {
    format: 'dlab-submission',
    version: 1,
    pack: { id: 'xor-lab', revision },
    student: { name, number },
    handedInAt: at,
    runs: [
      {
        uid: `${name}-${weightsSeed}`,
        name: `seed ${weightsSeed}`,
        startedAt: at,
        finishedAt: at,
        experiment: exp as never,
        weights,
        claimed: { trainAcc: null, testAcc: accuracyOf(weightsSeed), testLoss: null, epochs: [] },
      },
    ],
  };
  return { name: `${number}-${name}-${at.slice(11, 13)}h.json`, text: JSON.stringify(sealSubmission(submission)) };
}

const accuracyOf = (seed: number) => 0.5 + seed / 100;
const bySeed = new Map<string, number>();
for (const seed of [10, 20, 30, 40, 45]) bySeed.set(JSON.stringify(exportWeights(new Network(model, { seed })).params), seed);
const measure: MeasureWeights = async (weightsText) => {
  const seed = bySeed.get(JSON.stringify((JSON.parse(weightsText) as { params: unknown }).params))!;
  return { accuracy: accuracyOf(seed), loss: 1 - accuracyOf(seed), correct: 0, count: 100 };
};

describe('the class board', () => {
  it('keeps one row per student, marks lateness and locked settings, and ranks by the measured score', async () => {
    const files = [
      handed('Ahn', '1', '2026-12-06T10:00:00Z', 10),
      handed('Ahn', '1', '2026-12-06T11:00:00Z', 30), // handed in again: this one counts
      handed('Baek', '2', '2026-12-06T15:30:00Z', 20), // 3 h 30 min late
      handed('Cho', '3', '2026-12-06T09:00:00Z', 45, experiment(0.9)), // changed the locked optimizer: best score, ranked last
      handed('Dan', '4', '2026-12-06T09:30:00Z', 30, experiment(0.1, 7), 1), // Ahn's weights, for an older revision
    ];
    const board = await buildBoard(pack, files, { score: measure, evaluatedOn: 'xor (test split)' });
    expect(board.rows.map((r) => [r.rank, r.student.name])).toEqual([
      [1, 'Dan'],
      [2, 'Ahn'],
      [3, 'Baek'],
      [4, 'Cho'],
    ]);
    expect(board.skipped).toEqual([
      {
        file: '1-Ahn-10h.json',
        note: expect.objectContaining({ code: 'submission.superseded', message: 'Ahn handed in again later (1-Ahn-11h.json): the later one counts.' }),
      },
    ]);
    const row = (name: string) => board.rows.find((r) => r.student.name === name)!;
    expect(row('Ahn').runs[0]!.measured!.accuracy).toBe(0.8);
    expect(row('Ahn').goalMet).toBe(true);
    expect(row('Baek').late).toBe(true);
    expect(row('Baek').flags.map((f) => f.message)).toEqual(['handed in 210 minutes after the deadline.']);
    expect(row('Baek').goalMet).toBe(false);
    expect(row('Cho').flags.map((f) => f.message)).toEqual([
      'run seed 45 changed the locked setting training.optimizer ({"lr":0.1,"type":"sgd"} → {"lr":0.9,"type":"sgd"}): train with the pack\'s setting and hand that run in.',
    ]);
    expect(row('Cho').goalMet).toBe(false);
    expect(row('Dan').flags.map((f) => f.code)).toEqual(['board.otherRevision', 'board.sameWeights']);
    // Dan's weights are Ahn's: the student read later is flagged, naming the other's file
    const copied = board.rows.flatMap((r) => r.flags.filter((f) => f.code === 'board.sameWeights').map((f) => [r.student.name, f.message]));
    expect(copied).toEqual([['Dan', 'run seed 30 has exactly the same weights as 1-Ahn-11h.json.']]);
    // the settings that differ between the counted runs: Cho's learning rate and Dan's seed
    expect(board.differences.map((d) => d.path).sort()).toEqual(['training.optimizer.lr', 'training.seed']);
    expect(board.gradesCsv.split('\r\n')[4]).toMatch(/^4,3,Cho,3-Cho-09h\.json,2026-12-06T09:00:00Z,false,seed 45,sgd lr=0\.9,3,0\.95,0\.05,0\.95,false,/);
  });

  it('measures nothing of weights that are not of their run’s model, and says so', async () => {
    const other = { ...experiment(), model: { ...model, layers: [{ type: 'affine', units: 5 }, ...model.layers.slice(1)] } };
    const board = await buildBoard(pack, [handed('Eun', '5', '2026-12-06T10:00:00Z', 10, other)], { score: measure, evaluatedOn: 'xor' });
    expect(board.rows[0]!.best).toBeNull();
    expect(board.rows[0]!.runs[0]!.problem!.message).toBe('run seed 10: its weights are of another model than its experiment.');
    expect(board.rows[0]!.flags.map((f) => f.code)).toEqual(['board.noRunCounts']);
  });
});
