// The builder's data form carries data.validation (the hyperparameter lab's split, usable for any run):
// typed text becomes the experiment's field, a blank leaves it out, a draft saved before the field
// existed still assembles, and the bounds are the engine's.

import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import { assembleExperiment, defaultDraft, draftFromExperiment, type ExperimentDraft } from '../../../renderer/model/experiment';
import { dataFieldSpecs } from '../../../renderer/model/formFields';
import { en } from '../../../renderer/i18n/en';
import { ko } from '../../../renderer/i18n/ko';

const withData = (patch: Partial<ExperimentDraft['data']>): ExperimentDraft => {
  const draft = defaultDraft(1);
  return { ...draft, data: { ...draft.data, ...patch } };
};

describe('the validation field of the data form', () => {
  it('puts a typed count into data.validation beside trainLimit, and leaves it out when blank', () => {
    const assembled = assembleExperiment(withData({ validation: '100', trainLimit: '400' }), { classes: 10 });
    expect(assembled.blocker).toBeNull();
    expect(assembled.experiment!.data).toEqual({ source: 'mnist', trainLimit: 400, validation: 100 });
    expect('validation' in assembleExperiment(withData({ validation: '' }), { classes: 10 }).experiment!.data).toBe(false);
  });

  it('assembles a draft saved before the field existed', () => {
    const { validation: _, ...old } = defaultDraft(1).data;
    const assembled = assembleExperiment({ ...defaultDraft(1), data: old }, { classes: 10 });
    expect(assembled.blocker).toBeNull();
    expect('validation' in assembled.experiment!.data).toBe(false);
  });

  it('names the field when the count is not a whole number of at least 1', () => {
    for (const text of ['0', '2.5', 'abc']) {
      const assembled = assembleExperiment(withData({ validation: text }), { classes: 10 });
      expect(assembled.experiment).toBeNull();
      expect(Object.keys(assembled.fields)).toEqual(['validation']);
      expect(assembled.blocker).toMatchObject({ kind: 'field', field: 'validation' });
    }
  });

  it('round-trips through an experiment file, and has the engine’s bounds', () => {
    const experiment = assembleExperiment(withData({ validation: '250' }), { classes: 10 }).experiment!;
    expect(draftFromExperiment(experiment, '1').data.validation).toBe('250');
    const base = JSON.parse(JSON.stringify(experiment));
    const accepts = (n: number) => {
      try {
        validateExperiment({ ...base, data: { ...base.data, validation: n } });
        return true;
      } catch {
        return false;
      }
    };
    const { min, max } = dataFieldSpecs.validation;
    expect([accepts(min), accepts(max), accepts(min - 1), accepts(max + 1)]).toEqual([true, true, false, false]);
  });

  it('is labelled in English and Korean', () => {
    expect(en['field.validation']).toBe('Validation samples');
    expect(ko['field.validation']).toBe('검증 데이터 수');
    expect(ko['field.validation.hint']).toContain('검증 데이터');
  });
});
