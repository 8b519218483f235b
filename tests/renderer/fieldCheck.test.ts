import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../engine/fields';
import { findLayerType } from '../../engine/layers/registry';
import { checkValue, formatValue, parseFieldText, parseNumber } from '../../renderer/model/fieldCheck';

const field = (type: string, name: string): FieldSpec => findLayerType(type)!.fields.find((f) => f.name === name)!;

describe('reading what is typed into a field', () => {
  it('reads plain and scientific numbers, nothing else', () => {
    expect(parseNumber('0.01')).toBe(0.01);
    expect(parseNumber(' 1e-3 ')).toBe(0.001);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('-2')).toBe(-2);
    for (const bad of ['', 'abc', '1,000', '0x10', '1e', 'Infinity', '1 2']) expect(parseNumber(bad), bad).toBeNull();
  });

  it('classifies out-of-range values with the bound, as the engine decides', () => {
    expect(checkValue(field('affine', 'units'), 0)).toMatchObject({ code: 'min', limit: 1 });
    expect(checkValue(field('affine', 'units'), 2.5)).toMatchObject({ code: 'int' });
    expect(checkValue(field('dropout', 'ratio'), 1)).toMatchObject({ code: 'lt', limit: 1 });
    expect(checkValue(field('conv', 'kernel'), 65)).toMatchObject({ code: 'max', limit: 64 });
    expect(checkValue(field('affine', 'init'), 0)).toMatchObject({ code: 'gt', limit: 0 });
    expect(checkValue(field('pool', 'mode'), 'median')).toMatchObject({ code: 'enum' });
    expect(checkValue(field('affine', 'units'), 0)?.text).toMatch(/"units" must be at least 1, not 0/);
    expect(checkValue(field('affine', 'units'), 100)).toBeNull();
  });

  it('an empty optional field is fine; an empty required one is not', () => {
    expect(parseFieldText(field('pool', 'stride'), '  ')).toEqual({ value: undefined, problem: null });
    expect(parseFieldText(field('affine', 'units'), '')).toEqual({ value: undefined, problem: { code: 'required' } });
  });

  it('reads init as he, xavier or a standard deviation', () => {
    expect(parseFieldText(field('affine', 'init'), 'xavier')).toEqual({ value: 'xavier', problem: null });
    expect(parseFieldText(field('affine', 'init'), '0.01')).toEqual({ value: 0.01, problem: null });
    expect(parseFieldText(field('affine', 'init'), 'glorot').problem).toMatchObject({ code: 'number' });
  });

  it('writes values back as they read', () => {
    expect(formatValue(1e-7)).toBe('1e-7');
    expect(formatValue(undefined)).toBe('');
    expect(parseNumber(formatValue(1e-7))).toBe(1e-7);
  });
});
