// The graph lab's editable numbers: what the learner typed (text, one string per entry), turned into the
// engine's values — or into the first problem, which the lab says in a sentence instead of drawing NaN.

import type { ComputationalGraph, Value } from '../../../engine/labs/graph';

/** The key under which the upstream gradient's texts are kept beside the input edges'. */
export const UPSTREAM = '@upstream';

export type InputTexts = Record<string, string[]>;

/** Numbers beyond this are refused: they would only overflow the exp node or fill the edges with digits. */
export const MAX_INPUT = 1_000_000;

export type InputProblem = { kind: 'bad'; edge: string; text: string; entry: number } | { kind: 'tooLarge'; edge: string };

export function textsOf(graph: ComputationalGraph): InputTexts {
  const texts: InputTexts = {};
  for (const [edge, value] of Object.entries(graph.inputs)) texts[edge] = value.data.map(String);
  texts[UPSTREAM] = graph.upstream.data.map(String);
  return texts;
}

/** "1.5", " -2 ", "1e3" are numbers; "", "abc", "1,5" and "Infinity" are not. */
export function readNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+−]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const value = Number(trimmed.replace('−', '-'));
  return Number.isFinite(value) ? value : null;
}

export function parseInputs(
  graph: ComputationalGraph,
  texts: InputTexts,
): { ok: true; inputs: Record<string, Value>; upstream: Value } | { ok: false; problem: InputProblem } {
  const read = (edge: string, like: Value): Value | InputProblem => {
    const entries = texts[edge] ?? like.data.map(String);
    const data: number[] = [];
    for (let i = 0; i < like.data.length; i++) {
      const text = entries[i] ?? '';
      const value = readNumber(text);
      if (value === null) return { kind: 'bad', edge, text, entry: i };
      if (Math.abs(value) > MAX_INPUT) return { kind: 'tooLarge', edge };
      data.push(value);
    }
    return { shape: [...like.shape], data };
  };
  const inputs: Record<string, Value> = {};
  for (const [edge, like] of Object.entries(graph.inputs)) {
    const value = read(edge, like);
    if ('kind' in value) return { ok: false, problem: value };
    inputs[edge] = value;
  }
  const upstream = read(UPSTREAM, graph.upstream);
  if ('kind' in upstream) return { ok: false, problem: upstream };
  return { ok: true, inputs, upstream };
}

/** Row and column (1-based) of entry `index` of a value, for a sentence about a matrix entry. */
export function entryPosition(shape: readonly number[], index: number): { row: number; col: number } | null {
  if (shape.length === 0) return null;
  if (shape.length === 1) return { row: 1, col: index + 1 };
  return { row: Math.floor(index / shape[1]!) + 1, col: (index % shape[1]!) + 1 };
}
