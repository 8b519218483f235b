// The pack API's answers as plain types, for the contract: the renderer's compiler reads this file
// (through contract.ts) and must see no Node module behind it.

import type { LabMessage } from '../../engine/messages';
import type { Experiment } from '../../engine/experiment';
import type { EpochMetric } from '../api/contract';

/** What an assignment page shows of a pack (its embedded data stays in main, written where the runs read it). */
export interface PackView {
  id: string;
  revision: number;
  title: { ko: string; en: string };
  instructions: { ko: string; en: string };
  /** The starting experiments, their data source pointing at this computer's copy of the pack's data. */
  experiments: Experiment[];
  /** Setting paths students may not change; empty: everything open. */
  locked: string[];
  goal: { metric: 'accuracy' | 'loss'; threshold: number; withinEpochs?: number };
  deadline: string | null;
  /** "mnist", or "csv"/"idx"/"images" for data the pack carries, with its size. */
  data: { bundled: string } | { embedded: 'idx' | 'csv' | 'images'; bytes: number };
}

/** A student's runs that fit a pack, and the best of them against the goal (their own measurements). */
export interface PackRuns {
  runs: { id: number; testAcc: number | null; testLoss: number | null; epochs: number }[];
  best: { id: number; value: number } | null;
  goalMet: boolean;
}

/** A file a door hands back to be saved (a pack, a submission). */
export interface NamedText {
  fileName: string;
  text: string;
}

export interface Measured {
  accuracy: number;
  loss: number;
  correct: number;
  count: number;
}

export interface BoardNote extends LabMessage {
  message: string;
}

export interface BoardRun {
  name: string;
  uid: string;
  optimizer: string;
  epochs: number;
  measured: Measured | null;
  /** Why the run could not be measured (its weights do not fit the data…), when measured is null. */
  problem: BoardNote | null;
  claimedTestAcc: number | null;
  /** The claimed test accuracy beside the weights' accuracy on the data the claim was made on (the pack's test split). */
  claimGap: { claimed: number; measured: number } | null;
  /** The claimed curve (train loss, accuracies per epoch): shown as the student's, never re-computed. */
  curve: EpochMetric[];
  /** The first locked setting it changed, said as a sentence, or null. */
  lockBreak: BoardNote | null;
}

export interface BoardRow {
  rank: number;
  student: { name: string; number: string };
  file: string;
  handedInAt: string;
  late: boolean;
  /** Index into `runs` of the run that counts: the best measured run that keeps the locked settings (else the best measured). */
  best: number | null;
  runs: BoardRun[];
  goalMet: boolean;
  flags: BoardNote[];
}

export interface Board {
  /** The grades table (CSV), as gradesCsv writes it. */
  gradesCsv: string;
  pack: { id: string; revision: number; title: { ko: string; en: string } };
  /** The data the weights were measured on: the held-out set, or the pack's own test split. */
  evaluatedOn: string;
  rows: BoardRow[];
  /** Files refused whole, each with its sentence. */
  refused: { file: string; note: BoardNote }[];
  /** Files read but not counted: the same file twice, an earlier hand-in of the same student. */
  skipped: { file: string; note: BoardNote }[];
  /** The settings of the counted runs that differ between students: path → value per row (by rank). */
  differences: { path: string; values: Record<number, unknown> }[];
}
