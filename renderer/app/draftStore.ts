// The experiment being built on the Build page: the stack with its undo history, the forms' fields
// as typed, the selected layer, and — when the learner came from the Weights page — the weights to
// continue from. It outlives page changes and is remembered across restarts in localStorage.

import type { LayerSpec, ModelSpec } from '../../engine/model';
import type { Experiment } from '../../engine/experiment';
import { sourceKinds, isToy, knownShape, toyDefault, type SourceKind } from '../model/datasets';
import {
  assembleExperiment,
  defaultDraft,
  draftFromExperiment,
  optimizerDefaults,
  type Assembly,
  type DataDraft,
  type ExperimentDraft,
  type TrainingDraft,
} from '../model/experiment';
import { createHistory, mapHistory, push, redo, seal, undo, type History } from '../model/history';
import { presetLayers, type PresetName } from '../model/presets';
import { applyEdit, withInput, type Stack, type StackEdit } from '../model/stack';
import { defaultWorkers } from '../model/formFields';
import { createStore, useStore } from './store';
import { t } from '../i18n/useI18n';
import { notify } from './notices';
import { changedLock, packLock } from './packLock';

export interface ContinueFrom {
  weights: unknown;
  /** What the learner sees: the run or file the weights came from. */
  label: string;
}

export interface DraftState {
  stack: History<Stack>;
  name: string;
  description: string;
  data: DataDraft;
  training: TrainingDraft;
  workers: string;
  /** Classes of the data source, when known (from the source kind, or the house's preview). */
  classes: number | null;
  selectedId: string | null;
  continueFrom: ContinueFrom | null;
}

const STORAGE_KEY = 'dlab.draft.v1';
let nextId = 1;
const newId = (): string => `layer-${nextId++}`;

function cores(): number | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
}

function stateOf(draft: ExperimentDraft): DraftState {
  const stack: Stack = { spec: draft.model, ids: draft.model.layers.map(newId) };
  return {
    stack: createHistory(stack),
    name: draft.name,
    description: draft.description,
    data: draft.data,
    training: draft.training,
    workers: draft.workers,
    classes: knownShape(draft.data.kind).classes,
    selectedId: null,
    continueFrom: null,
  };
}

export function draftOf(state: DraftState): ExperimentDraft {
  return {
    name: state.name,
    description: state.description,
    model: state.stack.present.spec,
    data: state.data,
    training: state.training,
    workers: state.workers,
  };
}

// ---- persistence ---------------------------------------------------------------------------------

const isText = (v: unknown): v is string => typeof v === 'string';

function looksLikeDraft(raw: unknown): raw is ExperimentDraft {
  if (typeof raw !== 'object' || raw === null) return false;
  const d = raw as Record<string, unknown>;
  const model = d.model as ModelSpec | undefined;
  const data = d.data as DataDraft | undefined;
  const training = d.training as TrainingDraft | undefined;
  return (
    isText(d.name) &&
    isText(d.description) &&
    isText(d.workers) &&
    !!model &&
    Array.isArray(model.input) &&
    Array.isArray(model.layers) &&
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the draft is parsed from storage: a layer may be anything
    model.layers.every((l: LayerSpec) => typeof l === 'object' && l !== null && isText(l.type)) &&
    !!data &&
    sourceKinds.includes(data.kind) &&
    [data.idxFolder, data.samples, data.noise, data.trainLimit].every(isText) &&
    !!training &&
    isText(training.optimizer) &&
    typeof training.values === 'object' &&
    [training.batchSize, training.epochs, training.weightDecay, training.seed].every(isText)
  );
}

function loadState(): DraftState {
  try {
    const text = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (text) {
      const raw: unknown = JSON.parse(text);
      if (looksLikeDraft(raw)) return stateOf(raw);
    }
  } catch {
    // A damaged saved draft is replaced by a fresh one.
  }
  return stateOf(defaultDraft(defaultWorkers(cores())));
}

export const draftStore = createStore<DraftState>(loadState());

let saveTimer: ReturnType<typeof setTimeout> | null = null;
draftStore.subscribe(() => {
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(draftOf(draftStore.get())));
    } catch {
      // Not remembering the draft is no reason to interrupt the learner.
    }
  }, 400);
});

// ---- actions -------------------------------------------------------------------------------------

/** Every change goes through here: while an assignment pack is worked on, one that alters a setting it locks is refused with a sentence. */
function update(change: (s: DraftState) => DraftState): boolean {
  const lock = packLock.get();
  const current = draftStore.get();
  const next = change(current);
  const broken = lock === null || next === current ? null : changedLock(lock, next);
  if (broken !== null) {
    notify('error', t('pack.lockRefused', { path: broken }));
    return false;
  }
  draftStore.set(next);
  return true;
}

/** Applies a stack edit as one undo step; edits with the same `group` (typing in one field) merge. */
export function editStack(edit: StackEdit, group: string | null = null): void {
  update((s) => ({ ...s, stack: push(s.stack, applyEdit(s.stack.present, edit), group) }));
}

export function addLayer(index: number, layer: LayerSpec): string {
  const id = newId();
  update((s) => ({ ...s, stack: push(s.stack, applyEdit(s.stack.present, { kind: 'add', index, layer, id })), selectedId: id }));
  return id;
}

export function duplicateLayer(index: number): string {
  const id = newId();
  update((s) => ({ ...s, stack: push(s.stack, applyEdit(s.stack.present, { kind: 'duplicate', index, id })), selectedId: id }));
  return id;
}

export function removeLayer(index: number): void {
  update((s) => {
    const ids = s.stack.present.ids;
    const removed = ids[index];
    const neighbour = ids[index + 1] ?? ids[index - 1] ?? null;
    return {
      ...s,
      stack: push(s.stack, applyEdit(s.stack.present, { kind: 'remove', index })),
      selectedId: s.selectedId === removed ? neighbour : s.selectedId,
    };
  });
}

export function undoStack(): void {
  update((s) => ({ ...s, stack: undo(s.stack) }));
}

export function redoStack(): void {
  update((s) => ({ ...s, stack: redo(s.stack) }));
}

/** Ends the typing group of a field (on blur), so the next edit is an undo step of its own. */
export function sealStack(): void {
  update((s) => ({ ...s, stack: seal(s.stack) }));
}

export function selectLayer(id: string | null): void {
  update((s) => (s.selectedId === id ? s : { ...s, selectedId: id }));
}

export function loadPreset(name: PresetName): void {
  const layers = presetLayers(name);
  const ids = layers.map(newId);
  update((s) => ({ ...s, stack: push(s.stack, applyEdit(s.stack.present, { kind: 'replace', layers, ids })), selectedId: null }));
}

function withInputShape(s: DraftState, input: readonly number[]): DraftState {
  const current = s.stack.present.spec.input;
  if (current.length === input.length && current.every((d, i) => d === input[i])) return s;
  return { ...s, stack: mapHistory(s.stack, (stack) => withInput(stack, input)) };
}

export function setSourceKind(kind: SourceKind): void {
  update((s) => {
    const known = knownShape(kind);
    const toy = isToy(kind) ? toyDefault(kind) : null;
    const data: DataDraft = {
      ...s.data,
      kind,
      ...(toy && !isToy(s.data.kind) ? { samples: String(toy.samples), noise: String(toy.noise) } : {}),
    };
    return withInputShape({ ...s, data, classes: known.classes }, known.input);
  });
}

export function setData(patch: Partial<Omit<DataDraft, 'kind'>>): void {
  update((s) => ({ ...s, data: { ...s.data, ...patch } }));
}

/** What the house said about the chosen source (an IDX folder's real image size and classes). */
export function setDatasetShape(input: readonly number[], classes: number): void {
  update((s) => withInputShape({ ...s, classes }, input));
}

export function setTraining(patch: Partial<Omit<TrainingDraft, 'optimizer' | 'values'>>): void {
  update((s) => ({ ...s, training: { ...s.training, ...patch } }));
}

/** Switches the optimizer; its fields start at the book's defaults. */
export function setOptimizer(type: string): void {
  update((s) => ({ ...s, training: { ...s.training, optimizer: type, values: optimizerDefaults(type) } }));
}

export function setOptimizerValue(name: string, text: string): void {
  update((s) => ({ ...s, training: { ...s.training, values: { ...s.training.values, [name]: text } } }));
}

export function setWorkers(text: string): void {
  update((s) => ({ ...s, workers: text }));
}

export function setName(name: string): void {
  update((s) => ({ ...s, name }));
}

/** Loads an experiment (opened from a file, or behind weights to continue); the stack change is undoable. False: an assignment pack's lock refused it. */
export function loadExperiment(experiment: Experiment, continueFrom: ContinueFrom | null = null): boolean {
  return update((s) => {
    const draft = draftFromExperiment(experiment, s.workers);
    const ids = draft.model.layers.map(newId);
    const stack = push(s.stack, { spec: draft.model, ids });
    return {
      ...s,
      stack,
      name: draft.name,
      description: draft.description,
      data: draft.data,
      training: draft.training,
      classes: knownShape(draft.data.kind).classes,
      selectedId: null,
      continueFrom,
    };
  });
}

export function clearContinueFrom(): void {
  update((s) => ({ ...s, continueFrom: null }));
}

// ---- reading -------------------------------------------------------------------------------------

export function useDraft<S>(select: (state: DraftState) => S): S {
  return useStore(draftStore, select);
}

let lastAssembled: { state: DraftState; assembly: Assembly } | null = null;

/** The assembled experiment, recomputed only when the draft changed. */
export function assemblyOf(state: DraftState): Assembly {
  if (lastAssembled && lastAssembled.state === state) return lastAssembled.assembly;
  const assembly = assembleExperiment(draftOf(state), { classes: state.classes });
  lastAssembled = { state, assembly };
  return assembly;
}

export function useAssembly(): Assembly {
  return useStore(draftStore, assemblyOf);
}
