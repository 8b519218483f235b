// Where each parameter of a network lives inside one flat array, so that a whole network's weights
// (or gradients, or running statistics) can sit on one SharedArrayBuffer that every worker thread sees.
// The order is the order in which Network allocates them: layer by layer, parameters then buffers.

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

export function flatLayout(plan: ModelPlan): FlatLayout {
  const params: FlatEntry[] = [];
  const buffers: FlatEntry[] = [];
  let paramLength = 0;
  let bufferLength = 0;
  for (const layer of plan.layers) {
    for (const p of layer.params) {
      params.push({ name: p.name, offset: paramLength, length: sizeOf(p.shape), shape: p.shape });
      paramLength += sizeOf(p.shape);
    }
    for (const b of layer.buffers) {
      buffers.push({ name: b.name, offset: bufferLength, length: sizeOf(b.shape), shape: b.shape });
      bufferLength += sizeOf(b.shape);
    }
  }
  return { params, buffers, paramLength, bufferLength };
}

/** Hands out consecutive pieces of one array: the Network's tensors become views into it. */
export function sequentialAllocator(storage: FloatArray): Allocator {
  let next = 0;
  return (length) => {
    if (next + length > storage.length) throw new Error('sequentialAllocator: the storage is too small for this network');
    const view = storage.subarray(next, next + length);
    next += length;
    return view;
  };
}

/** The share of `length` items that worker `index` of `workers` owns: a contiguous range. */
export function ownedRange(length: number, index: number, workers: number): [number, number] {
  return [Math.floor((length * index) / workers), Math.floor((length * (index + 1)) / workers)];
}
