// The computational graph lab's engine held to the book: the shopping graphs' forward and backward values
// (§5.2–5.4), the sigmoid graph against the Sigmoid layer (§5.5.2), and the Affine node's shapes and
// gradients against the Affine layer (§5.6).

import { describe, expect, it } from 'vitest';
import { GRAPHS, GRAPH_IDS, matrix, scalar, stateAt, vector, walkGraph, type GraphWalk, type Value } from '../../../engine/labs/graph';
import { Affine } from '../../../engine/layers/Affine';
import { Sigmoid } from '../../../engine/layers/Sigmoid';
import { Tensor } from '../../../engine/tensor';

function walked(result: ReturnType<typeof walkGraph>): GraphWalk {
  if (!result.ok) throw new Error(`walk failed at ${result.edge} (${result.phase})`);
  return result.walk;
}

const one = (v: Value) => {
  expect(v.shape).toEqual([]);
  return v.data[0];
};

describe('the apple graph (§5.3.3)', () => {
  const walk = walked(walkGraph(GRAPHS.apples));

  it('forward: 2 apples × 100 won × tax 1.1 = 220', () => {
    expect(one(walk.values.apple_price!)).toBe(200);
    expect(one(walk.values.price!)).toBeCloseTo(220, 10);
  });

  it('backward from dprice = 1: dApple 2.2, dApple_num 110, dTax 200', () => {
    expect(one(walk.grads.price!)).toBe(1);
    expect(one(walk.grads.apple_price!)).toBeCloseTo(1.1, 12);
    expect(one(walk.grads.apple!)).toBeCloseTo(2.2, 12);
    expect(one(walk.grads.apple_num!)).toBeCloseTo(110, 10);
    expect(one(walk.grads.tax!)).toBeCloseTo(200, 10);
  });

  it('records one step per node and pass, each setting the edges the book draws at that moment', () => {
    // inputs, ×apple, ×tax, then dprice, ×tax backward, ×apple backward
    expect(walk.steps.map((s) => `${s.phase}:${s.node}`)).toEqual([
      'forward:null',
      'forward:mulApple',
      'forward:mulTax',
      'backward:null',
      'backward:mulTax',
      'backward:mulApple',
    ]);
    expect(walk.steps[4]!.set.map((s) => s.edge)).toEqual(['apple_price', 'tax']);
    const midway = stateAt(walk, 1);
    expect(Object.keys(midway.values).sort()).toEqual(['apple', 'apple_num', 'apple_price', 'tax']);
    expect(midway.grads).toEqual({});
    const backwardStarted = stateAt(walk, 4);
    expect(Object.keys(backwardStarted.grads).sort()).toEqual(['apple_price', 'price', 'tax']);
    expect(Object.keys(stateAt(walk, walk.steps.length - 1).grads).length).toBe(5);
  });

  it('follows edited inputs: 3 apples at 50 won with tax 1.2', () => {
    const w = walked(walkGraph(GRAPHS.apples, { apple: scalar(50), apple_num: scalar(3), tax: scalar(1.2) }));
    expect(one(w.values.price!)).toBeCloseTo(180, 10);
    expect(one(w.grads.apple!)).toBeCloseTo(3.6, 12); // tax × apple_num
    expect(one(w.grads.apple_num!)).toBeCloseTo(60, 10); // tax × apple
    expect(one(w.grads.tax!)).toBeCloseTo(150, 10);
  });
});

describe('apples and oranges (§5.4.2)', () => {
  const walk = walked(walkGraph(GRAPHS.applesOranges));

  it('forward: (2 × 100 + 3 × 150) × 1.1 = 715', () => {
    expect(one(walk.values.all_price!)).toBe(650);
    expect(one(walk.values.price!)).toBeCloseTo(715, 10);
  });

  it('backward: dApple 2.2, dApple_num 110, dOrange 3.3, dOrange_num 165, dTax 650', () => {
    expect(one(walk.grads.apple!)).toBeCloseTo(2.2, 12);
    expect(one(walk.grads.apple_num!)).toBeCloseTo(110, 10);
    expect(one(walk.grads.orange!)).toBeCloseTo(3.3, 12);
    expect(one(walk.grads.orange_num!)).toBeCloseTo(165, 10);
    expect(one(walk.grads.tax!)).toBeCloseTo(650, 10);
  });

  it('the add node passes the gradient through to both of its inputs', () => {
    expect(one(walk.grads.apple_price!)).toBeCloseTo(1.1, 12);
    expect(one(walk.grads.orange_price!)).toBeCloseTo(1.1, 12);
  });
});

describe('the sigmoid graph (§5.5.2)', () => {
  for (const x of [-4, -1, 0, 0.5, 2, 7.5]) {
    it(`x = ${x}: forward and backward match the Sigmoid layer, and dx = y(1 − y)`, () => {
      const walk = walked(walkGraph(GRAPHS.sigmoid, { x: scalar(x) }));
      const layer = new Sigmoid();
      const y = layer.forward(Tensor.from([1], [x], 'float64')).data[0]!;
      const dx = layer.backward(Tensor.from([1], [1], 'float64')).data[0]!;
      expect(one(walk.values.y!)).toBeCloseTo(y, 14);
      expect(one(walk.grads.x!)).toBeCloseTo(dx, 14);
      expect(one(walk.grads.x!)).toBeCloseTo(y * (1 - y), 14);
    });
  }

  it('each node applies its own local derivative (the book’s figure 5-20)', () => {
    const walk = walked(walkGraph(GRAPHS.sigmoid, { x: scalar(1) }, scalar(1)));
    const y = one(walk.values.y!);
    const den = one(walk.values.denominator!);
    expect(one(walk.grads.denominator!)).toBeCloseTo(-1 / (den! * den!), 14); // / node: −y²
    expect(one(walk.grads.expMinusX!)).toBeCloseTo(-y! * y!, 14); // + node passes it through
    expect(one(walk.grads.minusX!)).toBeCloseTo(-y! * y! * Math.exp(-1), 14); // exp node: × exp(−x)
    expect(one(walk.grads.x!)).toBeCloseTo(y! * y! * Math.exp(-1), 14); // × node: × (−1)
  });

  it('scales with the upstream gradient', () => {
    const walk = walked(walkGraph(GRAPHS.sigmoid, { x: scalar(0) }, scalar(3)));
    expect(one(walk.grads.x!)).toBeCloseTo(3 * 0.25, 14);
  });

  it('says where a value overflows rather than drawing Infinity', () => {
    const result = walkGraph(GRAPHS.sigmoid, { x: scalar(-1000) });
    expect(result).toEqual({ ok: false, edge: 'expMinusX', phase: 'forward' });
    expect(walkGraph(GRAPHS.apples, { apple: scalar(Number.NaN) })).toEqual({ ok: false, edge: 'apple', phase: 'forward' });
  });
});

describe('the Affine node (§5.6)', () => {
  const X = matrix([
    [1, -2],
    [0.5, 3],
  ]);
  const W = matrix([
    [0.2, -0.1, 0.4],
    [0.7, 0.3, -0.5],
  ]);
  const B = vector([0.1, -0.2, 0.3]);
  const dY = matrix([
    [1, 0.5, -1],
    [2, -3, 0.25],
  ]);
  const walk = walked(walkGraph(GRAPHS.affine, { X, W, B }, dY));

  it('shapes: X (2,2) · W (2,3) + B (3) → Y (2,3); dX (2,2), dW (2,3), dB (3)', () => {
    expect(walk.values.XW!.shape).toEqual([2, 3]);
    expect(walk.values.Y!.shape).toEqual([2, 3]);
    expect(walk.grads.X!.shape).toEqual([2, 2]);
    expect(walk.grads.W!.shape).toEqual([2, 3]);
    expect(walk.grads.B!.shape).toEqual([3]);
  });

  it('matches the engine’s Affine layer forward and backward', () => {
    const layer = new Affine(Tensor.from(W.shape, W.data, 'float64'), Tensor.from(B.shape, B.data, 'float64'));
    const y = layer.forward(Tensor.from(X.shape, X.data, 'float64'));
    const dx = layer.backward(Tensor.from(dY.shape, dY.data, 'float64'));
    walk.values.Y!.data.forEach((v, i) => expect(v).toBeCloseTo(y.data[i]!, 14));
    walk.grads.X!.data.forEach((v, i) => expect(v).toBeCloseTo(dx.data[i]!, 14));
    walk.grads.W!.data.forEach((v, i) => expect(v).toBeCloseTo(layer.grads.W!.data[i]!, 14));
    walk.grads.B!.data.forEach((v, i) => expect(v).toBeCloseTo(layer.grads.b!.data[i]!, 14));
  });

  it('dB is dY summed over the samples, dX = dY·Wᵀ by hand for one entry', () => {
    expect(walk.grads.B!.data).toEqual([3, -2.5, -0.75]);
    // dX[0][0] = Σ_j dY[0][j] W[0][j] = 1·0.2 + 0.5·(−0.1) + (−1)·0.4
    expect(walk.grads.X!.data[0]).toBeCloseTo(0.2 - 0.05 - 0.4, 14);
  });
});

it('every graph walks with the book’s values, finitely, ending with gradients on every non-constant edge', () => {
  for (const id of GRAPH_IDS) {
    const graph = GRAPHS[id];
    const walk = walked(walkGraph(graph));
    expect(walk.steps.length, id).toBe(2 * graph.nodes.length + 2);
    for (const edge of graph.edges) {
      expect(walk.values[edge.id], `${id}.${edge.id}`).toBeDefined();
      expect(walk.grads[edge.id], `${id}.${edge.id} gradient`).toBeDefined();
    }
  }
});
