// The stack: the input, the layers in order (each with its output shape and parameter count), and the
// total. The whole column takes drops from the palette; an insertion line shows where one will land.

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Fragment } from 'react';
import type { ModelAnalysis } from '../../engine/model';
import { formatShape } from '../../engine/tensor';
import { BuildIcon } from '../app/Icons';
import { EmptyState } from '../app/EmptyState';
import { useI18n } from '../i18n/useI18n';
import { describeEngineMessage } from '../i18n/problems';
import type { Stack } from '../model/stack';
import { isUnfinishedStack } from '../model/unfinishedStack';
import { PresetButtons } from './PresetButtons';
import { StackItem } from './StackItem';
import { STACK_DROP_ID } from './dragLogic';

interface StackViewProps {
  stack: Stack;
  analysis: ModelAnalysis;
  selectedId: string | null;
  /** Where a palette drag would insert its layer (null: no palette drag over the stack). */
  dropIndex: number | null;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onDuplicate: (index: number) => void;
  onRemove: (index: number) => void;
}

export function StackView({ stack, analysis, selectedId, dropIndex, onSelect, onMove, onDuplicate, onRemove }: StackViewProps) {
  const { t, num, lang } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: STACK_DROP_ID });
  const layers = stack.spec.layers;
  // An unfinished stack is said once, beside Train (TrainBar), not here as well.
  const error = isUnfinishedStack(stack.spec.layers.length, analysis) ? null : analysis.error;
  const errorText = error ? describeEngineMessage(lang, error.message, error.said) : null;
  const errorIndex = error?.details.layerIndex;
  const empty = layers.length === 0;

  return (
    <section
      className={`stack${isOver || dropIndex !== null ? ' stack--receiving' : ''}`}
      aria-labelledby="stack-title"
      ref={setNodeRef}
      data-testid="builder.stack"
    >
      <header className="builder-column__header stack__header">
        <h2 id="stack-title" className="card__title">
          {t('stack.title')}
        </h2>
        {!empty && (
          <span className="stack__total">
            {t('stack.summary', { layers: layers.length })}
            <span aria-hidden="true"> · </span>
            <strong className="mono" data-testid="builder.total.params">
              {num(analysis.paramCount)}
            </strong>{' '}
            {t('stack.paramsUnit')}
          </span>
        )}
      </header>

      {error && !empty && (
        <div className="stack__error" role="alert" data-testid="builder.error">
          <strong>{errorIndex !== undefined ? t('stack.errorAt', { position: errorIndex + 1 }) : t('stack.errorTitle')}</strong>
          <span>{errorText}</span>
        </div>
      )}

      {empty ? (
        <div className={`stack__empty${dropIndex !== null ? ' stack__empty--active' : ''}`}>
          <EmptyState
            testId="builder.empty"
            icon={<BuildIcon size={28} />}
            title={t('stack.emptyTitle')}
            text={t('stack.emptyText')}
            actions={<PresetButtons />}
          />
        </div>
      ) : (
        <ol className="stack__list">
          <li className="stack__input" aria-label={t('stack.inputLabel', { shape: formatShape(stack.spec.input) })}>
            <span className="stack__input-dot" aria-hidden="true" />
            <span>{t('stack.input')}</span>
            <span className="mono stack__input-shape" data-testid="builder.input.shape">
              {formatShape(stack.spec.input)}
            </span>
          </li>
          <SortableContext items={stack.ids} strategy={verticalListSortingStrategy}>
            {layers.map((layer, index) => (
              <Fragment key={stack.ids[index]}>
                {dropIndex === index && <li className="stack__drop-line" aria-hidden="true" />}
                <StackItem
                  id={stack.ids[index]!}
                  index={index}
                  total={layers.length}
                  layer={layer}
                  plan={analysis.layers[index]}
                  error={errorIndex === index ? errorText : null}
                  selected={selectedId === stack.ids[index]}
                  onSelect={onSelect}
                  onMove={onMove}
                  onDuplicate={onDuplicate}
                  onRemove={onRemove}
                />
              </Fragment>
            ))}
          </SortableContext>
          {dropIndex === layers.length && <li className="stack__drop-line" aria-hidden="true" />}
        </ol>
      )}
    </section>
  );
}
