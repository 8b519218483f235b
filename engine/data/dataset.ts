// A dataset as the trainer sees it: a training split and a test split of labelled samples.
// Images are kept as bytes (0…255) — a quarter of the memory of floats, and exactly what an IDX file
// holds — and scaled to 0…1 only when a mini-batch is assembled, as the book's load_mnist(normalize=True).
// A validation split (§6.5) is carved from the end of the training split and takes the test split's
// place, so a run that tunes hyperparameters never reads the test data.

import { labError } from '../errors';
import { Rng } from '../rng';
import { groupDigits } from './idx';
import { Tensor, type DType, type Shape, sizeOf } from '../tensor';
import type { CsvFitted } from './csvSettings';

/** A file a dataset was read from, as a run records it: where, how large, and its content's SHA-256. */
export interface DataFile {
  path: string;
  bytes: number;
  sha256: string;
}

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
  /** The split a run is measured on: the test split, or the validation split when one is held out. */
  test: DataSplit;
  /** "validation" when `test` holds validation samples carved from the training split (holdOutValidation). */
  evaluatedOn?: 'test' | 'validation';
  /** The files read, for the run's record of its data (sources read from files the user chose). */
  files?: DataFile[];
  /** The image folder read (images: sources), for the same record. */
  folder?: DataFolder;
  /** A CSV table's columns, classes and scaling, which a weights file carries to read new rows the same way. */
  fitted?: CsvFitted;
}

/**
 * A folder of images a dataset was read from: where, how many images, and the SHA-256 of its listing
 * (each image's path inside the folder, class and size) — hashing every image's bytes would cost a
 * second read of the whole folder; names and sizes tell one folder from another, as a cache key does.
 */
export interface DataFolder {
  path: string;
  images: number;
  sha256: string;
}

/**
 * What a run records of the data it used: the files read (path, size, content hash) or the image folder,
 * and the classes with their names — so a run shows its classes after its data is gone (imported on
 * another machine). (The shape of one sample is the experiment's model.input.)
 */
export interface DataRecord {
  /** Empty for an image folder (then `folder`) and for an IDX folder (its files are not hashed). */
  files: DataFile[];
  folder?: DataFolder;
  classes: number;
  classNames?: string[];
}

/** A dataset's record, for the sources read from the user's own files; null for the bundled and generated ones. */
export function dataRecordOf(dataset: Dataset): DataRecord | null {
  if (!dataset.files && !dataset.folder && !dataset.source.startsWith('idx:')) return null;
  return {
    files: (dataset.files ?? []).map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })),
    ...(dataset.folder ? { folder: { ...dataset.folder } } : {}),
    classes: dataset.classes,
    ...(dataset.classNames ? { classNames: [...dataset.classNames] } : {}),
  };
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

/** Samples [from, to) of a split, as views on the same memory. */
function sliceSplit(split: DataSplit, d: number, from: number, to: number): DataSplit {
  return { x: split.x.subarray(from * d, to * d), y: split.y.subarray(from, to), count: to - from };
}

/**
 * The last `n` training samples held out as validation data (the book's §6.5: tune on data the network
 * did not train on, and keep the test data for the very end). The run trains on the samples before them
 * and is measured on them in place of the test split, which the returned dataset no longer holds. Views,
 * not copies, so a shared dataset stays shared.
 */
export function holdOutValidation(dataset: Dataset, n: number | undefined): Dataset {
  if (n === undefined) return dataset;
  if (!Number.isInteger(n) || n < 1) {
    throw labError('data', 'data.countField', { field: 'validation', value: String(n) });
  }
  const total = dataset.train.count;
  if (n >= total) {
    throw labError('data', 'data.validationTooLarge', { n: String(n), source: dataset.source, total: groupDigits(total), most: groupDigits(total - 1) });
  }
  const d = sampleSize(dataset);
  const keep = total - n;
  return {
    ...dataset,
    train: sliceSplit(dataset.train, d, 0, keep),
    test: sliceSplit(dataset.train, d, keep, total),
    evaluatedOn: 'validation',
  };
}

/**
 * The seed of the one shuffle of `validationFrom: "shuffled"` when the data settings name none (`splitSeed`):
 * a property of the data settings, not of the training seed, so every trial of a search shares its split.
 */
const DEFAULT_SPLIT_SEED = 0;

/** A split's samples in the order `order` gives, copied (into shared memory where the runtime has it, as the loaders share theirs). */
function reorderSplit(split: DataSplit, d: number, order: ArrayLike<number>): DataSplit {
  const bytes = (n: number) => (typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
  const n = order.length;
  const x = split.x instanceof Uint8Array ? new Uint8Array(bytes(n * d)) : new Float32Array(bytes(n * d * 4));
  const y = new Uint8Array(bytes(n));
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    x.set(split.x.subarray(i * d, (i + 1) * d), r * d);
    y[r] = split.y[i]!;
  }
  return { x, y, count: n };
}

/**
 * The book's split (§6.5.3, hyperparameter_optimization.py): the first `trainLimit + validation` training
 * samples, shuffled once (by `splitSeed`), the first `validation` of them held out and the rest trained on.
 * Without a trainLimit, the whole training split is shuffled.
 */
function shuffledValidation(dataset: Dataset, data: { trainLimit?: number; validation?: number; splitSeed?: number }): Dataset {
  const n = data.validation;
  if (n === undefined || !Number.isInteger(n) || n < 1) throw labError('data', 'data.countField', { field: 'validation', value: String(n) });
  const total = dataset.train.count;
  const used = data.trainLimit === undefined ? total : data.trainLimit + n;
  if (n >= total) {
    throw labError('data', 'data.validationTooLarge', { n: String(n), source: dataset.source, total: groupDigits(total), most: groupDigits(total - 1) });
  }
  if (used > total) {
    throw labError('data', 'data.trainLimitAfterValidation', {
      limit: String(data.trainLimit),
      source: dataset.source,
      validation: String(n),
      count: groupDigits(total - n),
    });
  }
  const order = new Rng(data.splitSeed ?? DEFAULT_SPLIT_SEED, 'validation-split').permutation(used);
  const d = sampleSize(dataset);
  return {
    ...dataset,
    train: reorderSplit(dataset.train, d, order.subarray(n)),
    test: reorderSplit(dataset.train, d, order.subarray(0, n)),
    evaluatedOn: 'validation',
  };
}

/**
 * An experiment's `validation` and `trainLimit` applied to a whole dataset, in that order: the last
 * `validation` training samples are held out first, then `trainLimit` takes the first samples of what
 * remains — so { trainLimit: 400, validation: 100 } trains on samples 0…399 and validates on the last 100.
 * With `validationFrom: "shuffled"`, the book's split instead (shuffledValidation).
 */
export function selectSplits(
  dataset: Dataset,
  data: { trainLimit?: number; validation?: number; validationFrom?: 'end' | 'shuffled'; splitSeed?: number },
): Dataset {
  if (data.validationFrom === 'shuffled' && data.validation !== undefined) return shuffledValidation(dataset, data);
  const held = holdOutValidation(dataset, data.validation);
  const limit = data.trainLimit;
  if (limit !== undefined && limit > held.train.count) {
    const count = groupDigits(held.train.count);
    throw data.validation === undefined
      ? labError('data', 'data.trainLimitTooLarge', { limit: String(limit), source: dataset.source, count })
      : labError('data', 'data.trainLimitAfterValidation', { limit: String(limit), source: dataset.source, validation: String(data.validation), count });
  }
  return limitTrain(held, limit);
}

/**
 * The samples of one epoch's mini-batches, in order: by default a shuffled pass (every sample once, as
 * the lab has always trained); with `batches: "random"` each mini-batch drawn at random with replacement,
 * as the book's Trainer does (np.random.choice(train_size, batch_size), §6.5.3).
 */
export function epochOrder(rng: Rng, count: number, samplesPerEpoch: number, batches: 'shuffled' | 'random' | undefined): Uint32Array {
  if (batches !== 'random') return rng.permutation(count);
  const order = new Uint32Array(samplesPerEpoch);
  for (let i = 0; i < samplesPerEpoch; i++) order[i] = rng.int(count);
  return order;
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
    const i = indices ? indices[from + r]! : from + r;
    const base = i * d;
    const o = r * d;
    if (src instanceof Uint8Array) {
      for (let k = 0; k < d; k++) out[o + k] = BYTE_TO_UNIT[src[base + k]!]!;
    } else {
      for (let k = 0; k < d; k++) out[o + k] = src[base + k]!;
    }
    t[r] = split.y[i]!;
  }
  return { x, t };
}
