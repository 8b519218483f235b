// Compare's table in the builder's words: layers counted from 1 and named by type, in both languages,
// and rows in the model's order even when one run has more layers than another.

import { describe, expect, it } from 'vitest';
import { settingLabel } from '../../renderer/compare/settingLabel';
import { settingRows } from '../../renderer/compare/settings';

const types = (index: number) => (index === 0 ? ['conv'] : index === 3 ? ['affine', 'relu'] : ['affine']);

describe('compare settings in the builder’s words', () => {
  it('names a layer’s setting by its number from 1 and its type', () => {
    expect(settingLabel('ko', 'model.layers[0].filters', types)).toBe('층 1 (합성곱) 필터 수');
    expect(settingLabel('en', 'model.layers[0].filters', types)).toBe('Layer 1 (Convolution) filters');
    expect(settingLabel('en', 'model.layers[2].units', types)).toBe('Layer 3 (Affine) units');
    expect(settingLabel('en', 'model.layers[3].type', types)).toBe('Layer 4 (Affine / ReLU) type');
    expect(settingLabel('ko', 'model.layers[3].type', types)).toBe('층 4 (Affine / ReLU) 종류');
  });

  it('names data and training settings by their form labels', () => {
    expect(settingLabel('en', 'training.optimizer.lr', types)).toBe('Learning rate');
    expect(settingLabel('ko', 'training.optimizer.lr', types)).toBe('학습률');
    expect(settingLabel('ko', 'training.batchSize', types)).toBe('미니배치 크기');
    expect(settingLabel('en', 'training.optimizer.type', types)).toBe('Optimizer');
    expect(settingLabel('en', 'data.trainLimit', types)).toBe('Training samples');
    expect(settingLabel('en', 'model.input[0]', types)).toBe('Input shape, dimension 1');
    expect(settingLabel('en', 'something.else', types)).toBe('something.else');
  });

  it('puts the rows in model order: a longer stack’s last layers before the data and training', () => {
    const experiment = (layers: object[], lr: number) => ({
      model: { input: [2], layers },
      data: { source: 'spiral' },
      training: { optimizer: { type: 'adam', lr } },
    });
    const rows = settingRows([
      { id: 1, experiment: experiment([{ type: 'affine', units: 3 }, { type: 'softmax-with-loss' }], 0.1) },
      { id: 2, experiment: experiment([{ type: 'affine', units: 8 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }], 0.01) },
    ]);
    const paths = rows.map((r) => r.path);
    expect(paths.indexOf('model.layers[3].type')).toBeLessThan(paths.indexOf('data.source'));
    expect(paths.indexOf('model.layers[1].type')).toBeLessThan(paths.indexOf('model.layers[2].units'));
    expect(paths.indexOf('model.input[0]')).toBe(0);
    expect(paths[paths.length - 1]).toBe('training.optimizer.lr');
  });
});
