// Datasets loaded once per process into SharedArrayBuffers (pixels and labels as bytes), so every
// worker of every run reads the same memory without a copy.

import type { DataSplit, Dataset } from '../../engine/data/dataset';
import { limitTrain } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import { loadDataSource } from '../../engine/node/datasets';
import { resolve } from 'node:path';
import { groupDigits } from '../../engine/data/idx';
import { LabError } from '../../engine/errors';

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

  /** The dataset of `data`, shared; `trainLimit` is applied as a view, never as a copy. */
  async load(data: DataSettings, baseDir?: string): Promise<Dataset> {
    const source = data.source.startsWith('idx:') ? `idx:${resolve(baseDir ?? process.cwd(), data.source.slice(4))}` : data.source;
    const key = JSON.stringify([source, data.samples ?? null, data.noise ?? null]);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = loadDataSource({ ...data, source, trainLimit: undefined }).then((d) => ({ ...d, train: toShared(d.train), test: toShared(d.test) }));
      this.cache.set(key, pending);
      pending.catch(() => this.cache.delete(key));
    }
    const dataset = await pending;
    if (data.trainLimit !== undefined && data.trainLimit > dataset.train.count) {
      throw new LabError(
        'data',
        `trainLimit ${data.trainLimit} is larger than the training split of "${data.source}", which holds ${groupDigits(dataset.train.count)} samples.`,
      );
    }
    return limitTrain(dataset, data.trainLimit);
  }
}
