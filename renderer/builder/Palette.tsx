// The palette: every layer type of the engine's registry, with its name, one line on what it does and
// its icon. Drag one into the stack, or press its + button (adds after the selected layer).

import { useDraggable } from '@dnd-kit/core';
import { PlusIcon } from '../app/Icons';
import { layerText } from '../i18n/registryText';
import { useI18n } from '../i18n/useI18n';
import { LayerIcon } from './LayerIcon';
import { PALETTE_PREFIX } from './dragLogic';
import { paletteItems } from './paletteItems';

interface PaletteItemProps {
  type: string;
  label: string;
  summary: string;
  onAdd: (type: string) => void;
}

function PaletteItem({ type, label, summary, onAdd }: PaletteItemProps) {
  const { t } = useI18n();
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: `${PALETTE_PREFIX}${type}`,
    data: { from: 'palette', type },
    attributes: { roleDescription: t('dnd.roleDraggable') },
  });
  return (
    <li ref={setNodeRef} className={`palette-item${isDragging ? ' palette-item--dragging' : ''}`} data-testid={`palette.layer.${type}`}>
      <div ref={setActivatorNodeRef} className="palette-item__body" {...attributes} {...listeners} title={summary}>
        <LayerIcon type={type} size={34} />
        <span className="palette-item__text">
          <span className="palette-item__name">{label}</span>
          <span className="palette-item__summary">{summary}</span>
        </span>
      </div>
      <button
        type="button"
        className="btn btn--ghost btn--icon btn--small palette-item__add"
        data-testid={`palette.layer.${type}.add`}
        aria-label={t('palette.add', { layer: label })}
        title={t('palette.add', { layer: label })}
        onClick={() => onAdd(type)}
      >
        <PlusIcon size={16} />
      </button>
    </li>
  );
}

export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const { t, lang } = useI18n();
  return (
    <section className="palette" aria-labelledby="palette-title">
      <header className="builder-column__header">
        <h2 id="palette-title" className="card__title">
          {t('palette.title')}
        </h2>
        <p className="builder-column__hint">{t('palette.hint')}</p>
      </header>
      <ul className="palette__list">
        {paletteItems(lang).map((item) => (
          <PaletteItem key={item.type} type={item.type} label={item.label} summary={item.summary} onAdd={onAdd} />
        ))}
      </ul>
    </section>
  );
}

/** The card that follows the pointer while a palette item is dragged. */
export function PaletteGhost({ type }: { type: string }) {
  const { lang } = useI18n();
  return (
    <div className="palette-ghost">
      <LayerIcon type={type} size={30} />
      <span className="palette-item__name">{layerText(lang, type).label}</span>
    </div>
  );
}
