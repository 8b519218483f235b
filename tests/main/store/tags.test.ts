// The runs list's tag filter offers every tag in the store (RunStore.listTags, the API's listTags), not
// only the tags of the page of runs the window has loaded: a real SQLite file with more runs than a page.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, experiment } from './fixtures';

const PAGE = 15; // the runs page's size (renderer/runs/RunsPage.tsx)
let dir: string;
let store: RunStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-tags-'));
  store = RunStore.open(join(dir, 'lab.sqlite'));
  // 40 runs; the oldest carry tags no newer run has, so the first page (newest first) never shows them.
  for (let i = 0; i < 40; i++) {
    const id = addRun(store, { name: `run ${i}`, experiment: experiment({ source: 'spiral' }), status: 'running', epochs: 1 });
    store.setStatus(id, 'done');
    const tags = i === 0 ? ['ch5', '과적합'] : i === 1 ? ['ch5', 'homework 3'] : i % 10 === 0 ? ['lab:optimizers'] : [];
    if (tags.length) store.updateRun(id, { tags });
  }
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every tag in the store', () => {
  it('includes the tags of runs far past the first page, each once, sorted', () => {
    const firstPage = store.listRuns({ sort: 'startedAt', order: 'desc', limit: PAGE });
    expect(firstPage.total).toBe(40);
    expect(firstPage.runs.flatMap((run) => run.tags)).not.toContain('ch5');
    expect(store.listTags()).toEqual(['ch5', 'homework 3', 'lab:optimizers', '과적합']);
  });

  it('follows the store: a tag removed from its last run leaves the list, a new one joins it', () => {
    const [oldest] = store.listRuns({ sort: 'startedAt', order: 'asc', limit: 1 }).runs;
    store.updateRun(oldest!.id, { tags: ['weight decay'] });
    expect(store.listTags()).toEqual(['ch5', 'homework 3', 'lab:optimizers', 'weight decay']);
  });

  it('is empty in an empty store, and read from another connection to the same file', () => {
    const other = RunStore.open(join(dir, 'lab.sqlite'));
    try {
      expect(other.listTags()).toContain('homework 3');
    } finally {
      other.close();
    }
    const empty = RunStore.open(':memory:');
    try {
      expect(empty.listTags()).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
