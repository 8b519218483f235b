import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../engine/model';
import { isUnfinishedStack } from '../../renderer/model/unfinishedStack';

const check = (layers: object[]) => isUnfinishedStack(layers.length, analyzeModel({ input: [1, 28, 28], layers }));

describe('an unfinished stack is told apart from a broken one', () => {
  it('calls a stack that works but lacks its loss unfinished', () => {
    expect(check([{ type: 'affine', units: 10 }])).toBe(true);
    expect(check([{ type: 'conv', filters: 4, kernel: 5 }, { type: 'relu' }])).toBe(true);
  });

  it('keeps real breakage, a finished stack and an empty one out', () => {
    // A convolution after the image was flattened: broken at layer 2, whatever comes after.
    expect(
      check([
        { type: 'affine', units: 10 },
        { type: 'conv', filters: 4, kernel: 5 },
      ]),
    ).toBe(false);
    expect(check([{ type: 'affine', units: 0 }])).toBe(false);
    expect(check([{ type: 'affine', units: 10 }, { type: 'softmax-with-loss' }])).toBe(false);
    expect(check([])).toBe(false);
  });
});
