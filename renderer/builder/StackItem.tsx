// One layer of the stack: drag handle, what it is, its output shape and parameter count (recomputed on
// every edit), and the buttons that move, copy and remove it. Keyboard: Alt+↑/↓ moves, Ctrl+D copies,
// Delete removes; Space on the handle picks it up for dnd-kit's keyboard dragging.

import { useSortable } from '@dnd-kit/sortable';
import type { KeyboardEvent } from 'react';
import type { LayerPlan, LayerSpec } from '../../engine/model';
import { formatShape } from '../../engine/tensor';
import { ChevronDownIcon, ChevronUpIcon, CopyIcon, GripIcon, LockIcon, TrashIcon } from '../app/Icons';
import { useLayerLocked } from '../app/packLock';
import { layerText } from '../i18n/registryText';
import { useI18n } from '../i18n/useI18n';
import { LayerIcon } from './LayerIcon';
import { layerSettingsText } from './layerText';

export interface StackItemProps {
  id: string;
  index: number;
  total: number;
  layer: LayerSpec;
  plan: LayerPlan | undefined;
  error: string | null;
  selected: boolean;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onDuplicate: (index: number) => void;
  onRemove: (index: number) => void;
}

export function StackItem({ id, index, total, layer, plan, error, selected, onSelect, onMove, onDuplicate, onRemove }: StackItemProps) {
  const { t, lang, num } = useI18n();
  const text = layerText(lang, layer.type);
  const label = text.label;
  const locked = useLayerLocked(index);
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id,
    attributes: { roleDescription: t('dnd.roleSortable') },
  });
  const style = {
    transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined,
    transition,
  };
  const testId = `builder.layer.${index}`;

  const onKeyDown = (event: KeyboardEvent) => {
    // On the handle the arrows belong to dnd-kit's keyboard dragging.
    if ((event.target as HTMLElement).dataset.role === 'grip' && event.key.startsWith('Arrow')) return;
    if (event.altKey && event.key === 'ArrowUp' && index > 0) {
      event.preventDefault();
      onMove(index, index - 1);
    } else if (event.altKey && event.key === 'ArrowDown' && index < total - 1) {
      event.preventDefault();
      onMove(index, index + 1);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      onDuplicate(index);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      onRemove(index);
    }
  };

  const classes = ['layer-card', selected && 'layer-card--selected', error && 'layer-card--error', isDragging && 'layer-card--dragging'];
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={classes.filter(Boolean).join(' ')}
      data-testid={testId}
      data-layer-id={id}
      data-type={layer.type}
      onKeyDown={onKeyDown}
    >
      <div className="layer-card__row">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="layer-card__grip"
          data-role="grip"
          {...attributes}
          {...listeners}
          aria-label={t('stack.dragLabel', { layer: label, position: index + 1 })}
        >
          <GripIcon size={18} />
        </button>
        <span className="layer-card__index mono" aria-hidden="true">
          {index + 1}
        </span>
        <LayerIcon type={layer.type} size={34} />
        <button type="button" className="layer-card__main" aria-pressed={selected} onClick={() => onSelect(id)} data-testid={`${testId}.select`}>
          <span className="layer-card__name">
            {label}
            {locked && (
              <span className="layer-card__lock" title={t('pack.lockedNote')} data-testid={`${testId}.lock`}>
                {' '}
                <LockIcon size={14} />
                <span className="visually-hidden"> {t('pack.lockedNote')}</span>
              </span>
            )}
          </span>
          <span className="layer-card__settings">{layerSettingsText(t, layer, lang) || text.short}</span>
        </button>
        <div className="layer-card__metrics">
          <span className="layer-card__metric" title={t('stack.shapeTitle')}>
            <span className="layer-card__metric-label">{t('stack.output')}</span>
            <span className="mono" data-testid={`${testId}.shape`}>
              {plan ? formatShape(plan.outputShape) : '—'}
            </span>
          </span>
          <span className="layer-card__metric" title={t('stack.paramsTitle')}>
            <span className="layer-card__metric-label">{t('stack.params')}</span>
            <span className={`mono${plan && plan.paramCount === 0 ? ' muted' : ''}`} data-testid={`${testId}.params`}>
              {plan ? num(plan.paramCount) : '—'}
            </span>
          </span>
        </div>
        <div className="layer-card__actions">
          <div className="layer-card__order">
            <button
              type="button"
              className="layer-card__nudge"
              data-action="up"
              data-testid={`${testId}.up`}
              disabled={index === 0}
              aria-label={t('stack.moveUp', { layer: label })}
              title={t('stack.moveUp', { layer: label })}
              onClick={() => onMove(index, index - 1)}
            >
              <ChevronUpIcon size={14} />
            </button>
            <button
              type="button"
              className="layer-card__nudge"
              data-action="down"
              data-testid={`${testId}.down`}
              disabled={index === total - 1}
              aria-label={t('stack.moveDown', { layer: label })}
              title={t('stack.moveDown', { layer: label })}
              onClick={() => onMove(index, index + 1)}
            >
              <ChevronDownIcon size={14} />
            </button>
          </div>
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--small"
            data-action="duplicate"
            data-testid={`${testId}.duplicate`}
            aria-label={t('stack.duplicate', { layer: label })}
            title={t('stack.duplicate', { layer: label })}
            onClick={() => onDuplicate(index)}
          >
            <CopyIcon size={16} />
          </button>
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--small btn--danger"
            data-action="remove"
            data-testid={`${testId}.remove`}
            aria-label={t('stack.remove', { layer: label })}
            title={t('stack.remove', { layer: label })}
            onClick={() => onRemove(index)}
          >
            <TrashIcon size={16} />
          </button>
        </div>
      </div>
      {error && (
        <p className="layer-card__error" data-testid={`${testId}.error`} role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
