// Where the learner is: one page of the rail, the run the Train page shows, the runs being compared.
// A small store instead of a router: the app has seven places and no addresses to share.

import { createStore, useStore } from './store';

export type Page = 'build' | 'train' | 'runs' | 'compare' | 'weights' | 'labs' | 'class';
export const pages: readonly Page[] = ['build', 'train', 'runs', 'compare', 'weights', 'labs', 'class'];

export interface NavigationState {
  page: Page;
  /** The run the Train page shows (null: the most recent one, or none yet). */
  runId: number | null;
  compareIds: number[];
  /** The chapter lab open on the Labs page (null: the list of labs). */
  labId: string | null;
}

export const navigation = createStore<NavigationState>({ page: 'build', runId: null, compareIds: [], labId: null });

export function navigate(page: Page): void {
  navigation.set((s) => (s.page === page ? s : { ...s, page }));
}

export function openRun(runId: number): void {
  navigation.set((s) => ({ ...s, page: 'train', runId }));
}

export function compareRuns(ids: number[]): void {
  navigation.set((s) => ({ ...s, page: 'compare', compareIds: [...ids] }));
}

export function useNavigation<S>(select: (state: NavigationState) => S): S {
  return useStore(navigation, select);
}

export function openLab(labId: string): void {
  navigation.set((s) => ({ ...s, page: 'labs', labId }));
}

export function closeLab(): void {
  navigation.set((s) => ({ ...s, labId: null }));
}
