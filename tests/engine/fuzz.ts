// Mutations of valid JSON documents for property-based tests of the parsers of user files.

import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a node of the document, in a fixed order. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

export interface Mutation {
  node: number;
  action: 'replace' | 'delete' | 'add';
  value: unknown;
  key: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  node: fc.nat(),
  action: fc.constantFrom('replace', 'delete', 'add'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, -1, 1e9, 0.5, '', 'he', null, [], {}, NaN)),
  key: fc.constantFrom('type', 'units', 'shape', 'data', 'W1', 'extra', 'format', 'version', 'kernel'),
});

/** Applies a few mutations to a deep copy of `doc`; small arrays keep the search on the structure. */
export function mutate(doc: unknown, mutations: Mutation[]): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  let root: Json = copy;
  for (const original of mutations) {
    // Never insert fast-check's own value: it is reused while shrinking, and inserting it twice makes a cycle.
    const m = { ...original, value: structuredClone(original.value) };
    const all = paths(root);
    const path = all[m.node % all.length]!;
    if (path.length === 0) {
      root = m.value as Json;
      continue;
    }
    let parent: Json = root;
    for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step]!;
    const last = path[path.length - 1]!;
    const container = parent as Record<string | number, Json>;
    if (m.action === 'replace') container[last] = m.value as Json;
    else if (m.action === 'delete') {
      if (Array.isArray(container)) container.splice(last as number, 1);
      else Reflect.deleteProperty(container, last);
    } else {
      const target = container[last];
      if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, Json>)[m.key] = m.value as Json;
      else if (Array.isArray(target)) target.push(m.value as Json);
      else container[last] = m.value as Json;
    }
  }
  return root;
}

/** Cuts, flips or inserts characters in a text. */
export const textEditArb = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 8 }) });

export function editText(text: string, edit: { at: number; cut: number; insert: string }): string {
  const at = edit.at % (text.length + 1);
  return text.slice(0, at) + edit.insert + text.slice(at + edit.cut);
}
