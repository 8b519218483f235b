// The form's own field bounds mirror engine/experiment.ts: each bound is accepted by validateExperiment
// and the next value past it is refused, so the form and the engine can never disagree.

import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../engine/fields';
import { validateExperiment } from '../../engine/experiment';
import { assembleExperiment, defaultDraft } from '../../renderer/model/experiment';
import { dataFieldSpecs, defaultWorkers, trainingFieldSpecs } from '../../renderer/model/formFields';

const base = assembleExperiment(defaultDraft(1), { classes: 10 }).experiment!;

function accepts(section: 'training' | 'data', name: string, value: number, extra: Record<string, unknown> = {}): boolean {
  const experiment = JSON.parse(JSON.stringify(base));
  Object.assign(experiment[section], extra, { [name]: value });
  try {
    validateExperiment(experiment);
    return true;
  } catch {
    return false;
  }
}

function step(field: FieldSpec): number {
  return field.kind === 'int' ? 1 : 1e-9;
}

describe('form field bounds match the engine', () => {
  const cases: [section: 'training' | 'data', FieldSpec, Record<string, unknown>][] = [
    ...Object.values(trainingFieldSpecs).map((f): ['training', FieldSpec, Record<string, unknown>] => ['training', f, {}]),
    ['data', dataFieldSpecs.trainLimit, {}],
    ['data', dataFieldSpecs.samples, { source: 'spiral', noise: 0.1 }],
    ['data', dataFieldSpecs.noise, { source: 'spiral', samples: 100 }],
  ];
  for (const [section, field, extra] of cases) {
    it(`${section}.${field.name}: ${field.min} … ${field.max}`, () => {
      expect(accepts(section, field.name, field.min!, extra)).toBe(true);
      expect(accepts(section, field.name, field.max!, extra)).toBe(true);
      expect(accepts(section, field.name, field.min! - step(field), extra)).toBe(false);
      expect(accepts(section, field.name, field.max! + step(field), extra)).toBe(false);
    });
  }

  it('defaults to the cores, at most four', () => {
    expect(defaultWorkers(16)).toBe(4);
    expect(defaultWorkers(2)).toBe(2);
    expect(defaultWorkers(undefined)).toBe(1);
  });
});
