// Where each parameter of a network lives inside one flat array, so that a whole network's weights
// (or gradients, or running statistics) can sit on one SharedArrayBuffer that every worker thread sees.
// The order is the order in which Network allocates them: layer by layer, parameters then buffers.
//
// Every entry starts on a 16-byte boundary (ALIGN floats), and so does every worker's share of it. The
// workers' kernels copy these arrays into WebAssembly memory and back, and a copy to or from a
// SharedArrayBuffer is slow already (V8 copies shared memory word by word: 8 µs for 39,200 floats, where
// an ordinary array takes 1.6 µs) and ten times slower again when the two sides are not aligned alike
// (64–80 µs with the shared side 4 bytes off). A layer of 25 units would otherwise have put every later
// parameter, and the second worker's gradients, 4 bytes off.

import type { ModelPlan } from '../model';
import { sizeOf, type Allocator, type FloatArray } from '../tensor';

export interface FlatEntry {
  name: string;
  offset: number;
  length: number;
  shape: readonly number[];
}

export interface FlatLayout {
  params: FlatEntry[];
  buffers: FlatEntry[];
  paramLength: number;
  bufferLength: number;
}

/** Floats per alignment step: 16 bytes, a SIMD vector and a multiple of the machine word. */
export const ALIGN = 4;

/** n rounded up to a multiple of ALIGN. */
function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

export function flatLayout(plan: ModelPlan): FlatLayout {
  const params: FlatEntry[] = [];
  const buffers: FlatEntry[] = [];
  let paramLength = 0;
  let bufferLength = 0;
  for (const layer of plan.layers) {
    for (const p of layer.params) {
      params.push({ name: p.name, offset: paramLength, length: sizeOf(p.shape), shape: p.shape });
      paramLength = alignUp(paramLength + sizeOf(p.shape));
    }
    for (const b of layer.buffers) {
      buffers.push({ name: b.name, offset: bufferLength, length: sizeOf(b.shape), shape: b.shape });
      bufferLength = alignUp(bufferLength + sizeOf(b.shape));
    }
  }
  return { params, buffers, paramLength, bufferLength };
}

/** Hands out consecutive pieces of one array, each at flatLayout's aligned offsets: the Network's tensors become views into it. */
export function sequentialAllocator(storage: FloatArray): Allocator {
  let next = 0;
  return (length) => {
    if (next + length > storage.length) throw new Error('sequentialAllocator: the storage is too small for this network');
    const view = storage.subarray(next, next + length);
    next = alignUp(next + length);
    return view;
  };
}

/** The share of `length` items that worker `index` of `workers` owns: a contiguous range. */
export function ownedRange(length: number, index: number, workers: number): [number, number] {
  return [Math.floor((length * index) / workers), Math.floor((length * (index + 1)) / workers)];
}

/** The same for the values of one parameter, every share but the first starting on an ALIGN boundary. */
export function ownedAlignedRange(length: number, index: number, workers: number): [number, number] {
  const cut = (v: number) => (v === workers ? length : Math.floor((length * v) / workers / ALIGN) * ALIGN);
  return [cut(index), cut(index + 1)];
}
