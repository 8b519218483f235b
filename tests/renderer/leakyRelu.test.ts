// Leaky ReLU in the app, with no renderer file touched to add it: the palette lists it, the builder
// drops it in with its default, its field and the engine's refusals read in both languages.

import { describe, expect, it } from 'vitest';
import { findLayerType } from '../../engine/layers/registry';
import { analyzeModel } from '../../engine/model';
import { paletteItems } from '../../renderer/builder/paletteItems';
import { describeLayers } from '../../renderer/dashboard/describeModel';
import { describeEngineMessage } from '../../renderer/i18n/problems';
import { fieldHint, fieldLabel } from '../../renderer/i18n/registryText';
import { defaultLayer } from '../../renderer/model/edits';

describe('Leaky ReLU in the builder', () => {
  it('is in the palette, right after ReLU, named the same in Korean and explained in Korean', () => {
    const types = paletteItems('ko').map((item) => item.type);
    expect(types.indexOf('leaky-relu')).toBe(types.indexOf('relu') + 1);
    const ko = paletteItems('ko').find((item) => item.type === 'leaky-relu')!;
    expect(ko.label).toBe('Leaky ReLU');
    expect(ko.summary).toContain('기울기 α');
    expect(ko.icon.tint).toBe('activation');
  });

  it('drops in with alpha 0.01 and shows on the dashboard’s model line', () => {
    expect(defaultLayer('leaky-relu')).toEqual({ type: 'leaky-relu', alpha: 0.01 });
    expect(describeLayers([{ type: 'affine', units: 50 }, defaultLayer('leaky-relu')])).toBe('affine 50 → leaky-relu 0.01');
  });

  it('explains its field and reads the engine’s refusal in both languages', () => {
    const alpha = findLayerType('leaky-relu')!.fields[0]!;
    expect(fieldLabel('ko', alpha)).toBe('기울기 α');
    expect(fieldHint('en', alpha)).toContain('0.01');
    const message = analyzeModel({ input: [4], layers: [{ type: 'leaky-relu', alpha: 1 }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] }).error!
      .message;
    expect(describeEngineMessage('en', message)).toBe('Layer 1 (leaky-relu): "alpha" must be less than 1, not 1');
    expect(describeEngineMessage('ko', message)).toContain('Leaky ReLU');
    expect(describeEngineMessage('ko', message)).toContain('기울기 α');
  });
});
