// Every LabApi method, called through the real web host over HTTP with whatever JSON a caller can send:
// random values, nasty strings and numbers, `__proto__` and `constructor` keys, deep nesting, numbers
// JSON.parse turns into Infinity, and arguments that are nearly right (mutated experiments, weights and
// run files, ids of real runs) so that the calls get past the boundary into the store and the engine.
// The lab runs over a real database on disk with real runs in it, then with a run training (kept
// paused), then under bursts of calls at once. Whatever arrives, the answer is never a 500: it is the
// lab's value, or {ok: false, error: {message, kind}} whose message is one sentence and no stack, and
// the host keeps answering. A run a fuzzed startRun happens to start is cancelled at once.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_METHODS, type LabMethod } from '../../../main/api/contract';
import { METHOD_PARAMS } from '../../../main/api/schemas';
import { startWebLab, type RunningWebLab } from '../../../main/web/cli-entry';
import { editText, mutate, mutationArb, textEditArb, type Mutation } from '../../engine/fuzz';
import { addRun, experiment, weightsText } from '../store/fixtures';
import { request } from './http';

/**
 * Runs per method (a third of it per method on the live run, a quarter of it for bursts of calls at once):
 * the whole file takes ~20 s on a shared 2-core machine. FUZZ_RUNS=2000 searches harder, by hand.
 */
const RUNS_PER_METHOD = Number(process.env.FUZZ_RUNS ?? 150);
/** Room for FUZZ_RUNS in the thousands; at the default the file's slowest test takes a few seconds. */
const FUZZ_TIMEOUT_MS = Math.max(60_000, RUNS_PER_METHOD * 200);

let dir: string;
let running: RunningWebLab;
let seeded: number[];
/** A valid dlab-run file of the seeded run with weights: what importRuns' hints are mutated from. */
let runFileText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-webfuzz-'));
  running = await startWebLab({ dbPath: join(dir, 'lab.sqlite'), port: 0, workers: 1, rendererDir: join(dir, 'no-page'), help: false });
  const { store } = running.service;
  seeded = [
    addRun(store, { name: 'with weights', weights: true, finalStatus: 'done' }),
    addRun(store, { name: 'failed', experiment: experiment({ source: 'xor' }), finalStatus: 'failed', failure: 'It diverged.' }),
    addRun(store, { name: 'cancelled', epochs: 1, finalStatus: 'cancelled' }),
  ];
  runFileText = store.exportRun(seeded[0]!);
  knownIds.push(...seeded);
});

afterAll(async () => {
  await running?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(method: string, body: string) {
  return request({
    port: running.host.port,
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lab-token': running.host.token },
    body,
  });
}

// ---- JSON text, built by hand so that keys like "__proto__" reach JSON.parse as written ----

const KEYS = [
  // the lab's own field names, so that objects look like what a method expects
  'name',
  'workers',
  'initialWeights',
  'search',
  'status',
  'tag',
  'dataset',
  'sort',
  'order',
  'offset',
  'limit',
  'notes',
  'tags',
  'samples',
  'batch',
  'seed',
  'checkId',
  'format',
  'version',
  'model',
  'data',
  'training',
  'source',
  'noise',
  'trainLimit',
  'input',
  'layers',
  'type',
  'units',
  'init',
  'optimizer',
  'lr',
  'epochs',
  'batchSize',
  'params',
  'meta',
  'shape',
  'runs',
  'W1',
  'b1',
  // and the ones that bite plain objects
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
] as const;

const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202E',
  '💥',
  '%s',
  '${x}',
  '../../../etc/passwd',
  'C:\\Windows',
  '__proto__',
  'constructor',
  'toString',
  'mnist',
  'spiral',
  'xor',
  'circles',
  'blobs',
  'idx:',
  'idx:/',
  'idx:/nonexistent',
  'idx:../..',
  'csv:',
  'csv:,',
  'csv:/etc/passwd',
  'csv:../../x.csv',
  'dlab-experiment',
  'dlab-weights',
  'dlab-run',
  'W1',
  'b1',
  'latest',
  'start',
  'desc',
  'name',
  'done',
  'running',
  'x'.repeat(70),
  'x'.repeat(100_001),
  '{"format":"dlab-run","version":1,"runs":[{}]}',
  '{"format":"dlab-weights","version":1}',
  '[]',
  '{}',
  'null',
);
const nastyNumbers = fc.constantFrom(
  '0',
  '-0',
  '1',
  '2',
  '3',
  '4',
  '-1',
  '0.5',
  '1e21',
  '1e308',
  '-1e308',
  '9007199254740991',
  '9007199254740993',
  '4294967296',
  '5e-324',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '1E2',
  '64',
  '65',
  '200',
  '201',
);

const leaf: fc.Arbitrary<string> = fc.oneof(
  nastyStrings.map((s) => JSON.stringify(s)),
  nastyNumbers,
  fc.constantFrom('true', 'false', 'null'),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => JSON.stringify(s)),
  fc.double().map((n) => JSON.stringify(n)), // NaN and ±Infinity become null, as JSON has them
  fc.integer({ min: -5, max: 5 }).map(String),
);

const { value: jsonText } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 5 })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
}));

/** Nesting far deeper than any real payload: a thousand levels of lists or objects. */
const deep = fc
  .tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.boolean(), leaf)
  .map(([depth, lists, inner]) => (lists ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"model":'.repeat(depth)}${inner}${'}'.repeat(depth)}`));

/** An argument: any JSON, sometimes a JSON text carried as a string (what importRuns and evaluateWeights read). */
const argument = fc.oneof(
  { arbitrary: jsonText, weight: 6 },
  { arbitrary: jsonText.map((text) => JSON.stringify(text)), weight: 2 },
  { arbitrary: fc.constantFrom('1', '2', '3'), weight: 2 },
  { arbitrary: deep, weight: 1 },
);

/** A whole request body: mostly {"args": [...]}, sometimes something else entirely. */
const body = fc.oneof(
  { arbitrary: fc.array(argument, { maxLength: 4 }).map((args) => `{"args":[${args.join(',')}]}`), weight: 12 },
  { arbitrary: jsonText.map((args) => `{"args":${args}}`), weight: 1 },
  { arbitrary: jsonText.map((args) => `{"__proto__":{"args":[1]},"args":${args}}`), weight: 1 },
  { arbitrary: jsonText, weight: 1 },
  { arbitrary: deep.map((args) => `{"args":${args}}`), weight: 1 },
);

// ---- arguments shaped like each parameter: they get past the boundary and into the house ----

/** The engine fuzz's mutations, plus the lab's own keys and the names that bite plain objects as values. */
const labMutation: fc.Arbitrary<Mutation> = fc.oneof(
  mutationArb,
  fc.record({
    node: fc.nat(),
    action: fc.constantFrom('replace', 'add'),
    value: fc.constantFrom<unknown>(
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '',
      'mnist',
      'idx:/nonexistent',
      1e9,
      -1,
      2 ** 31,
      1e308,
      5e-324,
      [],
      {},
    ),
    key: fc.constantFrom(...KEYS),
  }),
);
const mutated = (document: unknown) => fc.array(labMutation, { maxLength: 3 }).map((m) => JSON.stringify(mutate(document, m)));
const torchModelBase64 = readFileSync(new URL('../../fixtures/onnx/torch-mlp.onnx', import.meta.url)).toString('base64');
const editedText = (text: () => string) => fc.array(textEditArb, { maxLength: 2 }).map((edits) => JSON.stringify(edits.reduce(editText, text())));
/** Ids of runs in the database right now (kept up to date by the tests), and ids of none. */
const knownIds: number[] = [];
const runIdText = fc.oneof(
  { arbitrary: fc.nat().map((i) => String(knownIds.length > 0 ? knownIds[i % knownIds.length] : 1)), weight: 4 },
  { arbitrary: fc.constantFrom('99', '1.0', '0'), weight: 1 },
);
const paramName = fc.oneof(
  fc.constantFrom('W1', 'b1', 'W2', 'b2', 'gamma1', 'running_mean1', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.string({ maxLength: 6 }),
);
const anExperiment = experiment();

// r4-packs: a pack of the fuzz's experiment, and what the pack editor sends.
const aPack = {
  format: 'dlab-pack',
  version: 1,
  id: 'fuzz-lab',
  revision: 1,
  title: { ko: '퍼즈', en: 'fuzz' },
  instructions: { ko: '', en: '' },
  experiments: [anExperiment],
  locked: ['training.optimizer'],
  data: { bundled: anExperiment.data.source },
  goal: { metric: 'accuracy', threshold: 0.5 },
  deadline: null,
};
const packOptions = { id: 'fuzz-lab', title: aPack.title, instructions: aPack.instructions, experiments: [anExperiment], locked: [], goal: aPack.goal };
const dataHint = fc.oneof(fc.constantFrom('"mnist"', '"spiral"', '"xor"', '"idx:/nonexistent"'), mutated({ source: 'spiral', samples: 60, noise: 0.1 }));

/** Per parameter name (METHOD_PARAMS'), a value that is nearly right. */
const HINTS: Record<string, fc.Arbitrary<string>> = {
  experiment: mutated(anExperiment),
  model: fc.oneof(mutated(anExperiment), mutated(anExperiment.model)),
  options: fc.oneof(
    mutated({ name: 'fuzzed', workers: 1 }),
    mutated({ samples: 4, batch: 2, seed: 1, checkId: 'fuzz' }),
    mutated({ initialWeights: JSON.parse(weightsText(anExperiment)) }),
    mutated(packOptions),
  ),
  query: mutated({ search: 'a', status: ['done'], tag: 't', dataset: 'spiral', sort: 'name', order: 'desc', offset: 0, limit: 2 }),
  runId: runIdText,
  runIds: fc.array(runIdText, { maxLength: 4 }).map((ids) => `[${ids.join(',')}]`),
  maxPoints: fc.constantFrom('2', '3', '100', '100000', '1'),
  patch: mutated({ name: 'renamed', notes: 'n', tags: ['a', 'b'] }),
  text: editedText(() => runFileText),
  weightsText: editedText(() => weightsText(anExperiment)),
  data: dataHint,
  count: fc.constantFrom('1', '5', '64', '200'),
  names: fc.oneof(
    mutated(['W1', 'b1', 'W2']),
    fc.array(paramName, { maxLength: 4 }).map((names) => JSON.stringify(names)),
  ),
  at: fc.constantFrom('"start"', '"latest"'),
  bins: fc.constantFrom('1', '40', '200'),
  checkId: fc.constantFrom('"fuzz"', '"x"'),
  format: fc.constantFrom('"onnx"', '"pytorch"', '"dlab"', '"ONNX"'),
  baseName: fc.constantFrom('"model"', '"../../outside"', '""', '"a/b"'),
  // A real PyTorch-made ONNX model as base64, its text edited: a byte or a character more or less makes a broken model.
  base64: editedText(() => torchModelBase64),
  fileName: fc.constantFrom('"torch-mlp.onnx"', '"../../etc/passwd"', '""', '"model.onnx"'),
  // r4-data: a dropped path, and an upload's folder name and files (hostile names among them)
  path: fc.constantFrom('"/nonexistent/iris.csv"', '"../../etc/passwd"', '""', '"/tmp"', '"\\\\\\\\server\\\\share"'),
  name: fc.constantFrom('"pets"', '"../up"', '""', '"a/b"', '"iris.csv"'),
  files: fc.oneof(
    mutated([{ path: 'cat/1.png', base64: 'iVBORw0KGgoAAAANSUhEUg==' }]),
    mutated([{ path: 'iris.csv', base64: 'YSxiCjEsMgo=' }]),
    fc.constantFrom('[{"path":"../../x.png","base64":"iVBORw0KGgo="}]', '[]'),
    // r4-packs: handed-in files
    mutated([{ name: 'a.dlab-submission.json', text: '{"format":"dlab-submission"}' }]),
  ),
  // r4-packs
  packText: editedText(() => JSON.stringify(aPack)),
  student: mutated({ name: 'Kim', number: '7' }),
  heldout: dataHint,
};

/** Args for `method`: each parameter nearly right, or anything at all. */
function shapedArgs(method: LabMethod): fc.Arbitrary<string> {
  const params = METHOD_PARAMS[method] as readonly (readonly [string, unknown])[];
  const each = params.map(([name]) => {
    const hint = HINTS[name];
    if (!hint) throw new Error(`The fuzz has no hint for ${method}'s ${name}.`);
    return fc.oneof({ arbitrary: hint, weight: 4 }, { arbitrary: argument, weight: 1 });
  });
  // Mostly every parameter; sometimes fewer (the optional ones left out), sometimes one too many.
  const count = fc.oneof({ arbitrary: fc.constant(params.length), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: params.length + 1 }), weight: 1 });
  return fc.tuple(count, ...each, argument).map(([n, ...args]) => `{"args":[${args.slice(0, n).join(',')}]}`);
}

// ---- what every answer must be ----

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { message: unknown; kind: unknown };
}

function checkReply(method: string, requestBody: string, status: number, text: string): Reply {
  const where = `${method} ${requestBody.slice(0, 300)}`;
  expect(status, `${where}\n→ ${text.slice(0, 500)}`).not.toBe(500);
  let reply: Reply;
  try {
    reply = JSON.parse(text) as Reply;
  } catch {
    throw new Error(`${where}\n→ HTTP ${status}, not JSON: ${text.slice(0, 300)}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- parsed JSON: `ok` must be exactly true here, not merely truthy
  if (reply.ok === true) {
    expect(status, where).toBe(200);
    return reply;
  }
  expect(reply.ok, where).toBe(false);
  expect([400, 404, 409, 413], where).toContain(status);
  const { message, kind } = reply.error ?? {};
  expect(typeof kind, where).toBe('string');
  expect(typeof message, where).toBe('string');
  const sentence = message as string;
  expect(sentence.trim().length, where).toBeGreaterThan(0);
  // One sentence for a learner, not a bug report: no stack frame, no JavaScript error name.
  expect(sentence, where).not.toMatch(/\n\s+at |\bat .+:\d+:\d+|TypeError|RangeError|ReferenceError|SyntaxError|Something went wrong in the lab/);
  // Nor a value printed as nothing or as JavaScript sees it: "but it is ." or "[object Object]".
  expect(sentence, where).not.toMatch(/\s\.$|\[object \w+\]/);
  return reply;
}

/** A call that starts something (a run) is stopped at once: the fuzz must not leave trainings behind. */
async function stopWhatItStarted(method: LabMethod, reply: Reply): Promise<void> {
  if (method !== 'startRun' || !reply.ok) return;
  const { runId } = reply.value as { runId: number };
  const cancelled = await post('cancelRun', JSON.stringify({ args: [runId] }));
  if (cancelled.status === 200) return;
  // A run can end before the cancel arrives (a data file that fails to load, a run of a few steps): then the
  // answer is the sentence that it is not training, and the run has really ended.
  expect(JSON.parse(cancelled.body).error.message, cancelled.body).toBe(`Run ${runId} is not training in this lab right now.`);
  expect(['done', 'failed', 'cancelled', 'interrupted']).toContain(await statusOf(runId, () => true));
}

// deleteRun last: the other methods meet the seeded runs first.
const ORDER: LabMethod[] = [...LAB_METHODS.filter((m) => m !== 'deleteRun'), 'deleteRun'];

describe('the web host under arbitrary JSON', () => {
  for (const method of ORDER) {
    it(
      `${method}: never a 500, always the lab's value or a sentence`,
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.oneof(body, shapedArgs(method)), async (requestBody) => {
            const response = await post(method, requestBody);
            const reply = checkReply(method, requestBody, response.status, response.body);
            await stopWhatItStarted(method, reply);
          }),
          { numRuns: RUNS_PER_METHOD },
        );
        // Still there: a normal call answers as before.
        const after = await post('listDatasets', '{"args":[]}');
        expect(after.status).toBe(200);
        expect(JSON.parse(after.body).value.map((d: { source: string }) => d.source)).toContain('mnist');
      },
      FUZZ_TIMEOUT_MS,
    );
  }

  it('left no training running, and the host answers a normal call', async () => {
    const live = await post('listRuns', JSON.stringify({ args: [{ status: ['queued', 'running', 'paused'] }] }));
    expect(JSON.parse(live.body).value.runs).toEqual([]);
  });

  it('names of what every object has ("constructor", "__proto__") are no parameter of a stored run', async () => {
    const withWeights = addRun(running.service.store, { name: 'with weights again', weights: true, finalStatus: 'done' });
    for (const name of ['constructor', '__proto__', 'toString']) {
      for (const [method, args] of [
        ['readParams', [withWeights, [name]]],
        ['readParams', [withWeights, [name], 'start']],
        ['readParamHistograms', [withWeights, [name]]],
      ] as const) {
        const response = await post(method, JSON.stringify({ args }));
        expect(response.status, `${method} ${name}`).toBe(400);
        expect(JSON.parse(response.body).error).toEqual({
          kind: 'usage',
          message: `Run ${withWeights} has no parameter "${name}".`,
          said: { code: 'run.noParameter', values: { id: withWeights, name } },
        });
      }
    }
  });
});

/** Polls getRun until the run's status passes `done`; a bounded wait, since no event says "this status is stored". */
async function statusOf(id: number, done: (status: string) => boolean): Promise<string> {
  for (let i = 0; ; i++) {
    const status: string = JSON.parse((await post('getRun', JSON.stringify({ args: [id, 2] }))).body).value.status;
    if (done(status) || i === 500) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the web host under arbitrary JSON, while a run trains', () => {
  let live: number;

  beforeAll(async () => {
    // Ten thousand iterations an epoch for ten thousand epochs: it cannot finish during the fuzz, even
    // resumed now and then (240,000 iterations of the default spiral take ~25 s here).
    const long = experiment();
    long.data = { source: 'spiral', samples: 100_000 };
    long.training.epochs = 10_000;
    const started = await post('startRun', JSON.stringify({ args: [long, { name: 'trains during the fuzz', workers: 1 }] }));
    expect(started.status).toBe(200);
    live = JSON.parse(started.body).value.runId;
    knownIds.splice(0, knownIds.length, live);
    expect(await statusOf(live, (status) => status === 'running')).toBe('running');
    await keepPaused(true);
  });

  /** Kept paused between calls, so that it neither finishes during the fuzz nor takes a core from it. */
  async function keepPaused(resumed: boolean): Promise<void> {
    if (!resumed) return;
    expect(await statusOf(live, (status) => status === 'running')).toBe('running');
    expect((await post('pauseRun', JSON.stringify({ args: [live] }))).status).toBe(200);
    expect(await statusOf(live, (status) => status === 'paused')).toBe('paused');
  }

  // Everything but cancelRun, which would end it: the live paths of each (shared buffers, pause, refusal to delete).
  const LIVE_METHODS: LabMethod[] = [
    'readParams',
    'readParamHistograms',
    'pauseRun',
    'resumeRun',
    'getRun',
    'compareRuns',
    'updateRun',
    'deleteRun',
    'exportWeights',
    'exportMetricsCsv',
    'exportRun',
  ];
  for (const method of LIVE_METHODS) {
    it(
      `${method}: never a 500 on a live run`,
      async () => {
        await fc.assert(
          fc.asyncProperty(shapedArgs(method), async (requestBody) => {
            const response = await post(method, requestBody);
            const reply = checkReply(method, requestBody, response.status, response.body);
            await keepPaused(method === 'resumeRun' && reply.ok);
          }),
          { numRuns: Math.ceil(RUNS_PER_METHOD / 3) },
        );
      },
      FUZZ_TIMEOUT_MS,
    );
  }

  it('names of what every object has are no parameter of a live run either', async () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      for (const method of ['readParams', 'readParamHistograms']) {
        const response = await post(method, JSON.stringify({ args: [live, [name]] }));
        expect(response.status, `${method} ${name}`).toBe(400);
        expect(JSON.parse(response.body).error.message).toMatch(new RegExp(`^Run ${live} has no parameter "${name}" \\(it has W1, b1, W2, b2\\)\\.$`));
      }
    }
  });

  it('the run survived it all and stops when asked', async () => {
    expect(await statusOf(live, () => true)).toBe('paused');
    const cancelled = await post('cancelRun', JSON.stringify({ args: [live] }));
    expect(cancelled.status).toBe(200);
    expect(await statusOf(live, (status) => status === 'cancelled')).toBe('cancelled');
  });
});

describe('the web host under arbitrary JSON, many calls at once', () => {
  beforeAll(() => {
    const { store } = running.service;
    knownIds.splice(0, knownIds.length, ...[1, 2, 3].map((i) => addRun(store, { name: `at once ${i}`, weights: i === 1, finalStatus: 'done' })));
  });

  it(
    'answers every call of a burst with a value or a sentence, never a 500',
    async () => {
      const call = fc.constantFrom(...LAB_METHODS).chain((method) => shapedArgs(method).map((requestBody) => [method, requestBody] as const));
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 2, maxLength: 8 }), async (calls) => {
          const responses = await Promise.all(calls.map(([method, requestBody]) => post(method, requestBody)));
          for (const [i, [method, requestBody]] of calls.entries()) {
            const reply = checkReply(method, requestBody, responses[i]!.status, responses[i]!.body);
            await stopWhatItStarted(method, reply);
          }
        }),
        { numRuns: Math.ceil(RUNS_PER_METHOD / 4) },
      );
      const after = await post('listDatasets', '{"args":[]}');
      expect(after.status).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );
});
