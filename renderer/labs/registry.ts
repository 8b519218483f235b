// The chapter labs, in the book's order: one line each. A lab is a folder under renderer/labs/ with
// its component, its words (text.ts) and its styles; the list page and the navigation read this table.

import type { ComponentType } from 'react';

export interface LabEntry {
  id: string;
  /** The book's section(s) the lab sits beside. */
  chapter: string;
  icon: string;
  component?: ComponentType;
}

export const LABS: readonly LabEntry[] = [
  { id: 'graph', chapter: '5.1–5.6', icon: '⟶' },
  { id: 'gradcheck', chapter: '5.7.3', icon: '∂' },
  { id: 'optimizers', chapter: '6.1', icon: '⤓' },
  { id: 'init', chapter: '6.2', icon: '≈' },
  { id: 'batchnorm', chapter: '6.3', icon: 'μσ' },
  { id: 'overfitting', chapter: '6.4', icon: '⌇' },
  { id: 'hyperparams', chapter: '6.5', icon: '⚙' },
  { id: 'convolution', chapter: '7.2–7.5', icon: '▦' },
  { id: 'filters', chapter: '7.6', icon: '◧' },
];

export const findLab = (id: string | null): LabEntry | undefined => LABS.find((lab) => lab.id === id);
