// Listing runs: search, filters, sorting with a stable tie-breaker, and paging.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LabError } from '../../../engine/errors';
import type { RunQuery, RunStatus } from '../../../main/api/contract';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, experiment } from './fixtures';

let store: RunStore;
const ids: Record<string, number> = {};
const T0 = Date.parse('2025-04-01T08:00:00.000Z');

interface Spec {
  key: string;
  name: string;
  at: number; // seconds after T0 the run starts
  seconds?: number; // how long it runs until it ends
  status?: RunStatus;
  dataset?: string;
  notes?: string;
  tags?: string[];
  epochs?: number;
}

const specs: Spec[] = [
  { key: 'adam', name: 'Adam on MNIST', at: 10, seconds: 50, dataset: 'mnist', tags: ['optimizers', 'ch6'], epochs: 3 },
  { key: 'sgd', name: 'SGD on MNIST', at: 20, seconds: 30, dataset: 'mnist', tags: ['optimizers'], epochs: 1 },
  { key: 'spiral', name: 'spiral warm-up', at: 30, seconds: 5, dataset: 'spiral', notes: 'the first thing the class runs', epochs: 2 },
  { key: 'korean', name: '과적합 실험', at: 40, seconds: 70, dataset: 'mnist', notes: '가중치 감소 없이', tags: ['ch6', '과적합'], epochs: 4 },
  { key: 'percent', name: '100%_sure', at: 50, seconds: 10, dataset: 'xor', epochs: 1 },
  { key: 'lookalike', name: '1000 sure', at: 60, seconds: 10, dataset: 'xor', epochs: 1 },
  { key: 'unicode', name: 'ÉCOLE run', at: 70, seconds: 20, dataset: 'circles', tags: ['Kör'], epochs: 2 },
  { key: 'running', name: 'still running', at: 80, status: 'running', dataset: 'mnist', epochs: 1 },
  { key: 'queued', name: 'waiting', at: 80, status: 'queued', dataset: 'mnist', epochs: 0 },
  { key: 'failed', name: 'too large a learning rate', at: 90, seconds: 1, status: 'failed', dataset: 'spiral', epochs: 0 },
];

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  store = RunStore.open(':memory:');
  for (const spec of specs) {
    vi.setSystemTime(T0 + spec.at * 1000);
    const id = addRun(store, { name: spec.name, experiment: experiment({ source: spec.dataset ?? 'spiral' }), status: 'running', epochs: spec.epochs ?? 1 });
    // Each run's accuracy rises with its epochs: more epochs, higher testAcc (none when it has no epoch).
    if (spec.seconds !== undefined) {
      vi.setSystemTime(T0 + (spec.at + spec.seconds) * 1000);
      store.setStatus(id, spec.status ?? 'done', spec.status === 'failed' ? 'diverged' : undefined);
    } else if (spec.status) {
      store.setStatus(id, spec.status);
    }
    if (spec.notes || spec.tags) store.updateRun(id, { ...(spec.notes ? { notes: spec.notes } : {}), ...(spec.tags ? { tags: spec.tags } : {}) });
    ids[spec.key] = id;
  }
  vi.useRealTimers();
});

afterAll(() => store.close());

const keysOf = (query: RunQuery) => {
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return store.listRuns(query).runs.map((r) => byId.get(r.id));
};

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('usage');
    return (error as LabError).message;
  }
  throw new Error('expected a refusal');
}

describe('listing runs', () => {
  it('lists the newest first by default, with summaries', () => {
    const page = store.listRuns({});
    expect(page.total).toBe(specs.length);
    // "running" and "queued" started at the same moment: the later id comes first, descending.
    expect(page.runs.map((r) => r.id)).toEqual([...Object.values(ids)].sort((a, b) => b - a));
    const adam = page.runs.find((r) => r.id === ids.adam)!;
    expect(adam).toMatchObject({
      name: 'Adam on MNIST',
      status: 'done',
      dataset: 'mnist',
      tags: ['optimizers', 'ch6'],
      epochsDone: 3,
      durationMs: 50_000,
      hasWeights: false,
    });
    expect(adam.startedAt).toBe(new Date(T0 + 10_000).toISOString());
  });

  it('searches name, notes, tags and dataset, case-insensitively, beyond ASCII too', () => {
    expect(keysOf({ search: 'mnist', sort: 'name', order: 'asc' })).toEqual(['adam', 'sgd', 'running', 'queued', 'korean']);
    expect(keysOf({ search: 'CLASS' })).toEqual(['spiral']); // notes
    expect(keysOf({ search: 'optimi' })).toEqual(['sgd', 'adam']); // tags
    expect(keysOf({ search: 'école' })).toEqual(['unicode']); // É folds to é
    expect(keysOf({ search: 'kÖR' })).toEqual(['unicode']); // a tag, folded
    expect(keysOf({ search: '과적합' })).toEqual(['korean']);
    expect(keysOf({ search: '감소' })).toEqual(['korean']);
    expect(keysOf({ search: 'circl' })).toEqual(['unicode']); // dataset
    expect(keysOf({ search: '   ' })).toHaveLength(specs.length);
  });

  it('takes % and _ in a search literally', () => {
    expect(keysOf({ search: '%' })).toEqual(['percent']);
    expect(keysOf({ search: '0%_s' })).toEqual(['percent']);
    expect(keysOf({ search: '_' })).toEqual(['percent']);
    expect(keysOf({ search: '\\' })).toEqual([]);
    expect(keysOf({ search: '"' })).toEqual([]); // tags are JSON text, but a quote is not in any tag
  });

  it('filters by statuses, tag and dataset, together with a search', () => {
    expect(keysOf({ status: ['running', 'queued'] })).toEqual(['queued', 'running']);
    expect(keysOf({ status: ['failed'] })).toEqual(['failed']);
    expect(keysOf({ status: [] })).toHaveLength(specs.length);
    expect(keysOf({ tag: 'ch6' })).toEqual(['korean', 'adam']);
    expect(keysOf({ tag: 'ch' })).toEqual([]); // a tag matches whole
    expect(keysOf({ dataset: 'xor' })).toEqual(['lookalike', 'percent']);
    expect(keysOf({ dataset: 'mnist', tag: 'optimizers', search: 'sgd' })).toEqual(['sgd']);
    expect(store.listRuns({ dataset: 'mnist', status: ['done'] }).total).toBe(3);
  });

  it('sorts by each column both ways, missing values last, id breaking ties', () => {
    expect(keysOf({ sort: 'startedAt', order: 'asc' })).toEqual(specs.map((s) => s.key));
    // NOCASE folds ASCII only; "É" and Hangul sort after every ASCII letter, by code point.
    expect(keysOf({ sort: 'name', order: 'asc' })).toEqual([
      'percent',
      'lookalike',
      'adam',
      'sgd',
      'spiral',
      'running',
      'failed',
      'queued',
      'unicode',
      'korean',
    ]);
    expect(keysOf({ sort: 'name', order: 'desc' })).toEqual([
      'korean',
      'unicode',
      'queued',
      'failed',
      'running',
      'spiral',
      'sgd',
      'adam',
      'lookalike',
      'percent',
    ]);
    expect(keysOf({ sort: 'durationMs', order: 'desc' })).toEqual([
      'korean',
      'adam',
      'sgd',
      'unicode',
      'lookalike',
      'percent',
      'spiral',
      'failed',
      'queued',
      'running',
    ]);
    expect(keysOf({ sort: 'durationMs', order: 'asc' })).toEqual([
      'failed',
      'spiral',
      'percent',
      'lookalike',
      'unicode',
      'sgd',
      'adam',
      'korean',
      'running',
      'queued',
    ]);
    // testAcc follows epochs (4 > 3 > 2 > 1); runs without an epoch have none and go last.
    expect(keysOf({ sort: 'testAcc', order: 'desc' })).toEqual([
      'korean',
      'adam',
      'unicode',
      'spiral',
      'running',
      'lookalike',
      'percent',
      'sgd',
      'failed',
      'queued',
    ]);
    expect(keysOf({ sort: 'testAcc', order: 'asc' })).toEqual([
      'sgd',
      'percent',
      'lookalike',
      'running',
      'spiral',
      'unicode',
      'adam',
      'korean',
      'queued',
      'failed',
    ]);
  });

  it('pages with offset and limit; total ignores paging', () => {
    const all = keysOf({ sort: 'startedAt', order: 'asc' });
    const pages = [0, 3, 6, 9].map((offset) => store.listRuns({ sort: 'startedAt', order: 'asc', offset, limit: 3 }));
    expect(pages.every((p) => p.total === specs.length)).toBe(true);
    expect(pages.flatMap((p) => p.runs.map((r) => r.id))).toEqual(all.map((k) => ids[k!]));
    expect(store.listRuns({ offset: 100 })).toEqual({ runs: [], total: specs.length });
    expect(store.listRuns({ limit: 0 })).toEqual({ runs: [], total: specs.length });
    expect(store.listRuns({ limit: 2, status: ['done'] }).total).toBe(7);
  });

  it('pages 50 at a time by default, up to 500', () => {
    const big = RunStore.open(':memory:');
    for (let i = 0; i < 55; i++) addRun(big, { epochs: 0 });
    expect(big.listRuns({}).runs).toHaveLength(50);
    expect(big.listRuns({ limit: 500 }).runs).toHaveLength(55);
    big.close();
  });

  it('refuses a query that makes no sense, in a sentence', () => {
    expect(usageError(() => store.listRuns({ limit: 501 }))).toBe('The page size (limit) can be at most 500, not 501.');
    expect(usageError(() => store.listRuns({ limit: -1 }))).toBe('The page size (limit) must be a whole number from 0 up, not -1.');
    expect(usageError(() => store.listRuns({ offset: 1.5 }))).toBe('The offset must be a whole number from 0 up, not 1.5.');
    expect(usageError(() => store.listRuns({ sort: 'loss' as never }))).toBe('Runs can be sorted by startedAt, name, testAcc, durationMs, not "loss".');
    expect(usageError(() => store.listRuns({ order: 'up' as never }))).toBe('The order must be "asc" or "desc", not "up".');
    expect(usageError(() => store.listRuns({ status: ['lost' as never] }))).toMatch(/^"lost" is not a run status/);
  });
});
