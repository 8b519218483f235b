// The pack methods of the lab's API (service.ts spreads them in): open a pack, the student's runs for it
// and their best against the goal, hand in, make a pack, and the class board with its grades table.
// Every door reaches them through the one API; the CLI's `dlab pack` calls the same functions.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { labError } from '../../engine/errors';
import type { DataSettings } from '../../engine/experiment';
import type { LabApi } from '../api/contract';
import type { RunStore } from '../store/RunStore';
import { BOARD_FILES_MAX, buildBoard, type MeasureWeights } from './board';
import { PACK_DATA_FOLDER, base64Bytes, materializePackData, parsePack, type Pack } from './format';
import { handIn, makePack, runsForPack } from './make';
import { submissionFileName, submissionText } from './submission';
import type { PackView } from './types';

export type PackMethods = Pick<LabApi, 'openPack' | 'packRuns' | 'handIn' | 'makePack' | 'packBoard'>;

/** Where a pack's carried data is written on this computer: beside the database, one folder per pack revision. */
export function packDataHome(dbPath: string): string {
  return dbPath === ':memory:' ? join(tmpdir(), 'dlab-packs') : join(dirname(dbPath), 'packs');
}

/** The pack's data settings with the source pointing at this computer's copy of the data (written there first). */
export function packDataHere(pack: Pack, home: string): DataSettings {
  const { trainLimit: _limit, validation: _validation, ...data } = pack.experiments[0]!.data;
  if (!('embedded' in pack.data)) return data;
  const folder = materializePackData(pack, join(home, `${pack.id}-r${pack.revision}`));
  const { kind, files } = pack.data.embedded;
  const path = kind === 'csv' ? join(folder, PACK_DATA_FOLDER, files[0]!.name) : join(folder, PACK_DATA_FOLDER);
  return { ...data, source: `${kind}:${path}` };
}

/**
 * A weights file trained on a pack's table, told that it was trained on this computer's copy of it when
 * the copy is the very table it recorded (same SHA-256): evaluateWeights then reads it as the run did —
 * its own test split — not as new rows. A run trained on an altered table keeps its record, so its
 * weights are measured on every row of the pack's table and its claim shows the difference.
 */
function readAsHere(weightsText: string, data: DataSettings): string {
  if (!data.source.startsWith('csv:')) return weightsText;
  let file: { meta?: { data?: unknown; dataFiles?: unknown } } | null;
  try {
    file = JSON.parse(weightsText) as typeof file;
  } catch {
    return weightsText; // the evaluation names what is wrong with it
  }
  const recorded = file?.meta?.dataFiles;
  if (!Array.isArray(recorded) || recorded.length !== 1) return weightsText;
  const [only] = recorded as { path?: unknown; sha256?: unknown }[];
  const path = data.source.slice('csv:'.length);
  let sha256: string;
  try {
    sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return weightsText;
  }
  if (only?.sha256 !== sha256) return weightsText;
  return JSON.stringify({ ...file, meta: { ...file!.meta, data: data.source, dataFiles: [{ ...only, path }] } });
}

export function packView(pack: Pack, home: string): PackView {
  const here = packDataHere(pack, home);
  return {
    id: pack.id,
    revision: pack.revision,
    title: pack.title,
    instructions: pack.instructions,
    experiments: pack.experiments.map((experiment) => ({ ...experiment, data: { ...experiment.data, source: here.source } })),
    locked: pack.locked,
    goal: pack.goal,
    deadline: pack.deadline,
    data:
      'bundled' in pack.data
        ? { bundled: pack.data.bundled }
        : { embedded: pack.data.embedded.kind, bytes: pack.data.embedded.files.reduce((sum, f) => sum + base64Bytes(f.base64), 0) },
  };
}

export interface PackDeps {
  store: RunStore;
  evaluate: LabApi['evaluateWeights'];
  /** Loads a dataset as a run would (the run manager's shared datasets). */
  loadData: (data: DataSettings) => Promise<unknown>;
  baseDir: string;
  dataHome: string;
}

export function packMethods(deps: PackDeps): PackMethods {
  const { store, evaluate, dataHome } = deps;
  return {
    async openPack(packText, fileName) {
      return packView(parsePack(packText, fileName ?? 'the pack'), dataHome);
    },
    async packRuns(packText) {
      const pack = parsePack(packText);
      const runs = runsForPack(store, pack);
      const accuracy = pack.goal.metric === 'accuracy';
      let best: { id: number; value: number } | null = null;
      for (const run of runs) {
        const value = accuracy ? run.testAcc : run.testLoss;
        if (value === null) continue;
        if (best === null || (accuracy ? value > best.value : value < best.value)) best = { id: run.id, value };
      }
      const goalMet = best !== null && (accuracy ? best.value >= pack.goal.threshold : best.value <= pack.goal.threshold);
      return { runs, best, goalMet };
    },
    async handIn(packText, runIds, student) {
      const submission = handIn(store, parsePack(packText), runIds, student);
      return { fileName: submissionFileName(submission.student), text: submissionText(submission) };
    },
    async makePack(options) {
      const pack = await makePack(options, deps.baseDir, deps.loadData);
      return { fileName: `${pack.id}.dlab-pack`, text: JSON.stringify(pack) };
    },
    async packBoard(packText, files, heldout) {
      const pack = parsePack(packText);
      if (files.length > BOARD_FILES_MAX) throw labError('usage', 'submission.tooMany', { max: BOARD_FILES_MAX, count: files.length });
      const own = packDataHere(pack, dataHome);
      const on =
        (data: unknown, ownCopy = false): MeasureWeights =>
        async (weightsText, fileName) => {
          const text = ownCopy ? readAsHere(weightsText, data as DataSettings) : weightsText;
          const { accuracy, loss, correct, count } = await evaluate(text, data, { fileName });
          return { accuracy, loss, correct, count };
        };
      const evaluatedOn = heldout === undefined ? `${own.source} (test split)` : heldoutName(heldout);
      return buildBoard(pack, files, heldout === undefined ? { score: on(own, true), evaluatedOn } : { score: on(heldout), claim: on(own, true), evaluatedOn });
    },
  };
}

/** The held-out set's name for the board: a source name, or { source, … } — checked before anything reads deeper into it. */
function heldoutName(heldout: unknown): string {
  if (typeof heldout === 'string') return heldout;
  if (typeof heldout === 'object' && heldout !== null && !Array.isArray(heldout)) {
    const source = (heldout as { source?: unknown }).source;
    if (typeof source === 'string') return source;
  }
  throw labError('usage', 'pack.heldoutForm', {});
}
