// Reading what a learner types into a field described by a FieldSpec: the value, or a problem with a
// code and its limit (for a sentence in either language). Whether a value is acceptable is decided by
// the engine's own readFields, so the form can never accept what the engine would refuse.

import { isLabError } from '../../engine/errors';
import { readFields, type FieldSpec } from '../../engine/fields';

export type ProblemCode = 'required' | 'number' | 'int' | 'min' | 'gt' | 'max' | 'lt' | 'enum' | 'init' | 'engine';

export interface FieldProblem {
  code: ProblemCode;
  /** The bound that was crossed (min, gt, max, lt). */
  limit?: number;
  /** The engine's own sentence (always set when the engine refused the value). */
  text?: string;
}

export interface ParsedField {
  /** undefined: left empty (an optional field takes its automatic value). */
  value: number | string | undefined;
  problem: FieldProblem | null;
}

/** Checks one value against its spec with the engine's readFields. */
export function checkValue(field: FieldSpec, value: number | string): FieldProblem | null {
  try {
    readFields({ [field.name]: value }, [field], { where: field.name, path: field.name });
    return null;
  } catch (error) {
    if (!isLabError(error)) throw error;
    return { ...classify(field, value), text: error.message.replace(/^[^:]*:\s*/, '') };
  }
}

function classify(field: FieldSpec, value: number | string): FieldProblem {
  if (field.kind === 'enum') return { code: 'enum' };
  if (field.kind === 'init' && typeof value !== 'number') return { code: 'init' };
  if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'number' };
  if (field.kind === 'int' && !Number.isInteger(value)) return { code: 'int' };
  if (field.kind === 'init' && value <= 0) return { code: 'gt', limit: 0 };
  if (field.kind === 'init' && value > 100) return { code: 'max', limit: 100 };
  if (field.min !== undefined && (field.exclusiveMin ? value <= field.min : value < field.min)) {
    return { code: field.exclusiveMin ? 'gt' : 'min', limit: field.min };
  }
  if (field.max !== undefined && (field.exclusiveMax ? value >= field.max : value > field.max)) {
    return { code: field.exclusiveMax ? 'lt' : 'max', limit: field.max };
  }
  return { code: 'engine' };
}

/** Reads a number as typed: plain or scientific notation ("0.001", "1e-3"); anything else is null. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Parses the text of a field; an empty optional field is fine and gives `undefined`. */
export function parseFieldText(field: FieldSpec, text: string): ParsedField {
  const trimmed = text.trim();
  if (trimmed === '') {
    if (field.optional) return { value: undefined, problem: null };
    return { value: undefined, problem: { code: 'required' } };
  }
  if (field.kind === 'enum') return { value: trimmed, problem: checkValue(field, trimmed) };
  if (field.kind === 'init' && (trimmed === 'he' || trimmed === 'xavier')) return { value: trimmed, problem: null };
  const value = parseNumber(trimmed);
  if (value === null) return { value: undefined, problem: { code: 'number' } };
  return { value, problem: checkValue(field, value) };
}

/** How a value is written back into a field. */
export function formatValue(value: number | string | undefined): string {
  if (value === undefined) return '';
  return String(value);
}
