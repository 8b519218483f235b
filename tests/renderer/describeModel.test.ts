import { describe, expect, it } from 'vitest';
import { describeLayers } from '../../renderer/dashboard/describeModel';

describe('the dashboard’s one-line model', () => {
  it('writes each layer as its definition says, as on the board', () => {
    const line = describeLayers([
      { type: 'conv', filters: 30, kernel: 5, stride: 1, pad: 0, init: 'he' },
      { type: 'relu' },
      { type: 'pool', mode: 'average', size: 2 },
      { type: 'affine', units: 100 },
      { type: 'dropout', ratio: 0.3 },
      { type: 'softmax-with-loss' },
    ]);
    expect(line).toBe('conv 30×5×5 → relu → avgpool 2 → affine 100 → dropout 0.3 → softmax');
  });

  it('fills defaults, and falls back to the name for settings the engine would refuse or a type it does not know', () => {
    expect(describeLayers([{ type: 'pool' }, { type: 'affine', units: -1 }, { type: 'mystery', x: 1 }])).toBe('pool 2 → affine → mystery');
  });
});
