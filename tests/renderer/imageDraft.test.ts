// An image folder's channels, width and height, set in the data form, become the experiment's data and
// come back from the experiment file: an experiment opened with them and saved from the form keeps them
// (before, the form dropped them on the way out).

import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../engine/experiment';
import { assembleExperiment, defaultDraft, draftFromExperiment } from '../../renderer/model/experiment';

const convNet = {
  format: 'dlab-experiment',
  version: 1,
  model: {
    input: [3, 16, 12],
    layers: [{ type: 'conv', filters: 4, kernel: 3 }, { type: 'relu' }, { type: 'flatten' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }],
  },
  data: { source: 'images:/data/flowers', channels: 3, width: 12, height: 16 },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 1 },
};

describe('the image folder options of the data form', () => {
  it('an experiment opened with channels, width and height is saved with them', () => {
    const opened = validateExperiment(convNet).experiment;
    const draft = draftFromExperiment(opened, '1');
    expect([draft.data.imageChannels, draft.data.imageWidth, draft.data.imageHeight]).toEqual(['3', '12', '16']);
    const saved = assembleExperiment(draft, { classes: 2 }).experiment;
    expect(saved?.data).toEqual({ source: 'images:/data/flowers', channels: 3, width: 12, height: 16 });
  });

  it('left empty, they write nothing (the folder’s own size and colours are taken); a wrong width is named at its field', () => {
    const draft = draftFromExperiment(validateExperiment({ ...convNet, data: { source: 'images:/data/flowers' } }).experiment, '1');
    expect([draft.data.imageChannels, draft.data.imageWidth, draft.data.imageHeight]).toEqual(['', '', '']);
    expect(assembleExperiment(draft, { classes: 2 }).experiment?.data).toEqual({ source: 'images:/data/flowers' });
    const wide = { ...draft, data: { ...draft.data, imageWidth: '2000' } };
    const assembly = assembleExperiment(wide, { classes: 2 });
    expect(assembly.experiment).toBeNull();
    expect(assembly.fields.width).toMatchObject({ code: 'max' });
  });

  it('the options belong to image folders only: another source never carries them', () => {
    const draft = defaultDraft(1);
    draft.data = { ...draft.data, imageChannels: '3', imageWidth: '12', imageHeight: '16' };
    expect(assembleExperiment(draft, { classes: 10 }).experiment?.data).toEqual({ source: 'mnist' });
  });
});
