// The Build page: the palette, the stack and the inspector side by side, the book's networks one click
// away, undo and redo, experiment files, and the bar that starts training.

import { NAME_MAX } from '../../main/api/constants';
import { useCallback, useMemo } from 'react';
import { analyzeModel } from '../../engine/model';
import { addLayer, duplicateLayer, editStack, redoStack, removeLayer, selectLayer, setName, undoStack, useAssembly, useDraft } from '../app/draftStore';
import { BookIcon, RedoIcon, UndoIcon } from '../app/Icons';
import { DataDropZone } from '../forms/DataDropZone';
import { ExperimentFiles } from '../forms/ExperimentFiles';
import { TrainBar } from '../forms/TrainBar';
import { useI18n } from '../i18n/useI18n';
import { defaultLayer } from '../model/edits';
import { canRedo, canUndo } from '../model/history';
import { BuilderDnd } from './BuilderDnd';
import { Inspector } from './Inspector';
import { PackBanner } from './PackBanner';
import { Palette } from './Palette';
import { PresetButtons } from './PresetButtons';
import { StackView } from './StackView';
import { useUndoShortcuts } from './useUndoShortcuts';
import '../forms/forms.css';
import './builder.css';

const DATA_FIELDS = ['idxFolder', 'samples', 'noise', 'trainLimit', 'validation', 'width', 'height'];

/** Brings focus back to a moved layer's button after React has re-ordered the list. */
function refocus(id: string, action: string) {
  requestAnimationFrame(() => {
    const card = document.querySelector(`[data-layer-id="${id}"]`);
    const button =
      card?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not(:disabled)`) ?? card?.querySelector<HTMLButtonElement>('[data-role="grip"]');
    button?.focus();
  });
}

export function BuildPage() {
  const { t } = useI18n();
  const history = useDraft((s) => s.stack);
  const stack = history.present;
  const selectedId = useDraft((s) => s.selectedId);
  const name = useDraft((s) => s.name);
  const assembly = useAssembly();
  const analysis = useMemo(() => analyzeModel(stack.spec), [stack.spec]);

  useUndoShortcuts(undoStack, redoStack);

  const onInsert = useCallback((index: number, type: string) => addLayer(index, defaultLayer(type)), []);
  const onMove = useCallback(
    (from: number, to: number) => {
      const id = stack.ids[from];
      editStack({ kind: 'move', from, to });
      if (id) refocus(id, to < from ? 'up' : 'down');
    },
    [stack.ids],
  );

  /** The + of a palette card: after the selected layer, else just before the loss that ends the stack. */
  const onAdd = useCallback(
    (type: string) => {
      const layers = stack.spec.layers;
      const selected = selectedId ? stack.ids.indexOf(selectedId) : -1;
      const endsWithLoss = layers.length > 0 && layers[layers.length - 1]!.type === 'softmax-with-loss';
      const index = selected >= 0 ? selected + 1 : endsWithLoss && type !== 'softmax-with-loss' ? layers.length - 1 : layers.length;
      addLayer(index, defaultLayer(type));
    },
    [stack, selectedId],
  );

  const fieldProblems = Object.keys(assembly.fields);
  const problemCounts = {
    layer: 0,
    data: fieldProblems.filter((f) => DATA_FIELDS.includes(f)).length,
    training: fieldProblems.filter((f) => !DATA_FIELDS.includes(f)).length,
  };

  return (
    <div className="build-page">
      <DataDropZone />
      <PackBanner />
      <header className="build-page__header">
        <div className="build-page__title">
          <h2 className="visually-hidden">{t('build.title')}</h2>
          <input
            className="build-page__name"
            data-testid="form.field.name"
            value={name}
            maxLength={NAME_MAX}
            placeholder={t('build.untitled')}
            aria-label={t('field.name')}
            title={t('field.name.hint')}
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
          />
          <p className="page__subtitle">{t('build.subtitle')}</p>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="btn btn--icon"
            data-testid="builder.undo"
            disabled={!canUndo(history)}
            onClick={undoStack}
            aria-label={t('action.undo')}
            title={`${t('action.undo')} (Ctrl+Z)`}
          >
            <UndoIcon size={18} />
          </button>
          <button
            type="button"
            className="btn btn--icon"
            data-testid="builder.redo"
            disabled={!canRedo(history)}
            onClick={redoStack}
            aria-label={t('action.redo')}
            title={`${t('action.redo')} (Ctrl+Shift+Z)`}
          >
            <RedoIcon size={18} />
          </button>
          <span className="toolbar__divider" aria-hidden="true" />
          <ExperimentFiles experiment={assembly.experiment} />
        </div>
      </header>

      <div className="build-page__body">
        <BuilderDnd stack={stack} onInsert={onInsert} onMove={onMove}>
          {(dropIndex) => (
            <>
              <Palette onAdd={onAdd} />
              <div className="build-page__center">
                {stack.spec.layers.length > 0 && (
                  <div className="presets" role="group" aria-label={t('preset.label')}>
                    <span className="presets__label" title={t('preset.label')}>
                      <BookIcon size={16} />
                    </span>
                    <PresetButtons compact />
                  </div>
                )}
                <StackView
                  stack={stack}
                  analysis={analysis}
                  selectedId={selectedId}
                  dropIndex={dropIndex}
                  onSelect={selectLayer}
                  onMove={onMove}
                  onDuplicate={duplicateLayer}
                  onRemove={removeLayer}
                />
              </div>
            </>
          )}
        </BuilderDnd>
        <Inspector analysis={analysis} problemCounts={problemCounts} onDuplicate={duplicateLayer} onRemove={removeLayer} />
      </div>

      <TrainBar assembly={assembly} analysis={analysis} />
    </div>
  );
}
