// The README's tables of layer types and optimizers, rendered from the registries, so the file format
// a user reads about is the one the validator enforces. tests/engine/readme.test.ts holds the README to
// these; `DLAB_WRITE_README=1 npx vitest run tests/engine/readme.test.ts` writes them in.

import type { FieldSpec } from './fields';
import { layerTypes } from './layers/registry';
import { optimizerTypes } from './optimizers/registry';

const code = (text: string) => `\`${text}\``;
/** A default as the README writes it: strings quoted in code, numbers plain, tiny ones as 1e-7. */
const literal = (value: number | string) =>
  typeof value === 'string' ? code(JSON.stringify(value)) : value !== 0 && Math.abs(value) < 1e-4 ? value.toExponential() : String(value);

/** `units`, `init` (`"he"`), `mode` (`"max"` or `"average"`), `stride` (optional). */
function fieldCell(field: FieldSpec): string {
  if (field.options) {
    const choices = field.options.map(literal).join(' or ');
    const fallback = field.default !== undefined && field.default !== field.options[0] ? `; ${literal(field.default)}` : '';
    return `${code(field.name)} (${choices}${fallback})`;
  }
  if (field.default !== undefined) return `${code(field.name)} (${literal(field.default)})`;
  return field.optional ? `${code(field.name)} (optional)` : code(field.name);
}

const fieldsCell = (fields: readonly FieldSpec[]) => (fields.length ? fields.map(fieldCell).join(', ') : '—');

export function layerTable(): string {
  const rows = layerTypes.map((t) => {
    const fields = fieldsCell(t.fields) + (t.terminal ? ' (must be last)' : '');
    return `| ${code(t.type)} | ${fields} | ${t.summary} |`;
  });
  return ['| type | fields (default) | what it does |', '|---|---|---|', ...rows].join('\n');
}

export function optimizerTable(): string {
  const rows = optimizerTypes.map((t) => `| ${code(t.type)} | ${t.rule} | ${fieldsCell(t.fields)} |`);
  return ['| type | rule | fields (default) |', '|---|---|---|', ...rows].join('\n');
}

/** The README's generated blocks, each between `<!-- registry:NAME -->` and `<!-- /registry:NAME -->`. */
export const registryBlocks: Readonly<Record<'layers' | 'optimizers', () => string>> = {
  layers: layerTable,
  optimizers: optimizerTable,
};
