import { describe, expect, it } from 'vitest';
import { layerSettingsText } from '../../renderer/builder/layerText';
import { translate, type Lang, type Translate } from '../../renderer/i18n/translate';

const tOf =
  (lang: Lang): Translate =>
  (key, params) =>
    translate(lang, key, params);
const nbsp = (text: string) => text.replace(/ /g, '\u00a0');

describe('a stack card’s settings line', () => {
  it('keeps the book’s wording for the layers it knows', () => {
    expect(layerSettingsText(tOf('en'), { type: 'conv', filters: 30, kernel: 5, stride: 1, pad: 0 }, 'en')).toBe(
      [nbsp('30 filters'), '5×5', nbsp('stride 1'), nbsp('pad 0')].join(' · '),
    );
  });

  it('lists any other type’s settings by their labels, in the chosen language', () => {
    expect(layerSettingsText(tOf('en'), { type: 'leaky-relu', alpha: 0.2 }, 'en')).toBe(nbsp('Slope α 0.2'));
    expect(layerSettingsText(tOf('ko'), { type: 'leaky-relu', alpha: 0.2 }, 'ko')).toBe(nbsp('기울기 α 0.2'));
    expect(layerSettingsText(tOf('en'), { type: 'relu' }, 'en')).toBe('');
  });
});
