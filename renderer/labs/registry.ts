// The chapter labs, in the book's order: one line each. A lab is a folder under renderer/labs/ with
// its component, its words (text.ts) and its styles; the list page and the navigation read this table.

import type { ComponentType } from 'react';
import { BatchnormLab } from './batchnorm/BatchnormLab';
import { ConvolutionLab } from './convolution/ConvolutionLab';
import { FiltersLab } from './filters/FiltersLab';
import { GradcheckLab } from './gradcheck/GradcheckLab';
import { GraphLab } from './graph/GraphLab';
import { HyperparamsLab } from './hyperparams/HyperparamsLab';
import { InitLab } from './init/InitLab';
import { OptimizersLab } from './optimizers/OptimizersLab';
import { OverfittingLab } from './overfitting/OverfittingLab';

export interface LabEntry {
  id: string;
  /** The book's section(s) the lab sits beside. */
  chapter: string;
  icon: string;
  component?: ComponentType;
}

export const LABS: readonly LabEntry[] = [
  { id: 'graph', chapter: '5.1–5.6', icon: '⟶', component: GraphLab },
  { id: 'gradcheck', chapter: '5.7.3', icon: '∂', component: GradcheckLab },
  { id: 'optimizers', chapter: '6.1', icon: '⤓', component: OptimizersLab },
  { id: 'init', chapter: '6.2', icon: '≈', component: InitLab },
  { id: 'batchnorm', chapter: '6.3', icon: 'μσ', component: BatchnormLab },
  { id: 'overfitting', chapter: '6.4', icon: '⌇', component: OverfittingLab },
  { id: 'hyperparams', chapter: '6.5', icon: '⚙', component: HyperparamsLab },
  { id: 'convolution', chapter: '7.2–7.5', icon: '▦', component: ConvolutionLab },
  { id: 'filters', chapter: '7.6', icon: '◧', component: FiltersLab },
];

export const findLab = (id: string | null): LabEntry | undefined => LABS.find((lab) => lab.id === id);
