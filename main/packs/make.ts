// Making the two files of a lab session: the teacher's pack from experiments and options (the pack
// editor and `dlab pack create`), and a student's submission from runs in their own database (Hand in,
// `dlab pack handin`). Both are checked by the same readers the other side uses before they are written.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { labError } from '../../engine/errors';
import { validateExperiment, type DataSettings, type Experiment } from '../../engine/experiment';
import { findIdxFiles } from '../../engine/node/idxFolder';
import { sourcePath } from '../../engine/data/sourceKinds';
import type { RunStore } from '../store/RunStore';
import { PACK_DATA_BYTES_MAX, PACK_FORMAT, PACK_VERSION, packSource, readPack, sameDataKind, type Pack, type PackData } from './format';
import { firstLockBreak } from './settings';
import { sealSubmission, SUBMISSION_FORMAT, SUBMISSION_VERSION, type Submission, type SubmittedRun } from './submission';
import { formatMegabytes } from '../store/runFileScan';

const TABLE_FILE = /\.(csv|tsv|txt)$/i;
const IMAGE_FILE = /\.(png|jpe?g|gif)$/i;

export interface PackOptions {
  id: string;
  revision?: number;
  title: { ko: string; en: string };
  instructions: { ko: string; en: string };
  experiments: unknown[];
  /** Setting paths students may not change; [] leaves everything open. */
  locked: string[];
  goal: Pack['goal'];
  deadline?: string | null;
}

/**
 * A pack from experiments: a bundled source stays a name; a file source (csv:, idx:, images:) is carried
 * inside, read from `baseDir` (where the experiment file lies), and the experiments are pointed at the copy.
 */
export async function makePack(options: PackOptions, baseDir: string, loadData: (data: DataSettings) => Promise<unknown>): Promise<Pack> {
  const experiments = options.experiments.map((raw) => validateExperiment(raw).experiment);
  const first = experiments[0];
  // The data is loaded once as a run would load it: a pack is never made of data no student could train on,
  // and only files that load as the source's kind (a table, IDX files, images) are ever carried.
  if (first) await loadData(first.data);
  const data: PackData = first ? await packDataOf(first, baseDir) : { bundled: 'mnist' };
  const source = packSource(data);
  const pointed = experiments.map((experiment) =>
    sameDataKind(experiment.data.source, source) ? { ...experiment, data: { ...experiment.data, source } } : experiment,
  );
  // Through the reader: a pack the maker writes is one every student's lab opens.
  return readPack({
    format: PACK_FORMAT,
    version: PACK_VERSION,
    id: options.id,
    revision: options.revision ?? 1,
    title: options.title,
    instructions: options.instructions,
    experiments: pointed,
    locked: options.locked,
    data,
    goal: options.goal,
    deadline: options.deadline ?? null,
  });
}

async function packDataOf(experiment: Experiment, baseDir: string): Promise<PackData> {
  const named = sourcePath(experiment.data.source);
  if (!named) return { bundled: experiment.data.source as 'mnist' };
  const path = join(baseDir, named.path);
  const files: { name: string; path: string }[] = [];
  if (named.kind.name === 'csv') {
    if (named.path.includes(','))
      throw labError('usage', 'pack.field', { path: 'data.source', problem: 'must be one CSV file to carry in a pack, not a train,test pair' });
    if (!TABLE_FILE.test(path)) throw labError('usage', 'pack.field', { path: 'data.source', problem: 'must name a table file (*.csv, *.tsv or *.txt)' });
    files.push({ name: basename(path), path });
  } else if (named.kind.name === 'idx') {
    for (const file of Object.values(await findIdxFiles(path))) files.push({ name: basename(file), path: file });
  } else {
    // An image folder: class/file (or train|test/class/file) written as class__file, split again on opening.
    const walk = (folder: string, depth: number) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const full = join(folder, entry.name);
        if (entry.isDirectory() && depth < 2) walk(full, depth + 1);
        else if (entry.isFile() && IMAGE_FILE.test(entry.name)) files.push({ name: relative(path, full).split(sep).join('__'), path: full });
      }
    };
    walk(path, 0);
  }
  let bytes = 0;
  for (const file of files) bytes += statSync(file.path).size;
  if (bytes > PACK_DATA_BYTES_MAX) throw labError('file', 'pack.dataTooBig', { size: formatMegabytes(bytes), max: formatMegabytes(PACK_DATA_BYTES_MAX) });
  const kind = named.kind.name as 'csv' | 'idx' | 'images';
  return { embedded: { kind, files: files.map((file) => ({ name: file.name, base64: readFileSync(file.path).toString('base64') })) } };
}

/**
 * A student's submission of runs from their own database: each run finished, with weights, on the pack's
 * data and keeping its locked settings — refused with the reason otherwise, so the student can fix it
 * before the deadline rather than find it flagged after.
 */
export function handIn(store: RunStore, pack: Pack, runIds: readonly number[], student: { name: string; number: string }, now = new Date()): Submission {
  const source = packSource(pack.data);
  const runs = runIds.map((id): SubmittedRun => {
    const run = store.getRun(id, 2);
    if (run.status !== 'done') throw labError('usage', 'handin.runNotDone', { id, status: run.status });
    const weights = store.getWeights(id);
    if (weights === null) throw labError('missing', 'run.noWeights', { id: String(id) });
    if (!sameDataKind(run.experiment.data.source, source)) {
      throw labError('usage', 'handin.runData', { id, found: run.experiment.data.source, source });
    }
    const lock = firstLockBreak(run.experiment, pack.experiments, pack.locked);
    if (lock) throw labError('usage', 'handin.runLocked', { id, ...lock });
    return {
      uid: run.uid,
      name: run.name,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      experiment: run.experiment,
      weights: JSON.parse(weights) as SubmittedRun['weights'],
      claimed: { trainAcc: run.trainAcc, testAcc: run.testAcc, testLoss: run.testLoss, epochs: run.epochs },
    };
  });
  return sealSubmission({
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    pack: { id: pack.id, revision: pack.revision },
    student: { name: student.name.trim(), number: student.number.trim() },
    handedInAt: now.toISOString(),
    runs,
  });
}

/** The runs of a store that fit a pack (finished, with weights, on its data, locked settings kept), newest first. */
export function runsForPack(store: RunStore, pack: Pack, limit = 500): { id: number; testAcc: number | null; testLoss: number | null; epochs: number }[] {
  const source = packSource(pack.data);
  const page = store.listRuns({ status: ['done'], sort: 'startedAt', order: 'desc', limit });
  return page.runs
    .filter((run) => run.hasWeights)
    .filter((run) => {
      const experiment = store.getExperiment(run.id);
      return sameDataKind(experiment.data.source, source) && firstLockBreak(experiment, pack.experiments, pack.locked) === null;
    })
    .map((run) => ({ id: run.id, testAcc: run.testAcc, testLoss: run.testLoss, epochs: run.epochsDone }));
}
