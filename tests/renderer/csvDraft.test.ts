// The CSV choices of the data form become an experiment's data.csv (only what differs from the lab's
// own choices), come back from an experiment file unchanged, and a wrong test fraction is named at its field.

import { describe, expect, it } from 'vitest';
import { assembleExperiment, defaultCsvDraft, defaultDraft, draftFromExperiment, type ExperimentDraft } from '../../renderer/model/experiment';
import { kindOf, sourceOf } from '../../renderer/model/datasets';

function csvDraft(change: (d: ExperimentDraft) => void): ExperimentDraft {
  const d = defaultDraft(1);
  d.model = { input: [4], layers: [{ type: 'affine', units: 10, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] };
  d.data = { ...d.data, kind: 'csv', csvFile: '/data/iris.csv', csv: defaultCsvDraft() };
  change(d);
  return d;
}

describe('the CSV choices of the data form', () => {
  it('the lab’s own choices write nothing but the source; each choice made writes itself', () => {
    expect(
      assembleExperiment(
        csvDraft(() => {}),
        { classes: 3 },
      ).experiment?.data,
    ).toEqual({ source: 'csv:/data/iris.csv' });
    const chosen = csvDraft((d) => {
      d.data.csv = { label: 'species', delimiter: ';', header: 'row', scaling: 'min-max', testFraction: '0.25', dropEmpty: true, oneHot: ['colour'] };
    });
    const data = assembleExperiment(chosen, { classes: 3 }).experiment?.data;
    expect(data).toEqual({
      source: 'csv:/data/iris.csv',
      csv: { label: 'species', delimiter: ';', header: 'row', scaling: 'min-max', testFraction: 0.25, emptyCells: 'drop', oneHot: ['colour'] },
    });
    const back = draftFromExperiment(assembleExperiment(chosen, { classes: 3 }).experiment!, '1');
    expect(back.data.csvFile).toBe('/data/iris.csv');
    expect(back.data.csv).toEqual(chosen.data.csv);
  });

  it('a missing path and a test fraction out of range are each named at their field', () => {
    expect(
      assembleExperiment(
        csvDraft((d) => (d.data.csvFile = ' ')),
        { classes: 3 },
      ).fields.csvFile,
    ).toEqual({ code: 'required' });
    const wrong = assembleExperiment(
      csvDraft((d) => (d.data.csv = { ...defaultCsvDraft(), testFraction: '1.5' })),
      { classes: 3 },
    );
    expect(wrong.fields.testFraction?.text).toBe('"data.csv.testFraction" must be a number between 0 and 1 (say 0.2), not 1.5.');
    const text = assembleExperiment(
      csvDraft((d) => (d.data.csv = { ...defaultCsvDraft(), testFraction: 'a fifth' })),
      { classes: 3 },
    );
    expect(text.fields.testFraction?.text).toBe('"data.csv.testFraction" must be a number between 0 and 1 (say 0.2), not "a fifth".');
  });

  it('a csv: source is its own kind, path and all', () => {
    expect(kindOf('csv:C:\\data\\a.csv')).toEqual({ kind: 'csv', idxFolder: '', csvFile: 'C:\\data\\a.csv' });
    expect(sourceOf('csv', '', ' a.csv,b.csv ')).toBe('csv:a.csv,b.csv');
  });
});
