// Computational graphs of book §5.1–5.6, small enough to step through by hand: the apple shopping graph,
// apples and oranges, the sigmoid drawn as ×−1, exp, +1 and / nodes, and an Affine node with its matrix
// shapes. Each node is one of the book's layers reduced to a few lines (MulLayer, AddLayer, …): forward
// computes its output edge from its input edges; backward takes the upstream gradient on the output edge
// and multiplies it by the node's local derivative, giving one gradient per input edge.
// `walkGraph` records the whole lesson as a list of steps — which edge gets which value at each step —
// so the lab (and its tests) can show any moment of the forward and the backward pass.

/** A number (shape []) or a small matrix (shape [rows, cols]) or vector (shape [n]), row-major. */
export interface Value {
  shape: number[];
  data: number[];
}

export type OpName = 'mul' | 'add' | 'exp' | 'reciprocal' | 'dot';

export interface GraphNode {
  id: string;
  op: OpName;
  /** Edge ids feeding the node, in order. */
  inputs: string[];
  /** The edge the node's result travels on. */
  output: string;
  /** Where the node sits, in grid units (column, row), arranged like the book's figure. */
  at: [number, number];
}

export interface GraphEdge {
  id: string;
  /** The book's variable name: apple, apple_num, tax, price… */
  label: string;
  /** For an input edge: where it starts (grid units). Other edges start at the node that computes them. */
  from?: [number, number];
  /** For the output edge: where it ends. Other edges end at the node they feed. */
  to?: [number, number];
  /** A constant of the graph (the −1 and 1 of the sigmoid): it has a value but nobody asks for its gradient. */
  constant?: boolean;
}

export type GraphId = 'apples' | 'applesOranges' | 'sigmoid' | 'affine';

export interface ComputationalGraph {
  id: GraphId;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Edges the learner may edit, with the book's values. */
  inputs: Record<string, Value>;
  /** Constant edges and their values. */
  constants: Record<string, Value>;
  output: string;
  /** The gradient the backward pass starts with on the output edge (∂L/∂out; 1 when out is L itself). */
  upstream: Value;
  /** The grid's size, for drawing. */
  size: [number, number];
}

export const scalar = (x: number): Value => ({ shape: [], data: [x] });
export const matrix = (rows: number[][]): Value => ({ shape: [rows.length, rows[0]?.length ?? 0], data: rows.flat() });
export const vector = (xs: number[]): Value => ({ shape: [xs.length], data: [...xs] });

// ---- the nodes' arithmetic ----

function sameShape(a: Value, b: Value): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

function map(a: Value, f: (x: number, i: number) => number): Value {
  return { shape: [...a.shape], data: a.data.map(f) };
}

/** (n, k) · (k, m) → (n, m). */
function dot(a: Value, b: Value): Value {
  const [n, k] = a.shape as [number, number];
  const [k2, m] = b.shape as [number, number];
  if (k !== k2) throw new Error(`dot: (${a.shape.join(',')}) · (${b.shape.join(',')}) do not fit`);
  const out = new Array<number>(n * m).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let p = 0; p < k; p++) out[i * m + j]! += a.data[i * k + p]! * b.data[p * m + j]!;
  return { shape: [n, m], data: out };
}

function transpose(a: Value): Value {
  const [n, m] = a.shape as [number, number];
  const out = new Array<number>(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a.data[i * m + j]!;
  return { shape: [m, n], data: out };
}

/** Σ over the rows of an (n, m) matrix → (m): what a broadcast addition owes the vector it repeated. */
function sumRows(a: Value): Value {
  const [n, m] = a.shape as [number, number];
  const out = new Array<number>(m).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j]! += a.data[i * m + j]!;
  return { shape: [m], data: out };
}

/** A node's inputs: every node has one or two, and a one-input node (exp, reciprocal) reads only the first. */
type Operands = [Value, Value];

interface Op {
  forward(inputs: Operands): Value;
  /** Gradients for the inputs, given the upstream gradient `dout` on the output. */
  backward(inputs: Operands, output: Value, dout: Value): Value[];
}

export const OPS: Record<OpName, Op> = {
  // MulLayer: each input's local derivative is the other input — the backward pass swaps them.
  mul: {
    forward: ([a, b]) => map(a, (x, i) => x * b.data[i]!),
    backward: ([a, b], _out, dout) => [map(dout, (d, i) => d * b.data[i]!), map(dout, (d, i) => d * a.data[i]!)],
  },
  // AddLayer: the local derivative is 1 for both inputs — the gradient passes through. A vector added
  // to every row of a matrix (the Affine node's + B) gets the sum of the rows' gradients.
  add: {
    forward: ([a, b]) => (sameShape(a, b) ? map(a, (x, i) => x + b.data[i]!) : map(a, (x, i) => x + b.data[i % b.data.length]!)),
    backward: ([a, b], _out, dout) => [map(dout, (d) => d), sameShape(a, b) ? map(dout, (d) => d) : sumRows(dout)],
  },
  // ∂ exp(x)/∂x = exp(x): the node multiplies by its own output.
  exp: {
    forward: ([a]) => map(a, Math.exp),
    backward: (_in, out, dout) => [map(dout, (d, i) => d * out.data[i]!)],
  },
  // y = 1/x, ∂y/∂x = −1/x² = −y².
  reciprocal: {
    forward: ([a]) => map(a, (x) => 1 / x),
    backward: (_in, out, dout) => [map(dout, (d, i) => -d * out.data[i]! * out.data[i]!)],
  },
  // X·W: dX = dY·Wᵀ, dW = Xᵀ·dY (book §5.6.1).
  dot: {
    forward: ([x, w]) => dot(x, w),
    backward: ([x, w], _out, dout) => [dot(dout, transpose(w)), dot(transpose(x), dout)],
  },
};

// ---- the book's four graphs ----

export const GRAPHS: Record<GraphId, ComputationalGraph> = {
  // Figure 5-3 / 5-16: 2 apples at 100 won each, 10 % consumption tax.
  apples: {
    id: 'apples',
    nodes: [
      { id: 'mulApple', op: 'mul', inputs: ['apple', 'apple_num'], output: 'apple_price', at: [1, 0] },
      { id: 'mulTax', op: 'mul', inputs: ['apple_price', 'tax'], output: 'price', at: [2, 0] },
    ],
    edges: [
      { id: 'apple', label: 'apple', from: [0, 0] },
      { id: 'apple_num', label: 'apple_num', from: [0, 1] },
      { id: 'apple_price', label: 'apple_price' },
      { id: 'tax', label: 'tax', from: [1.4, 1] },
      { id: 'price', label: 'price', to: [3, 0] },
    ],
    inputs: { apple: scalar(100), apple_num: scalar(2), tax: scalar(1.1) },
    constants: {},
    output: 'price',
    upstream: scalar(1),
    size: [3, 1],
  },
  // Figure 5-17: apples and oranges, summed before the tax.
  applesOranges: {
    id: 'applesOranges',
    nodes: [
      { id: 'mulApple', op: 'mul', inputs: ['apple', 'apple_num'], output: 'apple_price', at: [1, 0] },
      { id: 'mulOrange', op: 'mul', inputs: ['orange', 'orange_num'], output: 'orange_price', at: [1, 2] },
      { id: 'addFruit', op: 'add', inputs: ['apple_price', 'orange_price'], output: 'all_price', at: [2, 1] },
      { id: 'mulTax', op: 'mul', inputs: ['all_price', 'tax'], output: 'price', at: [3, 1] },
    ],
    edges: [
      { id: 'apple', label: 'apple', from: [0, -0.45] },
      { id: 'apple_num', label: 'apple_num', from: [0, 0.45] },
      { id: 'orange', label: 'orange', from: [0, 1.55] },
      { id: 'orange_num', label: 'orange_num', from: [0, 2.45] },
      { id: 'apple_price', label: 'apple_price' },
      { id: 'orange_price', label: 'orange_price' },
      { id: 'all_price', label: 'all_price' },
      { id: 'tax', label: 'tax', from: [2, 2.3] },
      { id: 'price', label: 'price', to: [4, 1] },
    ],
    inputs: { apple: scalar(100), apple_num: scalar(2), orange: scalar(150), orange_num: scalar(3), tax: scalar(1.1) },
    constants: {},
    output: 'price',
    upstream: scalar(1),
    size: [4, 2.45],
  },
  // Figure 5-19/5-20: y = 1 / (1 + exp(−x)) as four nodes.
  sigmoid: {
    id: 'sigmoid',
    nodes: [
      { id: 'negate', op: 'mul', inputs: ['x', 'minusOne'], output: 'minusX', at: [1, 0] },
      { id: 'exp', op: 'exp', inputs: ['minusX'], output: 'expMinusX', at: [2, 0] },
      { id: 'plusOne', op: 'add', inputs: ['expMinusX', 'one'], output: 'denominator', at: [3, 0] },
      { id: 'divide', op: 'reciprocal', inputs: ['denominator'], output: 'y', at: [4, 0] },
    ],
    edges: [
      { id: 'x', label: 'x', from: [0, 0] },
      { id: 'minusOne', label: '−1', from: [1, 1], constant: true },
      { id: 'minusX', label: '−x' },
      { id: 'expMinusX', label: 'exp(−x)' },
      { id: 'one', label: '1', from: [3, 1], constant: true },
      { id: 'denominator', label: '1 + exp(−x)' },
      { id: 'y', label: 'y', to: [5, 0] },
    ],
    inputs: { x: scalar(0.5) },
    constants: { minusOne: scalar(-1), one: scalar(1) },
    output: 'y',
    upstream: scalar(1),
    size: [5, 1],
  },
  // Figure 5-25: Y = X·W + B with N = 2 samples of 2 features and 3 outputs (W and B are the book's
  // §3.4.3 W1 and B1); dY is the gradient arriving from the layer above.
  affine: {
    id: 'affine',
    nodes: [
      { id: 'dot', op: 'dot', inputs: ['X', 'W'], output: 'XW', at: [1, 0] },
      { id: 'addBias', op: 'add', inputs: ['XW', 'B'], output: 'Y', at: [2, 0] },
    ],
    edges: [
      { id: 'X', label: 'X', from: [0, 0] },
      { id: 'W', label: 'W', from: [0, 1] },
      { id: 'XW', label: 'X·W' },
      { id: 'B', label: 'B', from: [1.4, 1] },
      { id: 'Y', label: 'Y', to: [3, 0] },
    ],
    inputs: {
      X: matrix([
        [1, 0.5],
        [0.5, 1],
      ]),
      W: matrix([
        [0.1, 0.3, 0.5],
        [0.2, 0.4, 0.6],
      ]),
      B: vector([0.1, 0.2, 0.3]),
    },
    constants: {},
    output: 'Y',
    upstream: matrix([
      [1, 0, -1],
      [2, 1, 0],
    ]),
    size: [3, 1],
  },
};

export const GRAPH_IDS = Object.keys(GRAPHS) as GraphId[];

// ---- the walk through a graph ----

export interface GraphStep {
  phase: 'forward' | 'backward';
  /** The node that acts at this step; null for the first step of each pass (inputs set, upstream set). */
  node: string | null;
  /** Edges that receive a value (forward) or a gradient (backward) at this step. */
  set: { edge: string; value: Value }[];
}

export interface GraphWalk {
  steps: GraphStep[];
  /** Every edge's forward value and gradient once both passes are done. */
  values: Record<string, Value>;
  grads: Record<string, Value>;
}

export type WalkResult =
  | { ok: true; walk: GraphWalk }
  /** A value came out infinite or not a number (exp overflowing, say): the edge where it first did. */
  | { ok: false; edge: string; phase: 'forward' | 'backward' };

const finite = (v: Value) => v.data.every(Number.isFinite);

/**
 * Runs the forward pass node by node and then the backward pass in reverse, recording each step.
 * `inputs` gives every input edge a value (the learner's or the book's); `upstream` the gradient the
 * backward pass starts from.
 */
export function walkGraph(graph: ComputationalGraph, inputs: Record<string, Value> = graph.inputs, upstream: Value = graph.upstream): WalkResult {
  const values: Record<string, Value> = { ...graph.constants };
  const grads: Record<string, Value> = {};
  const steps: GraphStep[] = [];
  const first: GraphStep = { phase: 'forward', node: null, set: [] };
  for (const id of Object.keys(graph.inputs)) {
    const value = inputs[id] ?? graph.inputs[id]!;
    if (!finite(value)) return { ok: false, edge: id, phase: 'forward' };
    values[id] = value;
    first.set.push({ edge: id, value });
  }
  for (const [id, value] of Object.entries(graph.constants)) first.set.push({ edge: id, value });
  steps.push(first);

  for (const node of graph.nodes) {
    const out = OPS[node.op].forward(node.inputs.map((e) => values[e]!) as Operands);
    if (!finite(out)) return { ok: false, edge: node.output, phase: 'forward' };
    values[node.output] = out;
    steps.push({ phase: 'forward', node: node.id, set: [{ edge: node.output, value: out }] });
  }

  if (!finite(upstream)) return { ok: false, edge: graph.output, phase: 'backward' };
  grads[graph.output] = upstream;
  steps.push({ phase: 'backward', node: null, set: [{ edge: graph.output, value: upstream }] });
  for (const node of [...graph.nodes].reverse()) {
    const dins = OPS[node.op].backward(node.inputs.map((e) => values[e]!) as Operands, values[node.output]!, grads[node.output]!);
    const set: GraphStep['set'] = [];
    node.inputs.forEach((edge, i) => {
      grads[edge] = dins[i]!;
      set.push({ edge, value: dins[i]! });
    });
    const bad = set.find((s) => !finite(s.value));
    if (bad) return { ok: false, edge: bad.edge, phase: 'backward' };
    steps.push({ phase: 'backward', node: node.id, set });
  }
  return { ok: true, walk: { steps, values, grads } };
}

/** What the graph shows after step `index` (0 = only the inputs on their edges). */
export function stateAt(walk: GraphWalk, index: number): { values: Record<string, Value>; grads: Record<string, Value> } {
  const values: Record<string, Value> = {};
  const grads: Record<string, Value> = {};
  for (const step of walk.steps.slice(0, Math.max(0, index) + 1)) {
    for (const { edge, value } of step.set) (step.phase === 'forward' ? values : grads)[edge] = value;
  }
  return { values, grads };
}

export function findNode(graph: ComputationalGraph, id: string | null): GraphNode | undefined {
  return id === null ? undefined : graph.nodes.find((n) => n.id === id);
}

export function findEdge(graph: ComputationalGraph, id: string): GraphEdge {
  const edge = graph.edges.find((e) => e.id === id);
  if (!edge) throw new Error(`graph ${graph.id} has no edge ${id}`);
  return edge;
}
