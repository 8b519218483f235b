// The rules for what a caller may write or ask, each refusal one sentence. Shared by the store's
// methods and the dlab-run importer, so an imported run obeys the same rules as an edited one.

import { LabError, labError } from '../../engine/errors';
import type { LabMessageCode, MessageValues } from '../../engine/messages';
import { FINAL_STATUSES, NAME_MAX, NOTES_MAX, RUN_STATUSES, SEED_MAX, TAGS_MAX, TAG_MAX } from '../api/constants';
import type { EpochMetric, IterationLoss, RunPatch, RunStatus } from '../api/contract';

export { FINAL_STATUSES, NAME_MAX, NOTES_MAX, RUN_STATUSES, SEED_MAX, TAGS_MAX, TAG_MAX };

export const MAX_POINTS_LIMIT = 1_000_000;
export const WORKERS_MAX = 1024;

/**
 * A refusal of a program's call (progress from the run manager, maxPoints from a script): said in English
 * only, as no learner makes these mistakes. What a learner can get wrong (a name, a tag) is `refused`.
 */
export function usage(message: string): LabError {
  return new LabError('usage', message);
}

/** A refusal a learner can meet (an edit of a run, a run id), from the table: said in each door's language. */
function refused(code: LabMessageCode, values: MessageValues = {}): LabError {
  return labError('usage', code, values);
}

export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value);
}

export function checkStatus(value: unknown): RunStatus {
  if (!isRunStatus(value)) throw refused('run.badStatus', { value: String(value), statuses: RUN_STATUSES.join(', ') });
  return value;
}

export function checkRunId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw refused('run.badId', { value: String(id) });
  return id;
}

export function checkCount(value: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `from ${min} up` : `from ${min} to ${max}`;
    throw usage(`${what} must be a whole number ${range}, not ${String(value)}.`);
  }
  return value;
}

export function checkMaxPoints(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2 || value > MAX_POINTS_LIMIT) {
    throw usage(`maxPoints must be a whole number from 2 to ${MAX_POINTS_LIMIT.toLocaleString('en')}, not ${String(value)}.`);
  }
  return value;
}

/** A name trimmed of surrounding spaces, 1 to 200 characters. */
export function checkName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (typeof value !== 'string' || name.length === 0 || name.length > NAME_MAX) {
    throw refused('runEdit.nameLength', { most: NAME_MAX });
  }
  return name;
}

export function checkNotes(value: unknown): string {
  if (typeof value !== 'string' || value.length > NOTES_MAX) {
    throw refused('runEdit.notesLength', { most: NOTES_MAX.toLocaleString('en') });
  }
  return value;
}

/** Tags trimmed, duplicates dropped (first kept): at most 30, each 1 to 40 characters. */
export function checkTags(value: unknown): string[] {
  if (!Array.isArray(value)) throw refused('runEdit.tagsNotList');
  const tags: string[] = [];
  value.forEach((raw: unknown, index) => {
    if (typeof raw !== 'string') throw refused('runEdit.tagNotText', { n: index + 1, type: raw === null ? 'null' : typeof raw });
    const tag = raw.trim();
    if (tag.length === 0) throw refused('runEdit.tagEmpty', { n: index + 1 });
    if (tag.length > TAG_MAX) throw refused('runEdit.tagLong', { n: index + 1, start: tag.slice(0, 20), most: TAG_MAX });
    if (!tags.includes(tag)) tags.push(tag);
  });
  if (tags.length > TAGS_MAX) throw refused('runEdit.tooManyTags', { most: TAGS_MAX, count: tags.length });
  return tags;
}

export function checkPatch(patch: unknown): RunPatch {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw refused('runEdit.notObject');
  const raw = patch as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!['name', 'notes', 'tags'].includes(key)) throw refused('runEdit.unknownField', { field: key });
  }
  const checked: RunPatch = {};
  if (raw.name !== undefined) checked.name = checkName(raw.name);
  if (raw.notes !== undefined) checked.notes = checkNotes(raw.notes);
  if (raw.tags !== undefined) checked.tags = checkTags(raw.tags);
  return checked;
}

export function checkFinite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw usage(`${what} must be a finite number, not ${String(value)}.`);
  return value;
}

/** What RunStore.writeProgress takes: everything a run did since its last write. */
export interface RunProgress {
  losses: IterationLoss[];
  epochs: EpochMetric[];
  iterationsDone: number;
}

/** Checks a run's progress before it is written; returns iterationsDone. */
export function checkProgress(progress: RunProgress): number {
  const iterationsDone = checkCount(progress.iterationsDone, 'iterationsDone');
  for (const l of progress.losses) {
    checkCount(l.iteration, 'A loss iteration', 1);
    checkFinite(l.loss, `The loss of iteration ${l.iteration}`);
  }
  for (const e of progress.epochs) {
    checkCount(e.epoch, 'An epoch number', 1);
    checkCount(e.iteration, `The iteration of epoch ${e.epoch}`);
    for (const key of ['trainLoss', 'trainAcc', 'testAcc', 'testLoss', 'seconds'] as const) checkFinite(e[key], `${key} of epoch ${e.epoch}`);
    if (e.seconds < 0) throw usage(`The seconds of epoch ${e.epoch} cannot be negative.`);
  }
  return iterationsDone;
}
