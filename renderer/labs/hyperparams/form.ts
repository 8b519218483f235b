// The search form as typed (text, so a half-typed "-" is a state the form can explain) and its reading
// into the engine's search settings; checkSearch in engine/labs/search.ts has the last word.

import { checkSearch, DEFAULT_SEARCH, type SearchProblem, type SearchSettings } from '../../../engine/labs/search';

export interface SearchInput {
  lrMin: string;
  lrMax: string;
  weightDecayMin: string;
  weightDecayMax: string;
  trials: string;
  epochs: string;
  seed: string;
}

export const DEFAULT_INPUT: SearchInput = {
  lrMin: String(DEFAULT_SEARCH.lr.min),
  lrMax: String(DEFAULT_SEARCH.lr.max),
  weightDecayMin: String(DEFAULT_SEARCH.weightDecay.min),
  weightDecayMax: String(DEFAULT_SEARCH.weightDecay.max),
  trials: String(DEFAULT_SEARCH.trials),
  epochs: String(DEFAULT_SEARCH.epochs),
  seed: String(DEFAULT_SEARCH.seed),
};

/** A typed number: blank is not zero, and a typographic minus (−6, as the book prints it) is a minus. */
export function readNumber(text: string): number {
  const clean = text.trim().replace(/\u2212/g, '-');
  return clean === '' ? Number.NaN : Number(clean);
}

export function readSearch(input: SearchInput): { settings: SearchSettings; problem: SearchProblem | null } {
  const settings: SearchSettings = {
    lr: { min: readNumber(input.lrMin), max: readNumber(input.lrMax) },
    weightDecay: { min: readNumber(input.weightDecayMin), max: readNumber(input.weightDecayMax) },
    trials: readNumber(input.trials),
    epochs: readNumber(input.epochs),
    seed: readNumber(input.seed),
  };
  return { settings, problem: checkSearch(settings) };
}
