// The side panel: the selected layer explained (what it does, its input and output, its parameters by
// the book's names) and its settings, each checked as it is typed.

import { findLayerType } from '../../engine/layers/registry';
import type { ModelAnalysis } from '../../engine/model';
import { formatShape } from '../../engine/tensor';
import { editStack, sealStack, useDraft } from '../app/draftStore';
import { EmptyState } from '../app/EmptyState';
import { CopyIcon, InfoIcon, TrashIcon } from '../app/Icons';
import { useI18n } from '../i18n/useI18n';
import { LayerField } from './LayerField';
import { LayerIcon } from './LayerIcon';

interface LayerPanelProps {
  analysis: ModelAnalysis;
  onDuplicate: (index: number) => void;
  onRemove: (index: number) => void;
}

export function LayerPanel({ analysis, onDuplicate, onRemove }: LayerPanelProps) {
  const { t, lang, num } = useI18n();
  const stack = useDraft((s) => s.stack.present);
  const selectedId = useDraft((s) => s.selectedId);
  const index = selectedId ? stack.ids.indexOf(selectedId) : -1;
  const layer = index >= 0 ? stack.spec.layers[index] : undefined;
  const layerType = layer ? findLayerType(layer.type) : undefined;

  if (!layer || !layerType || !selectedId) {
    return <EmptyState testId="panel.empty" icon={<InfoIcon size={26} />} title={t('panel.emptyTitle')} text={t('panel.emptyText')} />;
  }

  const plan = analysis.layers[index];
  const text = layerType.text[lang];
  const label = text.label;
  const tensors = plan ? [...plan.params, ...plan.buffers] : [];

  return (
    <div className="layer-panel" data-testid="panel" data-type={layer.type}>
      <div className="layer-panel__head">
        <LayerIcon type={layer.type} size={44} />
        <div>
          <p className="layer-panel__position">{t('panel.position', { position: index + 1 })}</p>
          <h3 className="layer-panel__name">{label}</h3>
        </div>
      </div>
      <p className="layer-panel__summary">{text.summary}</p>

      <dl className="layer-panel__flow">
        <div>
          <dt>{t('panel.input')}</dt>
          <dd className="mono">{plan ? formatShape(plan.inputShape) : '—'}</dd>
        </div>
        <div>
          <dt>{t('panel.output')}</dt>
          <dd className="mono">{plan ? formatShape(plan.outputShape) : '—'}</dd>
        </div>
        <div>
          <dt>{t('panel.params')}</dt>
          <dd className="mono">{plan ? num(plan.paramCount) : '—'}</dd>
        </div>
      </dl>

      {tensors.length > 0 && (
        <ul className="layer-panel__tensors" aria-label={t('panel.tensors')}>
          {tensors.map((p) => (
            <li key={p.name}>
              <span className="mono layer-panel__tensor-name">{p.name}</span>
              <span className="mono muted">{formatShape(p.shape)}</span>
            </li>
          ))}
        </ul>
      )}

      {layerType.fields.length > 0 ? (
        <div className="layer-panel__fields">
          {layerType.fields.map((field) => (
            <LayerField
              key={`${selectedId}-${field.name}`}
              layerId={selectedId}
              field={field}
              value={layer[field.name]}
              automatic={field.name === 'stride' && layer.type === 'pool' ? t('panel.strideAuto', { size: String(layer.size ?? 2) }) : undefined}
              onValue={(value, group) => editStack({ kind: 'field', index, name: field.name, value }, group)}
              onDone={sealStack}
              lockPath={`model.layers[${index}].${field.name}`}
            />
          ))}
        </div>
      ) : (
        <p className="layer-panel__nofields">{t('panel.noFields')}</p>
      )}

      <div className="layer-panel__actions">
        <button type="button" className="btn btn--small" data-testid="panel.duplicate" onClick={() => onDuplicate(index)}>
          <CopyIcon size={16} />
          {t('action.duplicate')}
        </button>
        <button type="button" className="btn btn--small btn--danger" data-testid="panel.remove" onClick={() => onRemove(index)}>
          <TrashIcon size={16} />
          {t('action.remove')}
        </button>
      </div>
    </div>
  );
}
