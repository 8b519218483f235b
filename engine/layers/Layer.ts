// The contract every layer keeps, as in the book's common/layers.py: forward keeps what backward
// will need; backward takes ∂L/∂out and returns ∂L/∂in, writing ∂L/∂param into `grads` under the
// same keys as `params`. Backward never writes into `dout` or `x`: those buffers may be shared.

import { Tensor } from '../tensor';

export interface Layer {
  readonly type: string;
  /** Trainable parameters under the book's keys: W and b, or gamma and beta. */
  readonly params: Record<string, Tensor>;
  /** Filled by backward, same keys and shapes as params. */
  readonly grads: Record<string, Tensor>;
  /** Saved with the weights but not trained: BatchNorm's running mean and variance. */
  readonly buffers: Record<string, Tensor>;
  forward(x: Tensor, train: boolean): Tensor;
  backward(dout: Tensor): Tensor;
}

/** Zero-filled gradients shaped like the parameters. */
export function gradsLike(params: Record<string, Tensor>): Record<string, Tensor> {
  const grads: Record<string, Tensor> = {};
  for (const [key, p] of Object.entries(params)) grads[key] = Tensor.zeros(p.shape, p.dtype);
  return grads;
}

/** For layers whose backward was called before forward: a programming error, never user input. */
export function needsForward(type: string): never {
  throw new Error(`${type}.backward called before forward`);
}
