// The buffers a fast layer keeps from one call to the next, so that a training step allocates nothing
// once the batch shape has settled. A buffer is re-made only when the shape (or dtype) it must hold
// changes; its old contents are stale, so every kernel writing into one overwrites all of it (or
// zeroes it first, where the readable layer relied on a fresh zero-filled array).
//
// Lifetime: a layer keeps one set of buffers for training passes and another for inference passes
// (`ModeBuffers`), so an evaluation in batches of 500 between two training steps neither clobbers what
// a training forward left for its backward nor makes the next step re-allocate. A tensor a fast layer
// returns stays valid until that layer's next call of the same kind; whoever needs it longer copies it.
// Backward always differentiates the last TRAINING forward: an inference pass keeps nothing for it.
// (The readable layers differentiate whichever forward came last; a network never calls backward
// after an inference pass, so the two agree wherever a network can tell.)

import { floatArray, Tensor, type DType, type FloatArray, type Shape } from '../../tensor';

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One tensor, handed out again while the requested shape and dtype stay the same. */
export class ReusedTensor {
  private tensor: Tensor | null = null;

  get(shape: Shape, dtype: DType): Tensor {
    const t = this.tensor;
    if (t && t.dtype === dtype && sameShape(t.shape, shape)) return t;
    return (this.tensor = Tensor.zeros(shape, dtype));
  }
}

/** A flat array of at least `length` numbers that only ever grows: scratch used within a single call. */
export class Scratch {
  private array: FloatArray | null = null;

  get(length: number, dtype: DType): FloatArray {
    const a = this.array;
    if (a && a.length >= length && (dtype === 'float64') === a instanceof Float64Array) return a;
    return (this.array = floatArray(length, dtype));
  }
}

/** An Int32Array of exactly `length`, kept while the length stays the same (max pooling's winners). */
export class ReusedIndices {
  private array: Int32Array | null = null;

  get(length: number): Int32Array {
    if (this.array && this.array.length === length) return this.array;
    return (this.array = new Int32Array(length));
  }
}

/** The training-pass and the inference-pass copies of whatever a layer keeps per forward. */
export class ModeBuffers<T> {
  private readonly train: T;
  private readonly infer: T;

  constructor(make: () => T) {
    this.train = make();
    this.infer = make();
  }

  of(train: boolean): T {
    return train ? this.train : this.infer;
  }
}

/**
 * The bits of a Float32Array's numbers as an Int32Array over the same memory, remembered for the last
 * array asked about (so a layer's steady buffers get their view once). Integer masks on these bits let
 * ReLU and max pooling choose without a branch per value: on data whose signs are a coin toss, a branch
 * is mispredicted every other value and costs several times the work it guards.
 */
export class BitsView {
  private array: Float32Array | null = null;
  private view: Int32Array = new Int32Array(0);

  of(array: Float32Array): Int32Array {
    if (array !== this.array) {
      this.array = array;
      this.view = new Int32Array(array.buffer, array.byteOffset, array.length);
    }
    return this.view;
  }
}
