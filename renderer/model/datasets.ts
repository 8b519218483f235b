// What the forms know about each data source before the house answers: the input shape and the number
// of classes (so the builder can show shapes at once), and the toy sets' defaults.

import { toyClasses, toyDefaults, toyNames, type ToyName } from '../../engine/data/toy';

export type SourceKind = 'mnist' | 'idx' | 'images' | 'csv' | ToyName;

export const sourceKinds: readonly SourceKind[] = ['mnist', 'idx', 'images', 'csv', ...toyNames];

export const IDX_PREFIX = 'idx:';
export const IMAGES_PREFIX = 'images:';
export const CSV_PREFIX = 'csv:';

/** The kinds read from a folder the learner names (the draft keeps its path in idxFolder for both). */
export function isFolderKind(kind: SourceKind): kind is 'idx' | 'images' {
  return kind === 'idx' || kind === 'images';
}

export function isToy(kind: SourceKind): kind is ToyName {
  return (toyNames as readonly string[]).includes(kind);
}

/** The experiment's data.source for a kind: "mnist", "idx:FOLDER", "images:FOLDER", "csv:FILE", or the toy set's name. */
export function sourceOf(kind: SourceKind, idxFolder: string, csvFile = ''): string {
  if (kind === 'csv') return `${CSV_PREFIX}${csvFile.trim()}`;
  if (kind === 'images') return `${IMAGES_PREFIX}${idxFolder.trim()}`;
  return kind === 'idx' ? `${IDX_PREFIX}${idxFolder.trim()}` : kind;
}

/** The kind of an experiment's data.source (an unknown name is taken as an IDX folder's source). */
export function kindOf(source: string): { kind: SourceKind; idxFolder: string; csvFile: string } {
  if (source.startsWith(CSV_PREFIX)) return { kind: 'csv', idxFolder: '', csvFile: source.slice(CSV_PREFIX.length) };
  if (source.startsWith(IDX_PREFIX)) return { kind: 'idx', idxFolder: source.slice(IDX_PREFIX.length), csvFile: '' };
  if (source.startsWith(IMAGES_PREFIX)) return { kind: 'images', idxFolder: source.slice(IMAGES_PREFIX.length), csvFile: '' };
  if (source === 'mnist' || (toyNames as readonly string[]).includes(source)) return { kind: source as SourceKind, idxFolder: '', csvFile: '' };
  return { kind: 'idx', idxFolder: source, csvFile: '' };
}

/** Input shape and classes known without asking the house (IDX folders: the MNIST layout until previewed; a table: its preview says). */
export function knownShape(kind: SourceKind): { input: number[]; classes: number | null } {
  if (isToy(kind)) return { input: [2], classes: toyClasses[kind] };
  if (kind === 'mnist') return { input: [1, 28, 28], classes: 10 };
  if (kind === 'csv') return { input: [4], classes: null };
  return { input: [1, 28, 28], classes: null };
}

export function toyDefault(kind: ToyName): { samples: number; noise: number } {
  return { ...toyDefaults[kind] };
}
