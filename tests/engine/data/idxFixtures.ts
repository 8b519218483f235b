// Hand-made IDX files for tests: written byte by byte here, independent of the parser under test.

import fc from 'fast-check';

export function idxBytes(dims: number[], data: ArrayLike<number>, options: { type?: number; magic?: [number, number] } = {}): Uint8Array {
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + data.length);
  bytes[0] = options.magic?.[0] ?? 0;
  bytes[1] = options.magic?.[1] ?? 0;
  bytes[2] = options.type ?? 0x08;
  bytes[3] = dims.length;
  dims.forEach((d, i) => {
    bytes[4 + 4 * i] = (d >>> 24) & 0xff;
    bytes[5 + 4 * i] = (d >>> 16) & 0xff;
    bytes[6 + 4 * i] = (d >>> 8) & 0xff;
    bytes[7 + 4 * i] = d & 0xff;
  });
  bytes.set(Array.from(data), header);
  return bytes;
}

export interface SmallSet {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** A tiny, valid MNIST-like set: `train` and `test` images of h×w, labels cycling through `classes`. */
export function smallSet(train = 6, test = 3, h = 2, w = 3, classes = 3): SmallSet {
  const pixels = (n: number, offset: number) => Array.from({ length: n * h * w }, (_, i) => (i * 7 + offset) % 256);
  const labels = (n: number) => Array.from({ length: n }, (_, i) => i % classes);
  return {
    trainImages: idxBytes([train, h, w], pixels(train, 1)),
    trainLabels: idxBytes([train], labels(train)),
    testImages: idxBytes([test, h, w], pixels(test, 100)),
    testLabels: idxBytes([test], labels(test)),
  };
}

export const SET_FILE_NAMES: Record<keyof SmallSet, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

export function asIdxFiles(set: SmallSet) {
  return {
    trainImages: { bytes: set.trainImages, name: SET_FILE_NAMES.trainImages },
    trainLabels: { bytes: set.trainLabels, name: SET_FILE_NAMES.trainLabels },
    testImages: { bytes: set.testImages, name: SET_FILE_NAMES.testImages },
    testLabels: { bytes: set.testLabels, name: SET_FILE_NAMES.testLabels },
  };
}

export type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'dim'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'extend'; extra: Uint8Array };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('dim' as const), at: fc.nat(), value: fc.nat({ max: 0xffffffff }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('extend' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
);

/** Applies byte flips, header-number overwrites, truncations and extensions, in order, to a copy. */
export function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const m of mutations) {
    if (m.kind === 'flip' && out.length > 0) out[m.at % out.length] = m.value;
    if (m.kind === 'dim' && out.length >= 8) {
      // Overwrite one of the header's uint32 slots (or the type/rank word) with an arbitrary number.
      const slot = 4 * (m.at % Math.floor(out.length / 4));
      new DataView(out.buffer).setUint32(Math.min(slot, 16), m.value, false);
    }
    if (m.kind === 'truncate') out = out.slice(0, m.at % (out.length + 1));
    if (m.kind === 'extend') out = Uint8Array.from([...out, ...m.extra]);
  }
  return out;
}
