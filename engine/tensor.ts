// A tensor is a shape and a flat, row-major array of numbers — NumPy's ndarray, reduced to what the
// book's layers need. Training runs in float32; gradient checks run the very same layers in float64.

export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;
export type Shape = readonly number[];

/** Makes the storage for `length` numbers; swap it to place tensors on a SharedArrayBuffer. */
export type Allocator = (length: number, dtype: DType) => FloatArray;

export const heapAllocator: Allocator = (length, dtype) => floatArray(length, dtype);

/** Storage on a SharedArrayBuffer, so worker threads can read and write it without copying. */
export const sharedAllocator: Allocator = (length, dtype) => {
  const bytes = dtype === 'float64' ? 8 : 4;
  const buffer = new SharedArrayBuffer(length * bytes);
  return dtype === 'float64' ? new Float64Array(buffer) : new Float32Array(buffer);
};

/** A zero-filled array of `length` numbers of the given precision. */
export function floatArray(length: number, dtype: DType): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

export function formatShape(shape: Shape): string {
  return shape.join('×');
}

export class Tensor {
  readonly shape: Shape;
  readonly data: FloatArray;

  constructor(shape: Shape, data: FloatArray) {
    if (sizeOf(shape) !== data.length) {
      throw new Error(`shape ${formatShape(shape)} needs ${sizeOf(shape)} values, got ${data.length}`);
    }
    this.shape = [...shape];
    this.data = data;
  }

  static zeros(shape: Shape, dtype: DType = 'float32', allocate: Allocator = heapAllocator): Tensor {
    return new Tensor(shape, allocate(sizeOf(shape), dtype));
  }

  /** A new tensor of the same dtype as `like`, filled with zeros. */
  static zerosLike(like: Tensor, shape: Shape = like.shape): Tensor {
    return Tensor.zeros(shape, like.dtype);
  }

  static from(shape: Shape, values: ArrayLike<number>, dtype: DType = 'float32'): Tensor {
    const t = Tensor.zeros(shape, dtype);
    t.data.set(values);
    return t;
  }

  get dtype(): DType {
    return dtypeOf(this.data);
  }

  get size(): number {
    return this.data.length;
  }

  /** The batch size: the first axis. */
  get rows(): number {
    return this.shape[0]!;
  }

  /** Everything after the first axis, as one number (the book's `x.reshape(N, -1)`). */
  get cols(): number {
    return this.shape.length === 0 ? 1 : this.data.length / this.shape[0]!;
  }

  /** Same numbers, another shape; shares the storage like NumPy's reshape of a contiguous array. */
  reshape(shape: Shape): Tensor {
    return new Tensor(shape, this.data);
  }

  clone(): Tensor {
    return new Tensor(this.shape, this.data.slice());
  }

  toArray(): number[] {
    return Array.from(this.data);
  }
}
