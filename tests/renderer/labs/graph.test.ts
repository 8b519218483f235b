// The graph lab's logic without React: reading the typed inputs (a bad one becomes a problem, never NaN),
// the rule note of every step of the apple graph, the cross-checks against the engine's layers, and a
// layout that puts every edge on finite coordinates.

import { describe, expect, it } from 'vitest';
import { GRAPH_IDS, GRAPHS, walkGraph, type GraphWalk } from '../../../engine/labs/graph';
import { affineCheck, sigmoidCheck } from '../../../renderer/labs/graph/checks';
import { entryPosition, parseInputs, readNumber, textsOf, UPSTREAM } from '../../../renderer/labs/graph/inputs';
import { edgeGeometry, graphSize } from '../../../renderer/labs/graph/layout';
import { describeStep } from '../../../renderer/labs/graph/notes';
import { graphWords } from '../../../renderer/labs/graph/words';

function walkOf(id: keyof typeof GRAPHS, texts = textsOf(GRAPHS[id])): GraphWalk {
  const parsed = parseInputs(GRAPHS[id], texts);
  if (!parsed.ok) throw new Error('inputs refused');
  const result = walkGraph(GRAPHS[id], parsed.inputs, parsed.upstream);
  if (!result.ok) throw new Error('walk failed');
  return result.walk;
}

describe('reading the inputs', () => {
  it('reads numbers the way people type them, and nothing else', () => {
    expect(readNumber('1.1')).toBe(1.1);
    expect(readNumber(' -2 ')).toBe(-2);
    expect(readNumber('−3')).toBe(-3);
    expect(readNumber('.5')).toBe(0.5);
    expect(readNumber('1e3')).toBe(1000);
    for (const bad of ['', ' ', 'abc', '1,5', '1.2.3', 'Infinity', 'NaN', '1e999', '0x10']) expect(readNumber(bad), bad).toBeNull();
  });

  it('starts from the book’s values', () => {
    expect(textsOf(GRAPHS.apples)).toEqual({ apple: ['100'], apple_num: ['2'], tax: ['1.1'], [UPSTREAM]: ['1'] });
    expect(textsOf(GRAPHS.affine).X).toEqual(['1', '0.5', '0.5', '1']);
  });

  it('names the first bad field, and the entry of a matrix', () => {
    const texts = { ...textsOf(GRAPHS.apples), apple_num: ['two'] };
    expect(parseInputs(GRAPHS.apples, texts)).toEqual({ ok: false, problem: { kind: 'bad', edge: 'apple_num', text: 'two', entry: 0 } });
    const affine = textsOf(GRAPHS.affine);
    affine.W = ['0.1', '0.3', '0.5', '0.2', '', '0.6'];
    expect(parseInputs(GRAPHS.affine, affine)).toEqual({ ok: false, problem: { kind: 'bad', edge: 'W', text: '', entry: 4 } });
    expect(entryPosition([2, 3], 4)).toEqual({ row: 2, col: 2 });
    expect(entryPosition([3], 2)).toEqual({ row: 1, col: 3 });
    expect(entryPosition([], 0)).toBeNull();
    expect(parseInputs(GRAPHS.apples, { ...textsOf(GRAPHS.apples), [UPSTREAM]: ['x'] })).toMatchObject({ ok: false, problem: { edge: UPSTREAM } });
    expect(parseInputs(GRAPHS.apples, { ...textsOf(GRAPHS.apples), tax: ['2e6'] })).toEqual({ ok: false, problem: { kind: 'tooLarge', edge: 'tax' } });
  });

  it('edited inputs flow through the graph', () => {
    const walk = walkOf('apples', { ...textsOf(GRAPHS.apples), apple_num: ['4'] });
    expect(walk.values.price!.data[0]).toBeCloseTo(440, 10);
    expect(walk.grads.apple!.data[0]).toBeCloseTo(4.4, 12);
  });
});

describe('the note of each step (apple graph)', () => {
  const walk = walkOf('apples');
  const notes = walk.steps.map((_, i) => describeStep(GRAPHS.apples, walk, i));

  it('says which rule each step applies, with its numbers', () => {
    expect(notes.map((n) => n.key)).toEqual([
      'note.start',
      'note.forward.mul',
      'note.forward.mul',
      'note.backward.start',
      'note.backward.mul',
      'note.backward.mul',
    ]);
    expect(notes[1]!.params).toEqual({ a: 100, b: 2, out: 200 });
    expect(notes[3]!.params).toEqual({ edge: 'price', up: 1 });
    // The tax node: apple_price gets 1 × 1.1, tax gets 1 × 200 — the inputs swapped.
    expect(notes[4]!.params).toMatchObject({ aName: 'apple_price', bName: 'tax', up: 1, a: 200, b: 1.1, da: 1.1, db: 200 });
    expect(notes[5]!.params).toMatchObject({ aName: 'apple', bName: 'apple_num', a: 100, b: 2 });
    expect(notes[5]!.params.da).toBeCloseTo(2.2, 12);
    expect(notes[5]!.params.db).toBeCloseTo(110, 10);
  });

  it('the add node’s note says it passes the gradient through', () => {
    const w = walkOf('applesOranges');
    const addBackward = w.steps.findIndex((s) => s.phase === 'backward' && s.node === 'addFruit');
    expect(describeStep(GRAPHS.applesOranges, w, addBackward)).toEqual({
      key: 'note.backward.add',
      params: { aName: 'apple_price', bName: 'orange_price', up: w.grads.all_price!.data[0] },
    });
  });

  it('the Affine notes speak in shapes', () => {
    const w = walkOf('affine');
    const keys = w.steps.map((_, i) => describeStep(GRAPHS.affine, w, i));
    expect(keys[1]).toEqual({ key: 'note.forward.dot', params: { a: '2,2', b: '2,3', out: '2,3' } });
    expect(keys[5]).toEqual({ key: 'note.backward.dot', params: { dy: '2,3', wt: '3,2', dx: '2,2', xt: '2,2', dw: '2,3' } });
    expect(keys[4]).toEqual({ key: 'note.backward.addBroadcast', params: { db: '3' } });
  });

  it('every note key exists in both languages', () => {
    for (const id of GRAPH_IDS) {
      const w = walkOf(id);
      w.steps.forEach((_, i) => {
        const { key } = describeStep(GRAPHS[id], w, i);
        expect(graphWords.en[key], key).toBeTruthy();
        expect(graphWords.ko[key], key).toBeTruthy();
      });
    }
  });
});

describe('the cross-checks against the engine’s layers', () => {
  it('sigmoid: the graph’s dx, y(1 − y) and the Sigmoid layer agree', () => {
    const walk = walkOf('sigmoid', { x: ['-1.5'], [UPSTREAM]: ['2'] });
    const check = sigmoidCheck(walk);
    const y = 1 / (1 + Math.exp(1.5));
    expect(check.y).toBeCloseTo(y, 14);
    expect(check.short).toBeCloseTo(2 * y * (1 - y), 14);
    expect(check.dx).toBeCloseTo(check.short, 14);
    expect(check.layer).toBeCloseTo(check.short, 14);
  });

  it('affine: the graph and the Affine layer agree, and a corrupted gradient is noticed', () => {
    const walk = walkOf('affine');
    expect(affineCheck(walk)).toBeLessThan(1e-12);
    const broken = { ...walk, grads: { ...walk.grads, W: { ...walk.grads.W!, data: walk.grads.W!.data.map((v, i) => (i === 2 ? v + 0.5 : v)) } } };
    expect(affineCheck(broken)).toBeCloseTo(0.5, 12);
  });
});

it('lays out every graph on finite coordinates inside its box', () => {
  for (const id of GRAPH_IDS) {
    const graph = GRAPHS[id];
    const { width, height, top } = graphSize(graph);
    for (const edge of graph.edges) {
      const g = edgeGeometry(graph, edge, top);
      for (const [x, y] of [...g.points, g.label]) {
        expect(Number.isFinite(x) && Number.isFinite(y), `${id}.${edge.id}`).toBe(true);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(height);
      }
    }
  }
});
