// Descriptions of the settings a layer or an optimizer takes. One table serves three readers:
// the spec validator (below), the CLI's help, and the builder's forms.

import { labError } from './errors';
import type { LabMessageCode, MessageValues } from './messages';
import type { InitSetting } from './init';

export type FieldKind = 'int' | 'number' | 'enum' | 'init';

/** The two languages of the app; every text a definition carries comes in both. */
export type Language = 'en' | 'ko';
export type Texts<T> = Record<Language, T>;

/** A field's name and one-line hint as the builder's forms show them. */
export interface FieldText {
  label: string;
  hint: string;
}

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** A one-line explanation for forms and help. */
  summary: string;
  /** Omitted ⇒ the field is optional and takes this value. */
  default?: number | string;
  /** Optional with no fixed default: the layer works it out (a pooling stride defaults to its size). */
  optional?: boolean;
  /** Inclusive bounds, unless `exclusiveMin`/`exclusiveMax`. */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  options?: readonly string[];
  /** The value the builder puts in a new layer when the field has no default (the book's usual size). */
  starter?: number;
  /**
   * The field's label and hint in both languages. Fields shared by many types (lr, stride, init…) leave
   * this out and keep theirs in the app's tables under `field.<name>`; a field only one type has carries
   * its own, so a new layer brings its texts with it.
   */
  text?: Texts<FieldText>;
}

export type FieldValues = Record<string, number | string>;

/** The value a field yields once read: a number, one of its options, or an init setting. */
export type FieldValue<F extends FieldSpec> = F['kind'] extends 'enum'
  ? F['options'] extends readonly (infer Option)[]
    ? Option
    : string
  : F['kind'] extends 'init'
    ? InitSetting
    : number;

/**
 * The settings a list of fields yields, by name and type: what `readFields` returns for them. A
 * definition written with its fields as literals (`defineLayer`, `defineOptimizer`) gets its `create`
 * and shape functions typed by this, so no setting needs a cast.
 */
export type SettingsOf<Fields extends readonly FieldSpec[]> = {
  [F in Fields[number] as F['name']]: F extends { optional: true } ? FieldValue<F> | undefined : FieldValue<F>;
};

/** Where a value sits, for messages: `where` reads like "Layer 3 (conv)" or "training.optimizer (adam)". */
export interface FieldContext {
  where: string;
  path: string;
  layerIndex?: number;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  // What a parsed value has left is a number or a boolean, each reading as itself; the rest only code can pass.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return String(value);
  return 'undefined'; // the one value left
}

/** A field's refusal from the table of messages, so that it can be said in Korean too. */
function failWith(ctx: FieldContext, field: string, code: LabMessageCode, values: MessageValues): never {
  throw labError('spec', code, { where: ctx.where, field, ...values }, { path: `${ctx.path}.${field}`, layerIndex: ctx.layerIndex });
}

/**
 * Reads `fields` from `source`, filling defaults, and refuses unknown names and values out of range
 * with a sentence that names the field. `reserved` names keys the caller reads itself (e.g. "type").
 */
export function readFields(
  source: Record<string, unknown>,
  fields: readonly FieldSpec[],
  ctx: FieldContext,
  reserved: readonly string[] = ['type'],
): FieldValues {
  const known = new Set([...fields.map((f) => f.name), ...reserved]);
  for (const key of Object.keys(source)) {
    if (!known.has(key)) {
      const allowed = fields.map((f) => f.name);
      if (allowed.length) failWith(ctx, key, 'field.unknown', { allowed: allowed.map((n) => `"${n}"`).join(', ') });
      failWith(ctx, key, 'field.unknownNoSettings', {});
    }
  }
  const values: FieldValues = {};
  for (const field of fields) {
    const raw = source[field.name];
    if (raw === undefined) {
      if (field.optional) continue;
      if (field.default === undefined) failWith(ctx, field.name, 'field.missing', { summary: field.summary });
      values[field.name] = field.default;
      continue;
    }
    values[field.name] = readValue(raw, field, ctx);
  }
  return values;
}

function readValue(raw: unknown, field: FieldSpec, ctx: FieldContext): number | string {
  const name = field.name;
  if (field.kind === 'enum') {
    if (typeof raw !== 'string' || !field.options?.includes(raw)) {
      failWith(ctx, name, 'field.oneOf', { options: (field.options ?? []).map((o) => `"${o}"`).join(', '), value: describeValue(raw) });
    }
    return raw;
  }
  if (field.kind === 'init') {
    if (raw === 'he' || raw === 'xavier') return raw;
    if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0 && raw <= 100) return raw;
    failWith(ctx, name, 'field.init', { value: describeValue(raw) });
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    failWith(ctx, name, 'field.number', { value: describeValue(raw) });
  }
  if (field.kind === 'int' && !Number.isInteger(raw)) failWith(ctx, name, 'field.whole', { value: String(raw) });
  if (field.min !== undefined && (field.exclusiveMin ? raw <= field.min : raw < field.min)) {
    failWith(ctx, name, field.exclusiveMin ? 'field.greaterThan' : 'field.atLeast', { limit: String(field.min), value: String(raw) });
  }
  if (field.max !== undefined && (field.exclusiveMax ? raw >= field.max : raw > field.max)) {
    failWith(ctx, name, field.exclusiveMax ? 'field.lessThan' : 'field.atMost', { limit: String(field.max), value: String(raw) });
  }
  return raw;
}

/**
 * `record[key]` when the record itself has that key; undefined otherwise. For keys a user gives (a
 * parameter name, a field of a query): a plain object also answers "constructor" or "__proto__" with
 * what it inherits, which is no value of ours.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
