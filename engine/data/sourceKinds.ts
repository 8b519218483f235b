// The kinds of data source an experiment's `data.source` can name, in one table: the bundled digits,
// a folder of IDX files, a folder of class folders of images, the toy sets, a CSV table… Experiment
// validation, the loaders (main/data/sources.ts), `dlab datasets` and the forms all read this table, so a
// new kind is one entry here, one loader there.
// Pure string work: no file is opened here.

import { toyNames } from './toy';

export interface SourceKindSyntax {
  /** The kind's name: "mnist", "idx", "images", "toy", "csv". */
  name: string;
  /** For kinds that name a path: the prefix before it ("idx:", "csv:"). */
  prefix?: string;
  /** For kinds named by a word alone: the words ("mnist"; the toy sets' names). */
  words?: readonly string[];
  /** What the path names, for sentences ("The data folder", "The CSV file"). */
  pathIs?: string;
  /** How a learner writes it, for the hint that lists every kind. */
  usage: string;
  /**
   * The key under `data` that holds this kind's own settings ("csv" → data.csv), if it has any; settings
   * under another kind's key are refused, so a misplaced one is never silently ignored.
   */
  settingsKey?: string;
}

export const sourceKindTable: readonly SourceKindSyntax[] = [
  { name: 'mnist', words: ['mnist'], usage: '"mnist"' },
  { name: 'idx', prefix: 'idx:', pathIs: 'The data folder', usage: '"idx:FOLDER"' },
  // Its options (channels, width, height) sit in `data` itself, as the toy sets' samples and noise do.
  { name: 'images', prefix: 'images:', pathIs: 'The data folder', usage: '"images:FOLDER"' },
  { name: 'toy', words: toyNames, usage: `a toy set (${toyNames.join(', ')})` },
  { name: 'csv', prefix: 'csv:', pathIs: 'The CSV file', usage: '"csv:FILE" (or "csv:TRAIN,TEST")', settingsKey: 'csv' },
];

/** The kind a source names, or undefined. */
export function findSourceKind(source: string): SourceKindSyntax | undefined {
  return sourceKindTable.find((kind) => (kind.prefix !== undefined ? source.startsWith(kind.prefix) : kind.words?.includes(source)));
}

/** The path after a prefixed kind's prefix ("csv:a.csv" → "a.csv"), or null for a kind named by a word. */
export function sourcePath(source: string): { kind: SourceKindSyntax; path: string } | null {
  const kind = findSourceKind(source);
  if (!kind?.prefix) return null;
  return { kind, path: source.slice(kind.prefix.length) };
}

/** "use "mnist", "idx:FOLDER", a toy set (…) or "csv:FILE"": the end of every sentence about an unknown source. */
export function sourceHint(): string {
  const usages = sourceKindTable.map((kind) => kind.usage);
  return `use ${usages.slice(0, -1).join(', ')} or ${usages[usages.length - 1] ?? ''}`;
}

/** The keys under `data` that hold some kind's own settings. */
export const settingsKeys: readonly string[] = sourceKindTable.flatMap((kind) => (kind.settingsKey ? [kind.settingsKey] : []));
