// The class board: every handed-in file of a pack read one by one (a file that cannot be read is refused
// with its sentence and the rest go on), duplicates recognised, and every run's weights measured again on
// the teacher's machine — the claimed metrics are shown, never believed. One row per student: the best
// run by the measured score, its settings, handed-in time (late marked), and the flags a teacher must see.

import { LabError } from '../../engine/errors';
import { describeOptimizer } from '../../engine/experiment';
import { englishMessage, type LabMessageCode, type MessageValues } from '../../engine/messages';
import type { Board, BoardNote, BoardRow, BoardRun, Measured } from './types';
import { experimentDifferences } from '../store/differences';
import { sameDataKind, packSource, type Pack } from './format';
import { canonicalJson, firstLockBreak } from './settings';
import { readSubmission, type Submission } from './submission';

/** Files one board reads at once: a big class, twice over, with room to spare. */
export const BOARD_FILES_MAX = 2000;
/** Claimed and measured accuracy closer than this are the same figure (a claim is written to 4 decimals in places). */
const CLAIM_TOLERANCE = 5e-4;

/** Measures a weights file on the board's evaluation data: the service's evaluateWeights, on worker threads. */
export type MeasureWeights = (weightsText: string, fileName: string) => Promise<Measured>;

export interface HandedFile {
  name: string;
  text: string;
}

function note(code: LabMessageCode, values: MessageValues): BoardNote {
  return { code, values, message: englishMessage({ code, values }) };
}

function noteOf(error: LabError): BoardNote {
  return error.said ? { ...error.said, message: error.message } : note('board.runUnmeasured', { reason: error.message });
}

const studentKey = (s: Submission['student']) => (s.number.trim() ? `#${s.number.trim()}` : `@${s.name.trim().toLowerCase()}`);

/** The board of a class's files for a pack, measured with `measure`. Reads and measures one file at a time. */
export interface BoardMeasures {
  /** Measures the score: on the held-out set, or on the pack's test split. */
  score: MeasureWeights;
  /** Measures what a claim was measured on (the pack's test split), when the score is measured elsewhere. */
  claim?: MeasureWeights;
  /** What the score is measured on, for the board's heading. */
  evaluatedOn: string;
}

export async function buildBoard(pack: Pack, files: readonly HandedFile[], measures: BoardMeasures): Promise<Board> {
  const refused: Board['refused'] = [];
  const skipped: Board['skipped'] = [];
  const accepted: { file: string; submission: Submission }[] = [];
  const byHash = new Map<string, string>();
  for (const file of files) {
    let submission: Submission;
    try {
      submission = readSubmission(file.text, file.name, pack);
    } catch (error) {
      if (!(error instanceof LabError)) throw error;
      refused.push({ file: file.name, note: noteOf(error) });
      continue;
    }
    const same = byHash.get(submission.hash);
    if (same !== undefined) {
      skipped.push({ file: file.name, note: note('submission.duplicateFile', { other: same }) });
      continue;
    }
    byHash.set(submission.hash, file.name);
    accepted.push({ file: file.name, submission });
  }

  // One student, one row: the latest hand-in counts (a resubmission replaces the first).
  const latest = new Map<string, { file: string; submission: Submission }>();
  for (const entry of accepted) {
    const key = studentKey(entry.submission.student);
    const before = latest.get(key);
    if (!before) latest.set(key, entry);
    else {
      const [older, newer] = Date.parse(entry.submission.handedInAt) >= Date.parse(before.submission.handedInAt) ? [before, entry] : [entry, before];
      latest.set(key, newer);
      skipped.push({ file: older.file, note: note('submission.superseded', { student: newer.submission.student.name, other: newer.file }) });
    }
  }

  const source = packSource(pack.data);
  const deadline = pack.deadline === null ? null : Date.parse(pack.deadline);
  const higherIsBetter = pack.goal.metric === 'accuracy';
  const score = (m: Measured) => (higherIsBetter ? m.accuracy : -m.loss);
  const weightsOwner = new Map<string, string>();
  const rows: Omit<BoardRow, 'rank'>[] = [];
  for (const { file, submission } of latest.values()) {
    const flags: BoardNote[] = [];
    if (submission.pack.revision !== pack.revision) flags.push(note('board.otherRevision', { found: submission.pack.revision, revision: pack.revision }));
    const handed = Date.parse(submission.handedInAt);
    const late = deadline !== null && handed > deadline;
    if (late) flags.push(note('board.late', { minutes: Math.ceil((handed - deadline) / 60_000) }));
    const runs: BoardRun[] = [];
    for (const [index, run] of submission.runs.entries()) {
      const label = run.name || `#${index + 1}`;
      const weightsText = JSON.stringify(run.weights);
      let measured: Measured | null = null;
      let problem: BoardNote | null = null;
      let claimGap: BoardRun['claimGap'] = null;
      if (canonicalJson(run.weights.model) !== canonicalJson(run.experiment.model)) {
        problem = note('board.weightsNotModel', { run: label });
      } else {
        try {
          measured = await measures.score(weightsText, `${file} runs[${index}]`);
          // A run measured on validation data claims a validation figure: nothing to hold it to.
          if (run.experiment.data.validation === undefined && run.claimed.testAcc !== null) {
            const onClaimData = measures.claim ? await measures.claim(weightsText, `${file} runs[${index}]`) : measured;
            claimGap = { claimed: run.claimed.testAcc, measured: onClaimData.accuracy };
          }
        } catch (error) {
          if (!(error instanceof LabError)) throw error;
          problem = noteOf(error);
        }
      }
      const lock = firstLockBreak(run.experiment, pack.experiments, pack.locked);
      const lockBreak = !sameDataKind(run.experiment.data.source, source)
        ? note('handin.runData', { id: label, found: run.experiment.data.source, source })
        : lock
          ? note('handin.runLocked', { id: label, ...lock })
          : null;
      const weightsKey = canonicalJson(run.weights.params);
      const owner = weightsOwner.get(weightsKey);
      if (owner !== undefined && owner !== file) flags.push(note('board.sameWeights', { run: label, other: owner }));
      else weightsOwner.set(weightsKey, file);
      runs.push({
        name: run.name,
        uid: run.uid,
        optimizer: describeOptimizer(run.experiment.training.optimizer),
        epochs: run.experiment.training.epochs,
        measured,
        problem,
        claimedTestAcc: run.claimed.testAcc,
        claimGap,
        curve: run.claimed.epochs,
        lockBreak,
      });
    }
    const measuredRuns = runs.map((run, index) => ({ run, index })).filter(({ run }) => run.measured !== null);
    const keeping = measuredRuns.filter(({ run }) => run.lockBreak === null);
    const pool = keeping.length > 0 ? keeping : measuredRuns;
    const bestEntry = pool.reduce<(typeof pool)[number] | null>((b, e) => (b === null || score(e.run.measured!) > score(b.run.measured!) ? e : b), null);
    let goalMet = false;
    if (bestEntry === null) flags.push(note('board.noRunCounts', {}));
    else {
      const { run } = bestEntry;
      const m = run.measured!;
      if (run.lockBreak) flags.push(run.lockBreak);
      const gap = run.claimGap;
      if (gap && Math.abs(gap.claimed - gap.measured) > CLAIM_TOLERANCE) {
        flags.push(note('board.claimDiffers', { claimed: gap.claimed.toFixed(4), measured: gap.measured.toFixed(4) }));
      }
      const within = pack.goal.withinEpochs;
      const tooLong = within !== undefined && run.epochs > within;
      if (tooLong) flags.push(note('board.tooManyEpochs', { run: run.name || `#${bestEntry.index + 1}`, epochs: run.epochs, max: within }));
      const reached = higherIsBetter ? m.accuracy >= pack.goal.threshold : m.loss <= pack.goal.threshold;
      goalMet = reached && !tooLong && run.lockBreak === null && !late;
    }
    rows.push({ student: submission.student, file, handedInAt: submission.handedInAt, late, best: bestEntry?.index ?? null, runs, goalMet, flags });
  }

  const bestScore = (row: Omit<BoardRow, 'rank'>) => (row.best === null ? -Infinity : score(row.runs[row.best]!.measured!));
  // Keeping the locked settings comes first, then the measured score; ties by who handed in first.
  const keeps = (row: Omit<BoardRow, 'rank'>) => (row.best !== null && row.runs[row.best]!.lockBreak === null ? 1 : 0);
  rows.sort((a, b) => keeps(b) - keeps(a) || bestScore(b) - bestScore(a) || Date.parse(a.handedInAt) - Date.parse(b.handedInAt));
  const ranked = rows.map((row, index) => ({ ...row, rank: index + 1 }));
  const counted = ranked.flatMap((row) => (row.best === null ? [] : [{ id: row.rank, experiment: latestExperiment(latest, row) }]));
  const board: Omit<Board, 'gradesCsv'> = {
    pack: { id: pack.id, revision: pack.revision, title: pack.title },
    evaluatedOn: measures.evaluatedOn,
    rows: ranked,
    refused,
    skipped,
    differences: counted.length > 1 ? experimentDifferences(counted) : [],
  };
  return { ...board, gradesCsv: gradesCsv(board) };
}

function latestExperiment(latest: Map<string, { submission: Submission }>, row: Omit<BoardRow, 'rank'>): unknown {
  const submission = latest.get(studentKey(row.student))!.submission;
  return submission.runs[row.best!]!.experiment;
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written as text, with a leading '. */
function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The grades table: one line per student, by rank, with the measured score beside the claimed one. */
function gradesCsv(board: Omit<Board, 'gradesCsv'>): string {
  const header = [
    'rank',
    'number',
    'name',
    'file',
    'handed_in',
    'late',
    'run',
    'optimizer',
    'epochs',
    'accuracy',
    'loss',
    'claimed_accuracy',
    'goal_met',
    'flags',
  ];
  const lines = board.rows.map((row) => {
    const run = row.best === null ? null : row.runs[row.best]!;
    return [
      row.rank,
      row.student.number,
      row.student.name,
      row.file,
      row.handedInAt,
      row.late,
      run?.name ?? null,
      run?.optimizer ?? null,
      run?.epochs ?? null,
      run?.measured ? Number(run.measured.accuracy.toFixed(6)) : null,
      run?.measured ? Number(run.measured.loss.toFixed(6)) : null,
      run?.claimedTestAcc ?? null,
      row.goalMet,
      row.flags.map((f) => f.message).join(' '),
    ]
      .map(csvCell)
      .join(',');
  });
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
