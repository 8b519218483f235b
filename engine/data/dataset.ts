// A dataset as the trainer sees it: a training split and a test split of labelled samples.
// Images are kept as bytes (0…255) — a quarter of the memory of floats, and exactly what an IDX file
// holds — and scaled to 0…1 only when a mini-batch is assembled, as the book's load_mnist(normalize=True).

import { Tensor, type DType, type Shape, sizeOf } from '../tensor';

export interface DataSplit {
  /** count × sampleSize values: bytes for images, floats for the toy 2-D sets. */
  x: Uint8Array | Float32Array;
  /** One class index per sample. */
  y: Uint8Array;
  count: number;
}

export interface Dataset {
  /** The source it came from, as written in an experiment: "mnist", "idx:/data/fashion", "spiral". */
  source: string;
  /** One line for people: what it is and where it came from. */
  description: string;
  /** The shape of one sample: [channels, height, width] for images, [features] otherwise. */
  inputShape: Shape;
  classes: number;
  classNames?: readonly string[];
  train: DataSplit;
  test: DataSplit;
}

export function sampleSize(dataset: Dataset): number {
  return sizeOf(dataset.inputShape);
}

/** The first `limit` training samples (the book's overfitting lab trains on x_train[:300]). */
export function limitTrain(dataset: Dataset, limit: number | undefined): Dataset {
  if (limit === undefined || limit >= dataset.train.count) return dataset;
  const d = sampleSize(dataset);
  const train: DataSplit = {
    x: dataset.train.x.subarray(0, limit * d),
    y: dataset.train.y.subarray(0, limit),
    count: limit,
  };
  return { ...dataset, train };
}

/** v / 255 for every byte v, computed once (the book's `x.astype(np.float32) / 255.0`). */
const BYTE_TO_UNIT = Float64Array.from({ length: 256 }, (_, v) => v / 255);

/** Gathers samples `indices[from…to)` of a split into a float batch [n, ...inputShape] and its labels. */
export function gatherBatch(
  split: DataSplit,
  inputShape: Shape,
  indices: ArrayLike<number> | null,
  from: number,
  to: number,
  dtype: DType = 'float32',
): { x: Tensor; t: Uint8Array } {
  const d = sizeOf(inputShape);
  const n = to - from;
  const x = Tensor.zeros([n, ...inputShape], dtype);
  const t = new Uint8Array(n);
  const out = x.data;
  const src = split.x;
  for (let r = 0; r < n; r++) {
    const i = indices ? indices[from + r] : from + r;
    const base = i * d;
    const o = r * d;
    if (src instanceof Uint8Array) {
      for (let k = 0; k < d; k++) out[o + k] = BYTE_TO_UNIT[src[base + k]];
    } else {
      for (let k = 0; k < d; k++) out[o + k] = src[base + k];
    }
    t[r] = split.y[i];
  }
  return { x, t };
}
