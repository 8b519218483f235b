// What the forms know about each data source before the house answers: the input shape and the number
// of classes (so the builder can show shapes at once), and the toy sets' defaults.

import { toyClasses, toyDefaults, toyNames, type ToyName } from '../../engine/data/toy';

export type SourceKind = 'mnist' | 'idx' | 'images' | ToyName;

export const sourceKinds: readonly SourceKind[] = ['mnist', 'idx', 'images', ...toyNames];

export const IDX_PREFIX = 'idx:';
export const IMAGES_PREFIX = 'images:';

/** The kinds read from a folder the learner names (the draft keeps its path in idxFolder for both). */
export function isFolderKind(kind: SourceKind): kind is 'idx' | 'images' {
  return kind === 'idx' || kind === 'images';
}

export function isToy(kind: SourceKind): kind is ToyName {
  return (toyNames as readonly string[]).includes(kind);
}

/** The experiment's data.source for a kind: "mnist", "idx:FOLDER", "images:FOLDER", or the toy set's name. */
export function sourceOf(kind: SourceKind, idxFolder: string): string {
  if (kind === 'images') return `${IMAGES_PREFIX}${idxFolder.trim()}`;
  return kind === 'idx' ? `${IDX_PREFIX}${idxFolder.trim()}` : kind;
}

/** The kind of an experiment's data.source (an unknown name is taken as an IDX folder's source). */
export function kindOf(source: string): { kind: SourceKind; idxFolder: string } {
  if (source.startsWith(IDX_PREFIX)) return { kind: 'idx', idxFolder: source.slice(IDX_PREFIX.length) };
  if (source.startsWith(IMAGES_PREFIX)) return { kind: 'images', idxFolder: source.slice(IMAGES_PREFIX.length) };
  if (source === 'mnist' || (toyNames as readonly string[]).includes(source)) return { kind: source as SourceKind, idxFolder: '' };
  return { kind: 'idx', idxFolder: source };
}

/** Input shape and classes known without asking the house (IDX folders: the MNIST layout until previewed). */
export function knownShape(kind: SourceKind): { input: number[]; classes: number | null } {
  if (isToy(kind)) return { input: [2], classes: toyClasses[kind] };
  if (kind === 'mnist') return { input: [1, 28, 28], classes: 10 };
  return { input: [1, 28, 28], classes: null };
}

export function toyDefault(kind: ToyName): { samples: number; noise: number } {
  return { ...toyDefaults[kind] };
}
