import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { datasetFromIdx, groupDigits, parseIdx, parseIdxHeader } from '../../../engine/data/idx';
import { asIdxFiles, idxBytes, mutate, mutation, smallSet } from './idxFixtures';

function refusal(run: () => unknown): LabError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError, but nothing was thrown');
}

describe('parseIdx', () => {
  it('reads a 1-D label file', () => {
    const { dims, data } = parseIdx(idxBytes([4], [3, 1, 4, 1]), 'labels');
    expect(dims).toEqual([4]);
    expect(Array.from(data)).toEqual([3, 1, 4, 1]);
  });

  it('reads a 3-D image file as a view into the given bytes, big-endian dims', () => {
    const bytes = idxBytes([2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    const { dims, data } = parseIdx(bytes, 'images');
    expect(dims).toEqual([2, 2, 3]);
    expect(Array.from(data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    expect(data.buffer).toBe(bytes.buffer);
    expect(data.byteOffset).toBe(16);
  });

  it('reads dims above 2^24 and 2^31 correctly from the header alone', () => {
    const bytes = new Uint8Array([0, 0, 8, 2, 0x01, 0x02, 0x03, 0x04, 0x80, 0, 0, 1]);
    expect(parseIdxHeader(bytes, 'f').dims).toEqual([0x01020304, 0x80000001]);
  });

  it('reads a 4-D file', () => {
    const { dims, data } = parseIdx(idxBytes([1, 1, 2, 2], [9, 8, 7, 6]), 'f');
    expect(dims).toEqual([1, 1, 2, 2]);
    expect(data.length).toBe(4);
  });

  it('refuses a file too short for a header', () => {
    const e = refusal(() => parseIdx(new Uint8Array([0, 0, 8]), 'tiny.idx'));
    expect(e.kind).toBe('file');
    expect(e.message).toBe('tiny.idx: the file is too short for an IDX header: it holds 3 bytes, but the header alone needs at least 4.');
    expect(refusal(() => parseIdx(new Uint8Array(0), 'empty')).message).toContain('empty: the file is too short');
  });

  it('refuses a header cut inside its dimensions', () => {
    const e = refusal(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0]), 'cut'));
    expect(e.message).toContain('cut:');
    expect(e.message).toContain('3 dimensions need 16 header bytes, but it holds 10 bytes');
  });

  it('refuses a bad magic number, and recognises a gzip file', () => {
    expect(refusal(() => parseIdx(idxBytes([1], [0], { magic: [0, 1] }), 'odd')).message).toBe(
      'odd: this is not an IDX file: it should begin with two zero bytes, but begins with 0x00 0x01.',
    );
    const gz = refusal(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), 'x-ubyte'));
    expect(gz.message).toContain('x-ubyte: this is not an IDX file');
    expect(gz.message).toContain('gzip');
  });

  it('refuses every type but unsigned byte, by name', () => {
    const float = refusal(() => parseIdx(idxBytes([1], [0, 0, 0, 0], { type: 0x0d }), 'w.idx'));
    expect(float.message).toBe('w.idx: the file holds data of type 0x0D (32-bit float), but only 0x08 (unsigned byte) is supported.');
    expect(refusal(() => parseIdx(idxBytes([1], [0], { type: 0x09 }), 'f')).message).toContain('signed byte');
    expect(refusal(() => parseIdx(idxBytes([1], [0, 0], { type: 0x0b }), 'f')).message).toContain('16-bit integer');
    expect(refusal(() => parseIdx(idxBytes([1], [0], { type: 0x42 }), 'f')).message).toContain('0x42 (not an IDX type)');
  });

  it('refuses 0 dimensions and more than 4', () => {
    expect(refusal(() => parseIdx(new Uint8Array([0, 0, 8, 0, 1, 2]), 'none')).message).toBe(
      'none: the header declares 0 dimensions, but an IDX file needs 1 to 4.',
    );
    const five = refusal(() => parseIdx(idxBytes([1, 1, 1, 1, 1], [7]), 'five'));
    expect(five.message).toContain('five: the header declares 5 dimensions, but this lab reads at most 4');
  });

  it('refuses a zero dimension', () => {
    const e = refusal(() => parseIdx(idxBytes([3, 0, 28], []), 'zero'));
    expect(e.message).toBe('zero: dimension 2 of 3 is 0 (3×0×28), so the file holds no data.');
  });

  it('refuses truncated data with the numbers from the header', () => {
    const bytes = new Uint8Array(1024);
    bytes.set(idxBytes([60000, 28, 28], []));
    const e = refusal(() => parseIdx(bytes, 'train-images-idx3-ubyte.gz'));
    expect(e.kind).toBe('file');
    expect(e.message).toBe(
      'train-images-idx3-ubyte.gz: the file is truncated: the header promises 60000 images of 28×28 (47,040,016 bytes) but it holds 1,024 bytes.',
    );
  });

  it('refuses a header that promises more than any file could hold, without allocating it', () => {
    const bytes = new Uint8Array([0, 0, 8, 4, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1]);
    expect(refusal(() => parseIdx(bytes, 'huge')).message).toContain('huge: the file is truncated');
  });

  it('refuses extra bytes after the data', () => {
    const bytes = new Uint8Array([...idxBytes([2], [1, 2]), 9, 9, 9]);
    const e = refusal(() => parseIdx(bytes, 'labels'));
    expect(e.message).toBe('labels: the file has 3 extra bytes after its data: the header promises 2 values (10 bytes) but it holds 13 bytes.');
  });

  it('groups digits in threes', () => {
    expect([0, 999, 1000, 47040016, 1234567890].map(groupDigits)).toEqual(['0', '999', '1,000', '47,040,016', '1,234,567,890']);
  });
});

describe('datasetFromIdx', () => {
  it('builds a dataset of views, classes from the largest label', () => {
    const set = smallSet(6, 3, 2, 3, 3);
    const ds = datasetFromIdx(asIdxFiles(set), 'idx:/tmp/x', 'a small set');
    expect(ds.source).toBe('idx:/tmp/x');
    expect(ds.description).toBe('a small set');
    expect(ds.inputShape).toEqual([1, 2, 3]);
    expect(ds.classes).toBe(3);
    expect(ds.train.count).toBe(6);
    expect(ds.test.count).toBe(3);
    expect(ds.train.x.buffer).toBe(set.trainImages.buffer);
    expect(ds.test.y.buffer).toBe(set.testLabels.buffer);
    expect(Array.from(ds.train.y)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(ds.train.x.length).toBe(36);
    expect(ds.train.x[0]).toBe(1);
  });

  it('counts a class seen only in the test labels', () => {
    const set = smallSet(4, 2, 1, 1, 2);
    set.testLabels = idxBytes([2], [0, 7]);
    expect(datasetFromIdx(asIdxFiles(set), 's', 'd').classes).toBe(8);
  });

  it('refuses images that are not 3-D and labels that are not 1-D', () => {
    const flat = smallSet();
    flat.trainImages = idxBytes([6, 6], new Array(36).fill(0));
    const e = refusal(() => datasetFromIdx(asIdxFiles(flat), 's', 'd'));
    expect(e.message).toBe('train-images-idx3-ubyte: expected images with 3 dimensions (count, height, width), but the header declares 2 (6×6).');
    const wide = smallSet();
    wide.testLabels = idxBytes([3, 1], [0, 1, 2]);
    expect(refusal(() => datasetFromIdx(asIdxFiles(wide), 's', 'd')).message).toContain(
      't10k-labels-idx1-ubyte: expected labels with 1 dimension, but the header declares 2 (3×1)',
    );
  });

  it('refuses a split whose image and label counts differ', () => {
    const set = smallSet();
    set.testLabels = idxBytes([2], [0, 1]);
    const e = refusal(() => datasetFromIdx(asIdxFiles(set), 's', 'd'));
    expect(e.kind).toBe('data');
    expect(e.message).toBe('The test split does not match: t10k-images-idx3-ubyte holds 3 images but t10k-labels-idx1-ubyte holds 2 labels.');
  });

  it('refuses train and test images of different sizes', () => {
    const set = smallSet(6, 3, 2, 3);
    set.testImages = idxBytes([3, 3, 2], new Array(18).fill(0));
    const e = refusal(() => datasetFromIdx(asIdxFiles(set), 's', 'd'));
    expect(e.message).toContain('The training images are 2×3');
    expect(e.message).toContain('test images are 3×2 (t10k-images-idx3-ubyte)');
  });

  it('refuses a single class', () => {
    const set = smallSet(6, 3, 2, 3, 1);
    const e = refusal(() => datasetFromIdx(asIdxFiles(set), 's', 'd'));
    expect(e.message).toBe(
      'Every label in train-labels-idx1-ubyte and t10k-labels-idx1-ubyte is 0, so there is only one class: a classifier needs at least 2.',
    );
  });
});

// ---- Properties: whatever bytes arrive, the answer is a parse or a LabError, quickly. ----

const validIdx = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }).chain((dims) =>
  fc.record({
    dims: fc.constant(dims),
    data: fc.uint8Array({ minLength: dims.reduce((a, b) => a * b, 1), maxLength: dims.reduce((a, b) => a * b, 1) }),
  }),
);

function expectParseOrLabError(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    expect(['file', 'data']).toContain(error.kind);
    expect(error.message.length).toBeGreaterThan(10);
  }
}

describe('IDX parsing under arbitrary input', () => {
  it('valid files parse back exactly', () => {
    fc.assert(
      fc.property(validIdx, ({ dims, data }) => {
        const parsed = parseIdx(idxBytes(dims, data), 'f');
        expect(parsed.dims).toEqual(dims);
        expect(Array.from(parsed.data)).toEqual(Array.from(data));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes give a parse or a LabError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expectParseOrLabError(() => {
          const { dims, data } = parseIdx(bytes, 'random');
          expect(data.length).toBe(dims.reduce((a, b) => a * b, 1));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes behind a plausible header give a parse or a LabError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.uint8Array({ maxLength: 48 }), (rank, rest) => {
        expectParseOrLabError(() => parseIdx(Uint8Array.from([0, 0, 8, rank, ...rest]), 'plausible'));
      }),
      { numRuns: 300 },
    );
  });

  it('mutated valid files give a parse or a LabError that names the file', () => {
    fc.assert(
      fc.property(validIdx, fc.array(mutation, { minLength: 1, maxLength: 3 }), ({ dims, data }, mutations) => {
        const bytes = mutate(idxBytes(dims, data), mutations);
        try {
          const parsed = parseIdx(bytes, 'mutant-idx3-ubyte');
          expect(parsed.data.length + 4 + 4 * parsed.dims.length).toBe(bytes.length);
        } catch (error) {
          if (!(error instanceof LabError)) throw error;
          expect(error.message.startsWith('mutant-idx3-ubyte: ')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a mutated file in a dataset gives a consistent dataset or a LabError', () => {
    const roles = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...roles),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (role, mutations, train, test) => {
          const set = smallSet(train, test, 2, 2, 3);
          set[role] = mutate(set[role], mutations);
          expectParseOrLabError(() => {
            const ds = datasetFromIdx(asIdxFiles(set), 's', 'd');
            const [, h, w] = ds.inputShape as [number, number, number];
            for (const split of [ds.train, ds.test]) {
              expect(split.x.length).toBe(split.count * h * w);
              expect(split.y.length).toBe(split.count);
              for (const label of split.y) expect(label).toBeLessThan(ds.classes);
            }
            expect(ds.classes).toBeGreaterThanOrEqual(2);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
