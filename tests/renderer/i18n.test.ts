import { describe, expect, it } from 'vitest';
import { layerTypes } from '../../engine/layers/registry';
import { optimizerTypes } from '../../engine/optimizers/registry';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';
import { format, isMessageKey, translate, translateOr } from '../../renderer/i18n/translate';
import { describeProblem } from '../../renderer/i18n/problems';
import { sourceKinds } from '../../renderer/model/datasets';
import { presets } from '../../renderer/model/presets';
import { dataFieldSpecs, trainingFieldSpecs } from '../../renderer/model/formFields';
import { fieldHint, fieldLabel, fieldNameText, layerText, optimizerText } from '../../renderer/i18n/registryText';

// `{name}`, and in Korean `{name|을/를}` or `{“name”|을/를}` (the value, then the particle that fits it).
const placeholders = (text: string) => [...text.matchAll(/\{["“]?(\w+)["”]?(?:[|#][^{}]*)?\}/g)].map((m) => m[1]).sort();

describe('the Korean and English tables', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty values', () => {
    for (const table of [en, ko]) {
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ko[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('name and explain every field, dataset and preset (fields without texts of their own)', () => {
    const keys: string[] = [];
    for (const layer of layerTypes) {
      for (const field of layer.fields) if (!field.text) keys.push(`field.${field.name}`, `field.${field.name}.hint`);
      for (const field of layer.fields) for (const option of field.options ?? []) keys.push(`option.${field.name}.${option}`);
    }
    for (const optimizer of optimizerTypes) {
      for (const field of optimizer.fields) if (!field.text) keys.push(`field.${field.name}`, `field.${field.name}.hint`);
    }
    for (const field of [...Object.values(trainingFieldSpecs), ...Object.values(dataFieldSpecs)]) keys.push(`field.${field.name}`, `field.${field.name}.hint`);
    for (const kind of sourceKinds) keys.push(`data.${kind}.label`, `data.${kind}.description`);
    for (const preset of presets) keys.push(`preset.${preset.name}.label`, `preset.${preset.name}.summary`);
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it('speak the book’s Korean terms', () => {
    expect(layerText('ko', 'conv').label).toBe('합성곱');
    expect(layerText('ko', 'pool').label).toBe('풀링');
    expect(layerText('ko', 'batchnorm').label).toBe('배치 정규화');
    expect(layerText('ko', 'dropout').label).toBe('드롭아웃');
    expect(ko['field.lr']).toBe('학습률');
    expect(ko['field.weightDecay']).toContain('가중치 감소');
    expect(ko['field.init']).toBe('가중치 초깃값');
    expect(ko['field.epochs']).toContain('에폭');
    expect(ko['field.batchSize']).toContain('미니배치');
    expect(ko['preset.twoLayerNet.summary']).toContain('오차역전파법');
    expect(ko['field.trainLimit.hint']).toContain('오버피팅');
  });
});

describe('texts that come with the registries', () => {
  it('every layer and optimizer has its name and summary in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      for (const layer of layerTypes) {
        const text = layerText(lang, layer.type);
        expect(text.label.trim(), `${lang} ${layer.type}`).not.toBe('');
        expect(text.summary.length, `${lang} ${layer.type}`).toBeGreaterThan(10);
        expect(text.short.trim(), `${lang} ${layer.type}`).not.toBe('');
      }
      for (const optimizer of optimizerTypes) {
        expect(optimizerText(lang, optimizer.type).label.trim(), `${lang} ${optimizer.type}`).not.toBe('');
        expect(optimizerText(lang, optimizer.type).summary.length, `${lang} ${optimizer.type}`).toBeGreaterThan(10);
      }
    }
    // the Korean texts are Korean, not a copy of the English ones
    for (const layer of layerTypes) expect(layerText('ko', layer.type).summary, layer.type).not.toBe(layerText('en', layer.type).summary);
  });

  it('an unknown type (a file from a newer app) shows its own name', () => {
    expect(layerText('ko', 'mystery')).toEqual({ label: 'mystery', summary: '', short: '' });
    expect(optimizerText('en', 'lbfgs').label).toBe('lbfgs');
  });

  it('a shared field reads the table, a field with texts of its own reads them', () => {
    expect(fieldLabel('ko', { name: 'lr' })).toBe('학습률');
    const own = { name: 'gain', summary: 'a gain', text: { en: { label: 'Gain', hint: 'How much.' }, ko: { label: '이득', hint: '얼마나.' } } };
    expect(fieldLabel('ko', own)).toBe('이득');
    expect(fieldHint('en', own)).toBe('How much.');
    expect(fieldHint('en', { name: 'nothing', summary: 'the summary' })).toBe('the summary');
    expect(fieldNameText('ko', 'stride')).toBe('스트라이드');
  });
});

describe('t(key, params)', () => {
  it('fills placeholders and writes numbers in the language’s way', () => {
    expect(translate('en', 'status.run', { id: 12 })).toBe('Run #12');
    expect(translate('ko', 'status.epochOf', { epoch: 2, total: 5 })).toBe('2/5 에폭');
    expect(translate('en', 'summary.units', { units: 1000 })).toBe('1,000 units');
    expect(format('en', 'keep {missing}', {})).toBe('keep {missing}');
  });

  it('falls back for keys built from data', () => {
    expect(translateOr('ko', 'field.lr', 'lr')).toBe('학습률');
    expect(translateOr('ko', 'field.mystery', 'mystery')).toBe('mystery');
  });

  it('says what is wrong with a field in either language', () => {
    expect(describeProblem('en', { code: 'min', limit: 1 })).toBe('Must be at least 1.');
    expect(describeProblem('ko', { code: 'min', limit: 1 })).toBe('1 이상이어야 합니다.');
  });
});
