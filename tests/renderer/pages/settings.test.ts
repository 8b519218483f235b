import { describe, expect, it } from 'vitest';
import { flattenSettings, settingRows, toChartRows } from '../../../renderer/compare/settings';

const experiment = (lr: number, layers: object[]) => ({
  format: 'dlab-experiment',
  version: 1,
  name: `lr ${lr}`,
  model: { input: [1, 28, 28], layers },
  data: { source: 'mnist' },
  training: { optimizer: { type: 'adam', lr }, batchSize: 100, epochs: 3 },
});

describe('compare settings', () => {
  it('flattens an experiment into the paths of the experiment file', () => {
    const flat = flattenSettings(experiment(0.01, [{ type: 'affine', units: 10 }]));
    expect(flat.get('training.optimizer.lr')).toBe(0.01);
    expect(flat.get('model.layers[0].units')).toBe(10);
    expect(flat.get('model.input[2]')).toBe(28);
    expect(flattenSettings({ a: [], b: {} })).toEqual(
      new Map<string, unknown>([
        ['a', []],
        ['b', {}],
      ]),
    );
  });

  it('marks what differs, counts a missing path as different, and leaves out the name', () => {
    const rows = settingRows([
      { id: 1, experiment: experiment(0.01, [{ type: 'affine', units: 10 }]) },
      { id: 2, experiment: experiment(0.001, [{ type: 'affine', units: 10 }, { type: 'relu' }]) },
    ]);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.has('name')).toBe(false);
    expect(byPath.get('training.optimizer.lr')).toMatchObject({ differs: true, values: { 1: 0.01, 2: 0.001 } });
    expect(byPath.get('model.layers[0].units')?.differs).toBe(false);
    expect(byPath.get('model.layers[1].type')).toMatchObject({ differs: true, values: { 1: undefined, 2: 'relu' } });
    expect(byPath.get('training.batchSize')?.differs).toBe(false);
  });

  it('also marks the paths the lab listed as different', () => {
    const rows = settingRows(
      [
        { id: 1, experiment: { a: 1 } },
        { id: 2, experiment: { a: 1 } },
      ],
      ['a'],
    );
    expect(rows).toEqual([{ path: 'a', values: { 1: 1, 2: 1 }, differs: true }]);
  });

  it('builds chart rows with one string key per run and nulls for gaps', () => {
    const rows = toChartRows<{ acc: number }>(
      [
        { x: 1, values: { 3: { acc: 0.9 }, 7: null } },
        { x: 2, values: { 3: { acc: 0.95 } } },
      ],
      [3, 7],
      (v) => v.acc,
      'epoch',
    );
    expect(rows).toEqual([
      { epoch: 1, r3: 0.9, r7: null },
      { epoch: 2, r3: 0.95, r7: null },
    ]);
  });
});
