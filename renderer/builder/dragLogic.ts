// The geometry and the keyboard path of dragging a palette item into the stack, apart from React.
// A pointer drop lands before the layer under it or after it, by which half it is in; with the keyboard
// the arrows walk through the insertion points one by one (0 = above the first layer, n = at the end).

import { closestCenter, pointerWithin, type CollisionDetection } from '@dnd-kit/core';

export const PALETTE_PREFIX = 'palette:';
export const STACK_DROP_ID = 'stack';

export const isPaletteId = (id: unknown): boolean => String(id).startsWith(PALETTE_PREFIX);
export const paletteType = (id: unknown): string => String(id).slice(PALETTE_PREFIX.length);

/** Palette drags go to the layer under the pointer (or the nearest one inside the stack); reordering uses the nearest centre. */
export const builderCollisions: CollisionDetection = (args) => {
  const layersOnly = args.droppableContainers.filter((c) => c.id !== STACK_DROP_ID);
  if (!isPaletteId(args.active.id)) return closestCenter({ ...args, droppableContainers: layersOnly });
  if (!args.pointerCoordinates) {
    const nearest = closestCenter({ ...args, droppableContainers: layersOnly });
    return nearest.length > 0 ? nearest : closestCenter(args);
  }
  const within = pointerWithin(args);
  if (within.length === 0) return [];
  const onLayer = within.filter((c) => c.id !== STACK_DROP_ID);
  if (onLayer.length > 0) return onLayer;
  const nearest = closestCenter({ ...args, droppableContainers: layersOnly });
  return nearest.length > 0 ? nearest : within;
};

interface RectLike {
  top: number;
  height: number;
}

/** The insertion point for a drop over the layer at `overIndex` (or over the empty stack: -1). */
export function insertionIndex(overIndex: number, layerCount: number, dragged: RectLike | null, over: RectLike | null): number {
  if (overIndex < 0) return layerCount;
  if (!dragged || !over) return overIndex;
  const draggedCentre = dragged.top + dragged.height / 2;
  const overCentre = over.top + over.height / 2;
  return draggedCentre > overCentre ? overIndex + 1 : overIndex;
}

/** The next keyboard insertion point: -1 means "still in the palette". */
export function nextSlot(slot: number, key: string, layerCount: number): number {
  if (key === 'ArrowDown' || key === 'ArrowRight') return slot < 0 ? 0 : Math.min(slot + 1, layerCount);
  if (key === 'ArrowUp') return slot < 0 ? layerCount : Math.max(slot - 1, 0);
  return slot;
}
