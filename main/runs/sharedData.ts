// Datasets loaded once per process into SharedArrayBuffers (pixels and labels as bytes), so every
// worker of every run reads the same memory without a copy.
// The cache is bounded: a dataset stays while a run holds it (acquire at start, release at the end),
// and of those no run holds, only the few used last are kept, for the next run on the same data; the
// others are dropped, so a day of trying one folder after another does not keep every folder in memory.

import type { DataSplit, Dataset } from '../../engine/data/dataset';
import { selectSplits } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import { loadSource, sourceVersion } from '../data/sources';
import { refuseNetworkPath } from '../../engine/paths';
import { resolve } from 'node:path';

/** Datasets no run holds that are kept for a next run: enough to go back and forth between two. */
export const UNUSED_DATASETS_KEPT = 2;

/** The split on SharedArrayBuffers: its arrays themselves where they are on one already (IDX files are read onto one). */
function toShared(split: DataSplit): DataSplit {
  return { x: onShared(split.x), y: onShared(split.y), count: split.count };
}

/** The array itself when it is on a SharedArrayBuffer already, else a copy on one. */
function onShared<T extends Uint8Array | Float32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = (a instanceof Uint8Array ? new Uint8Array(new SharedArrayBuffer(a.byteLength)) : new Float32Array(new SharedArrayBuffer(a.byteLength))) as T;
  copy.set(a);
  return copy;
}

interface Entry {
  key: string;
  dataset: Promise<Dataset>;
  /** Runs that hold it now. */
  holders: number;
  /** When it was last asked for or let go of (a counter, not a clock): the least recent goes first. */
  lastUsed: number;
}

export class SharedDatasets {
  private readonly cache = new Map<string, Entry>();
  /** The entry behind each dataset handed out, so that hold() and release() find it. */
  private readonly origin = new WeakMap<Dataset, Entry>();
  private readonly holding = new WeakSet<Dataset>();
  private uses = 0;

  constructor(private readonly unusedKept = UNUSED_DATASETS_KEPT) {}

  /**
   * The dataset of `data`, shared; `validation` and `trainLimit` are applied as views, never as copies
   * (a validation run's `test` is the held-out end of the shared training split; the test split is not read).
   * Nothing holds it: a run calls hold() on it, and release() when it ends.
   */
  async load(data: DataSettings, baseDir?: string): Promise<Dataset> {
    const entry = this.entry(data, baseDir);
    try {
      // A new object for every caller (the arrays are the shared ones): each hold is told apart.
      const dataset = { ...selectSplits(await entry.dataset, data) };
      this.origin.set(dataset, entry);
      return dataset;
    } finally {
      this.evictUnused();
    }
  }

  /**
   * Keeps a dataset load() returned in memory, for one run, until release(). Called straight after
   * load() (with no await between), so the entry is still cached; were it not, it is cached again.
   */
  hold(dataset: Dataset): void {
    const entry = this.origin.get(dataset);
    if (!entry || this.holding.has(dataset)) return;
    this.holding.add(dataset);
    entry.holders++;
    if (!this.cache.has(entry.key)) this.cache.set(entry.key, entry);
  }

  /** Lets go of a held dataset; once no run holds it, it may be dropped. Twice is once. */
  release(dataset: Dataset): void {
    const entry = this.origin.get(dataset);
    if (!entry || !this.holding.has(dataset)) return;
    this.holding.delete(dataset);
    entry.holders--;
    entry.lastUsed = ++this.uses;
    this.evictUnused();
  }

  /** The sources in memory now, with how many runs hold each: for tests and diagnostics. */
  cached(): { key: string; holders: number }[] {
    return [...this.cache.values()].map(({ key, holders }) => ({ key, holders }));
  }
  private entry(data: DataSettings, baseDir?: string): Entry {
    let source = data.source;
    const prefix = ['idx:', 'images:'].find((p) => source.startsWith(p));
    if (prefix !== undefined) {
      const folder = source.slice(prefix.length);
      refuseNetworkPath(folder, 'The data folder'); // before resolve(), which would hide it on Linux
      source = `${prefix}${resolve(baseDir ?? process.cwd(), folder)}`;
    }
    // A file's source (csv:) is named relative to baseDir, and an edited file is another dataset.
    const version = sourceVersion(data, baseDir ?? process.cwd());
    const files = version ? [resolve(baseDir ?? process.cwd()), version] : [];
    const key = JSON.stringify([
      source,
      data.samples ?? null,
      data.noise ?? null,
      data.csv ?? null,
      data.channels ?? null,
      data.width ?? null,
      data.height ?? null,
      ...files,
    ]);
    let entry = this.cache.get(key);
    if (!entry) {
      const dataset = loadSource({ ...data, source, trainLimit: undefined, validation: undefined }, { baseDir }).then((d) => ({
        ...d,
        train: toShared(d.train),
        test: toShared(d.test),
      }));
      const created: Entry = { key, dataset, holders: 0, lastUsed: 0 };
      dataset.catch(() => {
        if (this.cache.get(key) === created) this.cache.delete(key);
      });
      this.cache.set(key, created);
      entry = created;
    }
    entry.lastUsed = ++this.uses;
    return entry;
  }

  private evictUnused(): void {
    const unused = [...this.cache.values()].filter((e) => e.holders === 0).sort((a, b) => b.lastUsed - a.lastUsed);
    for (const entry of unused.slice(this.unusedKept)) this.cache.delete(entry.key);
  }
}
