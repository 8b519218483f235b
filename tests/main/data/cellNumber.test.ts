// A cell's number, scanned by hand for speed, held to the rule it replaces: a plain decimal number
// (sign, digits, one decimal point, exponent), spaces around allowed — and nothing else.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellNumber } from '../../../main/data/csvTable';

const PLAIN_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

describe('cellNumber', () => {
  it('reads plain decimals and refuses everything else', () => {
    expect(['1', ' -2.5 ', '+.5', '5.', '1e3', '1E-2', '007', '\t3\r'].map(cellNumber)).toEqual([1, -2.5, 0.5, 5, 1000, 0.01, 7, 3]);
    expect(['', ' ', '.', '-', 'e3', '1e', '1e+', '0x10', 'NaN', 'Infinity', '1,5', '1 2', '1..2', '--1', '½'].map(cellNumber)).toEqual(
      new Array(15).fill(null),
    );
  });

  it('agrees with the regular expression on any text of digits, signs, points, exponents and spaces', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '9', '+', '-', '.', 'e', 'E', ' ', 'x', ','), maxLength: 8 });
    fc.assert(
      fc.property(text, (s) => {
        const trimmed = s.trim();
        expect(cellNumber(s)).toBe(PLAIN_DECIMAL.test(trimmed) ? Number(trimmed) : null);
      }),
      { numRuns: 5000, seed: 15 },
    );
  });
});
