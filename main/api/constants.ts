// The contract's run-time half: the values both sides of the API need while running — the method list
// the doors are generated from, channel names, run statuses, the limits the API holds calls to, the
// bundled dataset's split — and the one function that unwraps an answer from any door.
// The renderer may import this module (and only this one of main's) at run time, so it imports nothing
// at run time itself: no engine, no Node, no DOM (tests/architecture.test.ts holds it to that).

import type { LabMessage } from '../../engine/messages';
import type { LabApi, RunStatus } from './contract';

/** Every request-response method, i.e. all but the event subscription. */
export type LabMethod = Exclude<keyof LabApi, 'onRunEvent'>;

/** The methods every door serves, generated from this list: Electron IPC, the web host, the CLI. */
export const LAB_METHODS = [
  'startRun',
  'pauseRun',
  'resumeRun',
  'cancelRun',
  'listRuns',
  'listTags',
  'getRun',
  'compareRuns',
  'updateRun',
  'deleteRun',
  'exportWeights',
  'exportMetricsCsv',
  'exportRun',
  'importRuns',
  'listDatasets',
  'previewDataset',
  'evaluateWeights',
  'convertWeights',
  'importOnnx',
  'readParams',
  'readParamHistograms',
  'gradientCheck',
  'cancelGradientCheck',
  // r4-data: your own data dropped onto the window or chosen in the one "Your data…" door
  'sourceOfPath',
  'uploadData',
  // r4-packs
  'openPack',
  'packRuns',
  'handIn',
  'makePack',
  'packBoard',
] as const satisfies readonly LabMethod[];

// A method missing from LAB_METHODS is a compile error here.
type Unlisted = Exclude<LabMethod, (typeof LAB_METHODS)[number]>;
/** @public A compile-time check, exported so that it counts as used. */
export const everyMethodListed: [Unlisted] extends [never] ? true : never = true;

/** IPC channel of a method: "lab:startRun". */
export const channelOf = (method: LabMethod): string => `lab:${method}`;
/** IPC channel on which main pushes run events to the window. */
export const RUN_EVENT_CHANNEL = 'lab:runEvent';

// ---- run statuses ----

export const RUN_STATUSES = ['queued', 'running', 'paused', 'done', 'cancelled', 'failed', 'interrupted'] as const satisfies readonly RunStatus[];
type UnlistedStatus = Exclude<RunStatus, (typeof RUN_STATUSES)[number]>;
/** @public A compile-time check, exported so that it counts as used. */
export const everyStatusListed: [UnlistedStatus] extends [never] ? true : never = true;

/** Statuses of a run that is still going: its owner process may be training it right now. */
export const LIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused'];
/** Statuses a run ends in: setting one stamps finished_at and duration_ms. */
export const FINAL_STATUSES: readonly RunStatus[] = ['done', 'cancelled', 'failed', 'interrupted'];

/**
 * The epoch a run is in, counted from 1, from the steps it has done: the epoch whose steps are running,
 * or — its last step done — whose accuracy is being measured; the next step starts the next epoch. The
 * progress events, the top bar and the dashboard all count with this one rule, so that two readouts of
 * the same moment cannot say "epoch 2/6" and "Epoch 3 / 6".
 */
export function epochUnderway(iterationsDone: number, iterationsTotal: number, epochsTotal: number): number {
  if (epochsTotal < 1) return 0;
  if (iterationsTotal < 1) return 1;
  return Math.min(epochsTotal, Math.max(1, Math.ceil((iterationsDone * epochsTotal) / iterationsTotal)));
}

// ---- limits the API holds every call to (main/api/schemas.ts), which forms check before calling ----

/** A run's name, notes and tags (the store keeps to the same: main/store/validate.ts). */
export const NAME_MAX = 200;
export const NOTES_MAX = 20_000;
export const TAGS_MAX = 30;
export const TAG_MAX = 40;
/** Runs one comparison may hold. */
export const COMPARE_RUNS_MAX = 50;
/** Seeds are 32-bit: 0 … 2³² − 1. */
export const SEED_MAX = 4_294_967_295;
/** Worker threads one run may ask for through the API. */
export const RUN_WORKERS_MAX = 64;
/** Training samples in a gradient check's batch: the numerical gradient costs two forward passes per entry. */
export const GRADIENT_CHECK_BATCH_MAX = 100;
/** Parameter entries a gradient check may be asked to compare (0 = every entry). */
export const GRADIENT_CHECK_SAMPLES_MAX = 100_000_000;

// ---- data ----

/**
 * The bundled digits' split (every fifth digit of each class in test), as scripts/build-mnist.mjs writes
 * it; the engine's listing of the built files is held to it by tests/main/api/constants.test.ts.
 */
export const BUNDLED_MNIST_SPLIT = { train: 8004, test: 1996 } as const;

// ---- answers ----

/** An error the lab reported through a door, with its sentence as the message, its kind, and its code and values when it has them. */
export class LabCallError extends Error {
  readonly kind: string;
  /** The sentence as data (engine/messages.ts): the page says it in the chosen language. */
  readonly said?: LabMessage;
  constructor(message: string, kind: string, said?: LabMessage) {
    super(message);
    this.name = 'LabCallError';
    this.kind = kind;
    if (said) this.said = said;
  }
}

/**
 * Unwraps a door's CallResult, `{ ok: true, value } | { ok: false, error: { message, kind } }`: the value,
 * or a LabCallError carrying the lab's sentence. Anything else means the two sides do not speak the same
 * version of the contract; `unreadable` says what to do about it in the door's own words.
 */
export function unwrapResult(result: unknown, unreadable = 'The lab answered in a form this window does not understand; restart the app.'): unknown {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const outcome = result as { ok: unknown; value?: unknown; error?: { message?: unknown; kind?: unknown; said?: unknown } };
    if (outcome.ok === true) return outcome.value;
    const message = typeof outcome.error?.message === 'string' ? outcome.error.message : 'The lab refused the call.';
    const kind = typeof outcome.error?.kind === 'string' ? outcome.error.kind : 'internal';
    throw new LabCallError(message, kind, saidOf(outcome.error?.said));
  }
  throw new LabCallError(unreadable, 'internal');
}

/** A message's code and values as they came over the wire, kept only when they have the right form (the page checks the code). */
function saidOf(value: unknown): LabMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, values, within, after } = value as { code?: unknown; values?: unknown; within?: unknown; after?: unknown };
  if (typeof code !== 'string' || typeof values !== 'object' || values === null || Array.isArray(values)) return undefined;
  const kept: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(values)) if (typeof v === 'string' || typeof v === 'number') kept[name] = v;
  const then = saidOf(after);
  return { code: code as LabMessage['code'], values: kept, ...(typeof within === 'string' ? { within } : {}), ...(then ? { after: then } : {}) };
}

/**
 * A LabApi whose every method is `call(method, args)`: the one way the doors' clients are built, so that
 * a method added to LAB_METHODS reaches every door and no door lists methods by hand.
 */
export function generateLabApi(call: (method: LabMethod, args: unknown[]) => Promise<unknown>, onRunEvent: LabApi['onRunEvent']): LabApi {
  const api: Record<string, unknown> = {};
  for (const method of LAB_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  api.onRunEvent = onRunEvent;
  return api as unknown as LabApi;
}

/** The path of Compare's difference row for runs that read different data files (not a path in the experiment). */
export const DATA_FILES_PATH = 'data files';

// ---- your own data, uploaded by the web host's page (r4-data) ----

/**
 * A browser gives a dropped file's bytes but never its path, so the web host's page uploads what is
 * dropped into the lab's data folder; these caps keep one upload small enough to hold in memory once.
 * Larger data is named by its path (typed, or dropped in the desktop app, which reads it in place).
 */
export const UPLOAD_MAX_FILES = 5000;
export const UPLOAD_MAX_BYTES = 64 * 1024 * 1024;
