// The one-line note under the graph: which rule the current step applies, with its numbers — "Multiply
// node swaps its inputs: apple gets 1.1 × 2 = 2.2…". Pure, so the tests can read every step's note.

import { findEdge, findNode, type ComputationalGraph, type GraphWalk, type Value } from '../../../engine/labs/graph';
import type { GraphTextKey } from './words';

export interface StepNote {
  key: GraphTextKey;
  /** Numbers are raw (the lab formats them in the learner's language); shapes and names are text. */
  params: Record<string, number | string>;
}

export const shapeText = (v: Value): string => (v.shape.length === 0 ? '' : v.shape.join(','));
const isScalar = (v: Value) => v.shape.length === 0;
const transposedShape = (v: Value) => [...v.shape].reverse().join(',');

export function describeStep(graph: ComputationalGraph, walk: GraphWalk, index: number): StepNote {
  const step = walk.steps[index];
  if (!step || (step.phase === 'forward' && step.node === null)) return { key: 'note.start', params: {} };
  const { values, grads } = walk;
  if (step.node === null) {
    const up = grads[graph.output]!;
    return isScalar(up)
      ? { key: 'note.backward.start', params: { edge: findEdge(graph, graph.output).label, up: up.data[0]! } }
      : { key: 'note.backward.startMatrix', params: { shape: shapeText(up) } };
  }
  const node = findNode(graph, step.node)!;
  const [a, b] = node.inputs.map((e) => values[e]) as [Value, Value];
  const [aName, bName] = node.inputs.map((e) => findEdge(graph, e).label) as [string, string];
  const out = values[node.output]!;
  const up = grads[node.output]!;
  const first = (v: Value) => v.data[0]!;

  if (step.phase === 'forward') {
    switch (node.op) {
      case 'mul':
        return { key: 'note.forward.mul', params: { a: first(a), b: first(b), out: first(out) } };
      case 'add':
        return isScalar(a)
          ? { key: 'note.forward.add', params: { a: first(a), b: first(b), out: first(out) } }
          : { key: 'note.forward.addBroadcast', params: { a: shapeText(a), b: shapeText(b), out: shapeText(out) } };
      case 'exp':
        return { key: 'note.forward.exp', params: { a: first(a), out: first(out) } };
      case 'reciprocal':
        return { key: 'note.forward.reciprocal', params: { a: first(a), out: first(out) } };
      case 'dot':
        return { key: 'note.forward.dot', params: { a: shapeText(a), b: shapeText(b), out: shapeText(out) } };
    }
  }
  const [da, db] = node.inputs.map((e) => grads[e]) as [Value, Value];
  switch (node.op) {
    case 'mul':
      return { key: 'note.backward.mul', params: { aName, bName, up: first(up), a: first(a), b: first(b), da: first(da), db: first(db) } };
    case 'add':
      return isScalar(a)
        ? { key: 'note.backward.add', params: { aName, bName, up: first(up) } }
        : { key: 'note.backward.addBroadcast', params: { db: shapeText(db) } };
    case 'exp':
      return { key: 'note.backward.exp', params: { up: first(up), out: first(out), d: first(da) } };
    case 'reciprocal':
      return { key: 'note.backward.reciprocal', params: { up: first(up), y: first(out), d: first(da) } };
    case 'dot':
      return {
        key: 'note.backward.dot',
        params: { dy: shapeText(up), wt: transposedShape(b), dx: shapeText(da), xt: transposedShape(a), dw: shapeText(db) },
      };
  }
}
