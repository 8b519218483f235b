// The graph lab's cross-checks against the engine's real layers, shown once the backward pass is done:
// the sigmoid graph's ∂L/∂x against the shortcut dout·y(1 − y) and the Sigmoid layer, and the Affine
// graph's Y, dX, dW, dB against the Affine layer. The layers run here, in float64, on the same numbers.

import type { GraphWalk, Value } from '../../../engine/labs/graph';
import { Affine } from '../../../engine/layers/Affine';
import { Sigmoid } from '../../../engine/layers/Sigmoid';
import { Tensor } from '../../../engine/tensor';

const tensor = (v: Value) => Tensor.from(v.shape.length ? v.shape : [1], v.data, 'float64');

export interface SigmoidCheck {
  /** ∂L/∂x as the graph computed it, node by node. */
  dx: number;
  y: number;
  up: number;
  /** up · y(1 − y). */
  short: number;
  /** What the engine's Sigmoid layer's backward gives for the same x and upstream gradient. */
  layer: number;
}

export function sigmoidCheck(walk: GraphWalk): SigmoidCheck {
  const x = walk.values.x!;
  const up = walk.grads.y!.data[0]!;
  const y = walk.values.y!.data[0]!;
  const layer = new Sigmoid();
  layer.forward(tensor(x));
  return { dx: walk.grads.x!.data[0]!, y, up, short: up * y * (1 - y), layer: layer.backward(tensor(walk.grads.y!)).data[0]! };
}

/** The largest |difference| between the graph's Y, dX, dW, dB and the Affine layer's. */
export function affineCheck(walk: GraphWalk): number {
  const { X, W, B, Y } = walk.values as Record<'X' | 'W' | 'B' | 'Y', Value>;
  const layer = new Affine(tensor(W), tensor(B));
  const y = layer.forward(tensor(X));
  const dx = layer.backward(tensor(walk.grads.Y!));
  const pairs: [ArrayLike<number>, ArrayLike<number>][] = [
    [Y.data, y.data],
    [walk.grads.X!.data, dx.data],
    [walk.grads.W!.data, layer.grads.W!.data],
    [walk.grads.B!.data, layer.grads.b!.data],
  ];
  let worst = 0;
  for (const [a, b] of pairs) for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
