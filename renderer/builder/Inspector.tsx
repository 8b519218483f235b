// The right-hand column: the selected layer, the data, and the training settings, one tab each.
// Selecting a layer brings its tab forward.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ModelAnalysis } from '../../engine/model';
import { useDraft } from '../app/draftStore';
import { createStore, useStore } from '../app/store';
import { DatasetForm } from '../forms/DatasetForm';
import { TrainingForm } from '../forms/TrainingForm';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { LayerPanel } from './LayerPanel';

type Tab = 'layer' | 'data' | 'training';
const tabs: readonly Tab[] = ['layer', 'data', 'training'];
const currentTab = createStore<Tab>('layer');

/** Brings the data tab forward (your data dropped onto the page, r4-data). */
export function showDataTab(): void {
  currentTab.set('data');
}

interface InspectorProps {
  analysis: ModelAnalysis;
  problemCounts: Record<Tab, number>;
  onDuplicate: (index: number) => void;
  onRemove: (index: number) => void;
}

export function Inspector({ analysis, problemCounts, onDuplicate, onRemove }: InspectorProps) {
  const { t } = useI18n();
  const tab = useStore(currentTab, (s) => s);
  const selectedId = useDraft((s) => s.selectedId);
  const buttons = useRef<Record<Tab, HTMLButtonElement | null>>({ layer: null, data: null, training: null });

  useEffect(() => {
    if (selectedId) currentTab.set('layer');
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length]!;
    currentTab.set(next);
    buttons.current[next]?.focus();
  };

  return (
    <aside className="inspector" aria-label={t('inspector.label')}>
      <div className="tabs" role="tablist" aria-label={t('inspector.label')} onKeyDown={onKeyDown}>
        {tabs.map((name) => (
          <button
            key={name}
            ref={(el) => {
              buttons.current[name] = el;
            }}
            type="button"
            role="tab"
            className="tab"
            id={`inspector-tab-${name}`}
            aria-controls={`inspector-panel-${name}`}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            data-testid={`inspector.tab.${name}`}
            onClick={() => currentTab.set(name)}
          >
            {t(`inspector.${name}` as MessageKey)}
            {problemCounts[name] > 0 && <span className="tab__dot" aria-label={t('inspector.problems', { count: problemCounts[name] })} />}
          </button>
        ))}
      </div>
      <div className="inspector__body" role="tabpanel" id={`inspector-panel-${tab}`} aria-labelledby={`inspector-tab-${tab}`}>
        {tab === 'layer' && <LayerPanel analysis={analysis} onDuplicate={onDuplicate} onRemove={onRemove} />}
        {tab === 'data' && <DatasetForm />}
        {tab === 'training' && <TrainingForm />}
      </div>
    </aside>
  );
}
