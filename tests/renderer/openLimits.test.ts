import { describe, expect, it } from 'vitest';
import { OPEN_LIMIT_MB, openLimitExceeded } from '../../renderer/charts/openLimits';

describe('the sizes of files the page may read', () => {
  it('are the app dialog’s limits, checked from the size alone', () => {
    const MB = 1024 * 1024;
    expect(OPEN_LIMIT_MB).toEqual({ experiment: 5, weights: 200, run: 200, onnx: 140, pack: 64, submission: 64 });
    expect(openLimitExceeded('run', 200 * MB)).toBeNull();
    expect(openLimitExceeded('run', 200 * MB + 1)).toBe(200);
    expect(openLimitExceeded('run', 3 * 1024 * MB)).toBe(200);
    expect(openLimitExceeded('weights', 190 * MB)).toBeNull();
    expect(openLimitExceeded('experiment', 5 * MB + 1)).toBe(5);
  });
});
