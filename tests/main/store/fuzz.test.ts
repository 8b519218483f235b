// Whatever text is handed to importRuns — random, or a valid dlab-run file with something broken —
// the store either imports it or refuses it with a LabError, and a refusal changes nothing stored.

import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, experiment, hashDatabase, removeTempDirs, tempDir } from './fixtures';

let store: RunStore;
let path: string;
let validText: string;
let baseline: string;

beforeAll(() => {
  const source = RunStore.open(':memory:');
  const a = addRun(source, { name: 'with weights', epochs: 2, weights: true, finalStatus: 'done' });
  const b = addRun(source, { name: 'live', experiment: experiment({ lr: 0.5, source: 'xor' }), epochs: 1, status: 'running' });
  source.updateRun(a, { notes: 'notes', tags: ['t1', 't2'] });
  validText = JSON.stringify({ format: 'dlab-run', version: 1, runs: [a, b].map((id) => JSON.parse(source.exportRun(id)).runs[0]) });
  source.close();

  path = join(tempDir(), 'lab.db');
  store = RunStore.open(path);
  addRun(store, { name: 'mine', finalStatus: 'done' });
  // The valid file is already here: a mutation that keeps it valid and keeps the uids is all duplicates.
  expect(store.importRuns(validText)).toEqual({ imported: 2, duplicates: 0 });
  baseline = hashDatabase(path);
});

afterAll(() => {
  store.close();
  removeTempDirs();
});

/** Imports `text`; a refusal must be a LabError and leave the database exactly as it was. */
function importChecked(text: string): void {
  const runsBefore = store.listRuns({ limit: 0 }).total;
  let result;
  try {
    result = store.importRuns(text);
  } catch (error) {
    if (!(error instanceof LabError)) throw new Error(`importRuns threw ${String(error)} instead of a LabError`, { cause: error });
    expect(error.message).toMatch(/^The run file\b.*\.$/s);
    expect(hashDatabase(path)).toBe(baseline);
    return;
  }
  expect(store.listRuns({ limit: 0 }).total).toBe(runsBefore + result.imported);
  if (result.imported === 0) expect(hashDatabase(path)).toBe(baseline);
  baseline = hashDatabase(path);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON document: the path to it, as keys and indexes. */
function places(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) places(v, [...at, k], out);
  return out;
}

type Mutation = { kind: 'replace' | 'delete' | 'insert' | 'duplicate'; place: number; value: Json; key: string };

function mutate(doc: Json, m: Mutation): Json {
  const all = places(doc);
  const at = all[m.place % all.length]!;
  if (at.length === 0) return m.kind === 'replace' ? m.value : doc;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the walk goes through parsed JSON at any depth to mutate it on purpose
  const parent = at.slice(0, -1).reduce<any>((node, k) => node[k], doc);
  const last = at[at.length - 1]!;
  switch (m.kind) {
    case 'replace':
      parent[last] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else Reflect.deleteProperty(parent, last);
      break;
    case 'insert':
      if (Array.isArray(parent)) parent.splice(last as number, 0, m.value);
      else parent[m.key] = m.value;
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
      else parent[`${String(last)}${m.key}`] = structuredClone(parent[last]);
      break;
  }
  return doc;
}

const mutation = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'insert', 'duplicate') as fc.Arbitrary<Mutation['kind']>,
  place: fc.nat(),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    fc.constantFrom<Json>(0, -1, 1.5, 1e308, -0, '', 'running', 'interrupted', 'dlab-run', [], {}, null, '2025-01-01T00:00:00Z', [1, 2]),
  ),
  key: fc.constantFrom('x', 'uid', 'name', 'epoch', 'format', '__proto__', 'constructor'),
});

describe('importRuns under fuzzing', () => {
  it('random text is imported or refused with a LabError, never changing the database on refusal', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.json({ maxDepth: 4 }),
          fc.jsonValue({ maxDepth: 3 }).map((runs) => JSON.stringify({ format: 'dlab-run', version: 1, runs })),
          fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }).map((runs) => JSON.stringify({ format: 'dlab-run', version: 1, runs })),
        ),
        (text) => importChecked(text),
      ),
      { numRuns: 400 },
    );
  });

  it('a valid file with one to three random mutations is imported or refused, never changing the database on refusal', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let doc = JSON.parse(validText) as Json;
        for (const m of mutations) doc = mutate(doc, m);
        importChecked(JSON.stringify(doc));
      }),
      { numRuns: 400 },
    );
  });

  it('a valid file cut or garbled anywhere in its text is imported or refused with a LabError', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), (at, garbage) => {
        const cut = at % validText.length;
        importChecked(validText.slice(0, cut));
        importChecked(validText.slice(0, cut) + garbage + validText.slice(cut + garbage.length));
      }),
      { numRuns: 300 },
    );
  });
});
