import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../engine/experiment';
import {
  assembleExperiment,
  defaultDraft,
  draftFromExperiment,
  experimentFileName,
  experimentText,
  formFieldOfPath,
  optimizerDefaults,
  type ExperimentDraft,
} from '../../renderer/model/experiment';
import { presetLayers } from '../../renderer/model/presets';

const MNIST = { classes: 10 };

function draft(change: (d: ExperimentDraft) => void = () => {}): ExperimentDraft {
  const d = defaultDraft(2);
  change(d);
  return d;
}

describe('experiment assembly', () => {
  it('the default draft is an experiment the engine accepts, with the book’s Adam defaults', () => {
    const a = assembleExperiment(draft(), MNIST);
    expect(a.blocker).toBeNull();
    expect(a.workers).toBe(2);
    expect(a.experiment).not.toBeNull();
    expect(a.experiment!.training.optimizer).toEqual({ type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 });
    expect(a.experiment!.data).toEqual({ source: 'mnist' });
    expect(() => validateExperiment(a.experiment)).not.toThrow();
  });

  it('an optimizer gets exactly its own fields', () => {
    expect(Object.keys(optimizerDefaults('sgd'))).toEqual(['lr']);
    expect(Object.keys(optimizerDefaults('momentum')).sort()).toEqual(['lr', 'momentum']);
    const a = assembleExperiment(
      draft((d) => (d.training = { ...d.training, optimizer: 'sgd', values: { lr: '0.1' } })),
      MNIST,
    );
    expect(a.experiment!.training.optimizer).toEqual({ type: 'sgd', lr: 0.1 });
  });

  it('catches bad values in the form, each with its reason', () => {
    const a = assembleExperiment(
      draft((d) => {
        d.training.batchSize = '0';
        d.training.epochs = 'ten';
        d.training.seed = '1.5';
        d.training.values.lr = '0';
        d.workers = '';
      }),
      MNIST,
    );
    expect(a.experiment).toBeNull();
    expect(a.fields.batchSize).toMatchObject({ code: 'min', limit: 1 });
    expect(a.fields.epochs).toMatchObject({ code: 'number' });
    expect(a.fields.seed).toMatchObject({ code: 'int' });
    expect(a.fields.lr).toMatchObject({ code: 'gt', limit: 0 });
    expect(a.fields.workers).toMatchObject({ code: 'required' });
    expect(a.blocker).toMatchObject({ kind: 'field' });
  });

  it('an IDX source needs a folder; toy sets take their size and noise', () => {
    const idx = assembleExperiment(
      draft((d) => (d.data.kind = 'idx')),
      { classes: null },
    );
    expect(idx.fields.idxFolder).toMatchObject({ code: 'required' });
    const folder = assembleExperiment(
      draft((d) => Object.assign(d.data, { kind: 'idx', idxFolder: ' /data/fashion ' })),
      { classes: null },
    );
    expect(folder.experiment!.data.source).toBe('idx:/data/fashion');
    // An image folder, the same way: a path is required, and it becomes images:FOLDER.
    expect(
      assembleExperiment(
        draft((d) => (d.data.kind = 'images')),
        { classes: null },
      ).fields.idxFolder,
    ).toMatchObject({ code: 'required' });
    const images = assembleExperiment(
      draft((d) => Object.assign(d.data, { kind: 'images', idxFolder: ' /data/flowers ' })),
      { classes: null },
    );
    expect(images.experiment!.data.source).toBe('images:/data/flowers');

    const spiral = draft((d) => {
      d.data = { ...d.data, kind: 'spiral', samples: '300', noise: '0.2', trainLimit: '200' };
      d.model = { input: [2], layers: [{ type: 'affine', units: 20 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] };
    });
    const a = assembleExperiment(spiral, { classes: 3 });
    expect(a.blocker).toBeNull();
    expect(a.experiment!.data).toEqual({ source: 'spiral', samples: 300, noise: 0.2, trainLimit: 200 });
    const noisy = assembleExperiment({ ...spiral, data: { ...spiral.data, noise: '5' } }, { classes: 3 });
    expect(noisy.fields.noise).toMatchObject({ code: 'max', limit: 2 });
  });

  it('refuses a last layer whose scores do not match the classes', () => {
    const a = assembleExperiment(draft(), { classes: 3 });
    expect(a.experiment).toBeNull();
    expect(a.blocker).toEqual({ kind: 'classes', scores: 10, classes: 3 });
  });

  it('a stack that cannot work blocks training with the engine’s sentence and the layer', () => {
    const a = assembleExperiment(
      draft(
        (d) =>
          (d.model = {
            input: [1, 28, 28],
            layers: [{ type: 'affine', units: 10 }, { type: 'conv', filters: 2, kernel: 3, stride: 1, pad: 0, init: 'he' }, { type: 'softmax-with-loss' }],
          }),
      ),
      MNIST,
    );
    expect(a.blocker).toMatchObject({ kind: 'model', layerIndex: 1 });
    expect((a.blocker as { message: string }).message).toMatch(/^Layer 2 \(conv\)/);
  });

  it('an experiment read back into a draft assembles to the same experiment', () => {
    const original = assembleExperiment(
      draft((d) => {
        d.name = 'Conv, Momentum';
        d.model = { input: [1, 28, 28], layers: presetLayers('simpleConvNet') };
        d.training = { ...d.training, optimizer: 'momentum', values: { lr: '0.05', momentum: '0.8' }, weightDecay: '0.001' };
        d.data.trainLimit = '300';
      }),
      MNIST,
    ).experiment!;
    const again = assembleExperiment(draftFromExperiment(original, '3'), MNIST);
    expect(again.experiment).toEqual(original);
    expect(again.workers).toBe(3);
  });

  it('names the file and writes it as the lab does', () => {
    expect(experimentFileName('  My run: Adam/SGD? ')).toBe('My-run-AdamSGD.dlab.json');
    expect(experimentFileName('')).toBe('experiment.dlab.json');
    const experiment = assembleExperiment(draft(), MNIST).experiment!;
    expect(JSON.parse(experimentText(experiment))).toEqual(experiment);
  });

  it('maps an experiment path to the form field that edits it', () => {
    expect(formFieldOfPath('training.optimizer.lr')).toBe('lr');
    expect(formFieldOfPath('training.batchSize')).toBe('batchSize');
    expect(formFieldOfPath('data.samples')).toBe('samples');
    expect(formFieldOfPath('model.layers[0].units')).toBeNull();
    expect(formFieldOfPath(undefined)).toBeNull();
  });
});
