// While a student works on an assignment pack in Build, the draft store refuses every change that moves
// a setting the pack locks (a field, a layer deleted or moved, a preset, an undo) with one sentence, lets
// every other change through, and leaving the assignment makes everything editable again.

import { afterEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../engine/experiment';
import {
  draftStore,
  editStack,
  loadExperiment,
  loadPreset,
  removeLayer,
  setOptimizer,
  setOptimizerValue,
  setTraining,
  undoStack,
} from '../../../renderer/app/draftStore';
import { dismissNotice, notices } from '../../../renderer/app/notices';
import { changedLock, draftValueAt, leavePack, lockCovering, packLock, touchesLock, workOnPack } from '../../../renderer/app/packLock';

const starter: Experiment = {
  format: 'dlab-experiment',
  version: 1,
  name: 'xor starter',
  model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'tanh' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
  data: { source: 'xor', samples: 400, noise: 0.3 },
  training: { optimizer: { type: 'sgd', lr: 0.3 }, batchSize: 20, epochs: 3, seed: 1 },
} as Experiment;

function work(locked: string[]): void {
  leavePack();
  loadExperiment(starter);
  workOnPack({ id: 'xor-locks', title: { en: 'XOR', ko: 'XOR' }, locked, start: draftStore.get() });
}

const layers = () => draftStore.get().stack.present.spec.layers;
const lastError = () =>
  notices
    .get()
    .filter((n) => n.tone === 'error')
    .at(-1)?.title;

afterEach(() => {
  leavePack();
  for (const notice of notices.get()) dismissNotice(notice.id);
});

describe('setting paths against locks', () => {
  it('a lock covers the setting itself and everything inside it, and a layer with a locked field is partly locked', () => {
    expect(lockCovering(['training.optimizer'], 'training.optimizer.lr')).toBe('training.optimizer');
    expect(lockCovering(['training.optimizer.type'], 'training.optimizer.lr')).toBeNull();
    expect(lockCovering(['model.layers[0]'], 'model.layers[0].units')).toBe('model.layers[0]');
    expect(lockCovering(['model.layers[0]'], 'model.layers[10].units')).toBeNull();
    expect(touchesLock(['model.layers[2].units'], 'model.layers[2]')).toBe(true);
    expect(touchesLock(['model.layers[2].units'], 'model.layers[1]')).toBe(false);
  });

  it('reads the draft where the forms keep a setting under their own name', () => {
    loadExperiment(starter);
    const draft = draftStore.get();
    expect(draftValueAt(draft, 'training.optimizer.type')).toBe('sgd');
    expect(draftValueAt(draft, 'training.optimizer.lr')).toBe('0.3');
    expect(draftValueAt(draft, 'data.source')).toBe('xor');
    expect(draftValueAt(draft, 'model.layers[0].units')).toBe(8);
  });
});

describe('working on an assignment pack in Build', () => {
  it('refuses deleting or moving the locked layer, with a sentence naming it, and lets the unlocked layers be edited', () => {
    work(['model.layers[0]']);
    const before = layers();
    removeLayer(0);
    expect(layers()).toBe(before);
    expect(lastError()).toBe('The assignment pack locks model.layers[0]: this change is refused. Leave the assignment to change it.');
    editStack({ kind: 'move', from: 1, to: 0 });
    expect(layers()).toBe(before);
    editStack({ kind: 'field', index: 0, name: 'units', value: 16 });
    expect(layers()[0]).toEqual({ type: 'affine', units: 8 });
    loadPreset('twoLayerNet');
    expect(layers()).toBe(before);
    editStack({ kind: 'field', index: 2, name: 'units', value: 3 });
    expect(layers()[2]).toEqual({ type: 'affine', units: 3 });
  });

  it('an undo that would bring back the stack before the pack is refused too', () => {
    loadExperiment({ ...starter, model: { input: [2], layers: [{ type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] } } as Experiment);
    work(['model.layers[0]']);
    undoStack();
    expect(layers()[0]).toEqual({ type: 'affine', units: 8 });
    expect(lastError()).toContain('model.layers[0]');
  });

  it('keeps the locked optimizer and lets the learning rate and the schedule change', () => {
    work(['training.optimizer.type', 'training.batchSize']);
    setOptimizer('adam');
    expect(draftStore.get().training.optimizer).toBe('sgd');
    setTraining({ batchSize: '50' });
    expect(draftStore.get().training.batchSize).toBe('20');
    setOptimizerValue('lr', '0.5');
    setTraining({ epochs: '7' });
    expect(draftStore.get().training).toMatchObject({ optimizer: 'sgd', epochs: '7', values: { lr: '0.5' } });
    expect(changedLock(packLock.get()!, draftStore.get())).toBeNull();
  });

  it('a whole locked optimizer keeps its learning rate as well', () => {
    work(['training.optimizer']);
    setOptimizerValue('lr', '0.5');
    expect(draftStore.get().training.values.lr).toBe('0.3');
  });

  it('leaving the assignment makes everything editable again', () => {
    work(['model.layers[0]', 'training.optimizer']);
    leavePack();
    removeLayer(0);
    setOptimizer('adam');
    expect(layers()).toHaveLength(3);
    expect(draftStore.get().training.optimizer).toBe('adam');
  });
});
