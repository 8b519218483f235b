// While a student works on an assignment pack in Build, a change is refused when it moves a setting the
// pack locks away from the pack's start — a field, a layer deleted or moved, a preset, an undo — and let
// through otherwise. These are the checks the draft store makes before every change (draftStore.ts
// `update`); the e2e (tests/e2e/classroom.test.ts) drives the same refusals through the page.

import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../engine/experiment';
import { changedLock, draftValueAt, lockCovering, touchesLock, type LockedDraft, type PackLock } from '../../../renderer/app/packLock';
import { draftFromExperiment, optimizerDefaults } from '../../../renderer/model/experiment';
import { createHistory, push, undo, type History } from '../../../renderer/model/history';
import { presetLayers } from '../../../renderer/model/presets';
import { applyEdit, type Stack, type StackEdit } from '../../../renderer/model/stack';

const starter = {
  format: 'dlab-experiment',
  version: 1,
  name: 'xor starter',
  model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'tanh' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
  data: { source: 'xor', samples: 400, noise: 0.3 },
  training: { optimizer: { type: 'sgd', lr: 0.3 }, batchSize: 20, epochs: 3, weightDecay: 0, seed: 1 },
} as Experiment;

type Draft = LockedDraft & { stack: History<Stack>; training: ReturnType<typeof draftFromExperiment>['training'] };

/** The draft as loading the pack's starting experiment leaves it, on top of an earlier stack (for undo). */
function started(): Draft {
  const draft = draftFromExperiment(starter, '1');
  const earlier = createHistory<Stack>({ spec: { input: [2], layers: [{ type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] }, ids: ['a', 'b'] });
  const stack = push(earlier, { spec: draft.model, ids: draft.model.layers.map((_, i) => `layer-${i}`) });
  return { stack, data: draft.data, training: draft.training };
}

const lockOf = (locked: string[]): PackLock => ({ id: 'xor-locks', title: { en: 'XOR', ko: 'XOR' }, locked, start: started() });
const edited = (draft: Draft, edit: StackEdit): Draft => ({ ...draft, stack: push(draft.stack, applyEdit(draft.stack.present, edit)) });
const trained = (draft: Draft, patch: Partial<Draft['training']>): Draft => ({ ...draft, training: { ...draft.training, ...patch } });

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
    const draft = started();
    expect(draftValueAt(draft, 'training.optimizer.type')).toBe('sgd');
    expect(draftValueAt(draft, 'training.optimizer.lr')).toBe('0.3');
    expect(draftValueAt(draft, 'training.batchSize')).toBe('20');
    expect(draftValueAt(draft, 'data.source')).toBe('xor');
    expect(draftValueAt(draft, 'model.layers[0].units')).toBe(8);
  });
});

describe('a change while working on an assignment pack', () => {
  it('deleting, moving or editing the locked layer, a preset, or an undo past the start is refused; the unlocked layers stay editable', () => {
    const lock = lockOf(['model.layers[0]']);
    const draft = started();
    expect(changedLock(lock, draft)).toBeNull();
    expect(changedLock(lock, edited(draft, { kind: 'remove', index: 0 }))).toBe('model.layers[0]');
    expect(changedLock(lock, edited(draft, { kind: 'move', from: 1, to: 0 }))).toBe('model.layers[0]');
    expect(changedLock(lock, edited(draft, { kind: 'field', index: 0, name: 'units', value: 16 }))).toBe('model.layers[0]');
    const preset = presetLayers('twoLayerNet');
    expect(changedLock(lock, edited(draft, { kind: 'replace', layers: preset, ids: preset.map((_, i) => `p${i}`) }))).toBe('model.layers[0]');
    expect(changedLock(lock, { ...draft, stack: undo(draft.stack) })).toBe('model.layers[0]');
    expect(changedLock(lock, edited(draft, { kind: 'field', index: 2, name: 'units', value: 3 }))).toBeNull();
    expect(changedLock(lock, edited(draft, { kind: 'remove', index: 1 }))).toBeNull();
  });

  it('a locked optimizer type keeps the optimizer but lets the learning rate and the schedule change', () => {
    const lock = lockOf(['training.optimizer.type', 'training.batchSize']);
    const draft = started();
    expect(changedLock(lock, trained(draft, { optimizer: 'adam', values: optimizerDefaults('adam') }))).toBe('training.optimizer.type');
    expect(changedLock(lock, trained(draft, { batchSize: '50' }))).toBe('training.batchSize');
    expect(changedLock(lock, trained(draft, { values: { ...draft.training.values, lr: '0.5' }, epochs: '7' }))).toBeNull();
  });

  it('a whole locked optimizer keeps its learning rate as well', () => {
    const lock = lockOf(['training.optimizer']);
    const draft = started();
    expect(changedLock(lock, trained(draft, { values: { ...draft.training.values, lr: '0.5' } }))).toBe('training.optimizer');
  });
});
