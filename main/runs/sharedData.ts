// Datasets loaded once per process into SharedArrayBuffers (pixels and labels as bytes), so every
// worker of every run reads the same memory without a copy.

import type { DataSplit, Dataset } from '../../engine/data/dataset';
import { selectSplits } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import { loadDataSource } from '../../engine/node/datasets';
import { resolve } from 'node:path';

function toShared(split: DataSplit): DataSplit {
  const x = split.x instanceof Uint8Array
    ? new Uint8Array(new SharedArrayBuffer(split.x.byteLength))
    : new Float32Array(new SharedArrayBuffer(split.x.byteLength));
  x.set(split.x as never);
  const y = new Uint8Array(new SharedArrayBuffer(split.y.byteLength));
  y.set(split.y);
  return { x, y, count: split.count };
}

export class SharedDatasets {
  private readonly cache = new Map<string, Promise<Dataset>>();

  /**
   * The dataset of `data`, shared; `validation` and `trainLimit` are applied as views, never as copies
   * (a validation run's `test` is the held-out end of the shared training split; the test split is not read).
   */
  async load(data: DataSettings, baseDir?: string): Promise<Dataset> {
    const source = data.source.startsWith('idx:') ? `idx:${resolve(baseDir ?? process.cwd(), data.source.slice(4))}` : data.source;
    const key = JSON.stringify([source, data.samples ?? null, data.noise ?? null]);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = loadDataSource({ ...data, source, trainLimit: undefined, validation: undefined }).then((d) => ({ ...d, train: toShared(d.train), test: toShared(d.test) }));
      this.cache.set(key, pending);
      pending.catch(() => this.cache.delete(key));
    }
    return selectSplits(await pending, data);
  }
}
