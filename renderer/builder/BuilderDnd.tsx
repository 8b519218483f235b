// Drag and drop between the palette and the stack (dnd-kit). Pointer: drag a palette card to any place
// in the stack, drag a layer's handle to reorder. Keyboard: Space on a handle or a palette card picks
// it up, the arrows move it (a palette card walks the insertion line through the stack), Space drops,
// Escape cancels — every step announced in the page's language.

import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getLanguage } from '../i18n/language';
import { layerText } from '../i18n/registryText';
import { t, useLanguage } from '../i18n/useI18n';
import type { Stack } from '../model/stack';
import { builderCollisions, insertionIndex, isPaletteId, nextSlot, paletteType, STACK_DROP_ID } from './dragLogic';
import { PaletteGhost } from './Palette';

interface BuilderDndProps {
  stack: Stack;
  onInsert: (index: number, type: string) => void;
  onMove: (from: number, to: number) => void;
  children: (dropIndex: number | null) => ReactNode;
}

const layerName = (type: string) => layerText(getLanguage(), type).label;

export function BuilderDnd({ stack, onInsert, onMove, children }: BuilderDndProps) {
  const lang = useLanguage();
  const [paletteDrag, setPaletteDrag] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const [slotMessage, setSlotMessage] = useState('');
  const stackRef = useRef(stack);
  // Kept current after each commit (not during render) for the handlers and callbacks that read it later.
  useLayoutEffect(() => {
    stackRef.current = stack;
  });
  const dropRef = useRef<number | null>(null);
  // Where the last palette drag dropped, kept past finish(): dnd-kit may call the announcement after
  // onDragEnd has cleared dropRef, which would tell a screen reader "not added" of a layer just added.
  const droppedAt = useRef<number | null>(null);
  const keyboardDrag = useRef(false);

  const setDrop = useCallback((index: number | null) => {
    dropRef.current = index;
    setDropIndex(index);
  }, []);

  const typeOfId = useCallback((id: unknown): string => {
    if (isPaletteId(id)) return paletteType(id);
    const index = stackRef.current.ids.indexOf(String(id));
    return stackRef.current.spec.layers[index]?.type ?? '';
  }, []);

  // Palette cards have no place in the sortable list: their keyboard arrows move the insertion line.
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>(
    (event, args) => {
      const { active } = args.context;
      if (!active || !isPaletteId(active.id)) return sortableKeyboardCoordinates(event, args);
      if (!['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft'].includes(event.code)) return undefined;
      event.preventDefault();
      const count = stackRef.current.ids.length;
      const slot = event.code === 'ArrowLeft' ? -1 : nextSlot(dropRef.current ?? -1, event.code, count);
      setDrop(slot < 0 ? null : slot);
      const layer = layerName(paletteType(active.id));
      setSlotMessage(slot < 0 ? t('dnd.slotNone', { layer }) : t('dnd.slot', { layer, position: slot + 1, total: count + 1 }));
      return undefined;
    },
    [setDrop],
  );

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter }));

  const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    keyboardDrag.current = activatorEvent instanceof KeyboardEvent;
    droppedAt.current = null;
    setSlotMessage('');
    if (isPaletteId(active.id)) setPaletteDrag(paletteType(active.id));
  };

  const onDragMove = ({ active, over }: DragMoveEvent) => {
    if (!isPaletteId(active.id) || keyboardDrag.current) return;
    if (!over) return setDrop(null);
    const overIndex = over.id === STACK_DROP_ID ? -1 : stackRef.current.ids.indexOf(String(over.id));
    setDrop(insertionIndex(overIndex, stackRef.current.ids.length, active.rect.current.translated, over.rect));
  };

  const finish = () => {
    setPaletteDrag(null);
    setDrop(null);
    keyboardDrag.current = false;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (isPaletteId(active.id)) {
      droppedAt.current = dropRef.current;
      if (dropRef.current !== null) onInsert(dropRef.current, paletteType(active.id));
    } else if (over) {
      const ids = stackRef.current.ids;
      const from = ids.indexOf(String(active.id));
      const to = over.id === STACK_DROP_ID ? ids.length - 1 : ids.indexOf(String(over.id));
      if (from >= 0 && to >= 0 && from !== to) onMove(from, to);
    }
    finish();
  };

  const announcements = useMemo<Announcements>(
    () => ({
      onDragStart: ({ active }) => {
        const layer = layerName(typeOfId(active.id));
        if (isPaletteId(active.id)) return t('dnd.startPalette', { layer });
        return t('dnd.start', { layer, position: stackRef.current.ids.indexOf(String(active.id)) + 1 });
      },
      onDragOver: ({ active, over }) => {
        if (isPaletteId(active.id)) return undefined;
        const layer = layerName(typeOfId(active.id));
        if (!over || over.id === STACK_DROP_ID) return t('dnd.outside', { layer });
        return t('dnd.over', { layer, position: stackRef.current.ids.indexOf(String(over.id)) + 1 });
      },
      onDragEnd: ({ active, over }) => {
        const layer = layerName(typeOfId(active.id));
        if (isPaletteId(active.id)) {
          const slot = dropRef.current ?? droppedAt.current;
          return slot === null ? t('dnd.cancelPalette', { layer }) : t('dnd.dropPalette', { layer, position: slot + 1 });
        }
        if (!over || over.id === STACK_DROP_ID) return t('dnd.cancel', { layer });
        return t('dnd.drop', { layer, position: stackRef.current.ids.indexOf(String(over.id)) + 1 });
      },
      onDragCancel: ({ active }) => {
        const layer = layerName(typeOfId(active.id));
        return isPaletteId(active.id) ? t('dnd.cancelPalette', { layer }) : t('dnd.cancel', { layer });
      },
    }),
    // Everything they read goes through refs or the current language, so they never go stale.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the words come from getLanguage(): a new language must make new announcements
    [typeOfId, lang],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={builderCollisions}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragOver={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
    >
      {children(paletteDrag !== null ? dropIndex : null)}
      <DragOverlay dropAnimation={null}>{paletteDrag ? <PaletteGhost type={paletteDrag} /> : null}</DragOverlay>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="builder.dragSlot">
        {slotMessage}
      </div>
    </DndContext>
  );
}
