// The search's settings: the two exponent ranges, the number of trials (the book's 100, or a quick 20 in
// one click), the epochs and the seed, with the first thing wrong with them named in a sentence; the
// Search and Stop buttons; and how far the search is — trials finished of all, and the best so far.

import {
  BOOK_SEARCH,
  EXPONENT_MAX,
  EXPONENT_MIN,
  MAX_SEARCH_EPOCHS,
  MAX_TRIALS,
  MIN_TRIALS,
  QUICK_TRIALS,
  type SearchProblem,
} from '../../../engine/labs/search';
import { formatAccuracy } from '../../charts/format';
import { useI18n } from '../../i18n/useI18n';
import type { SearchInput } from './form';
import type { TrialResult } from './results';
import { hyperparamsText } from './text';

export interface SearchProgress {
  done: number;
  total: number;
  /** The finished trial with the best validation accuracy so far, or null before the first. */
  best: TrialResult | null;
}

export interface SearchControlsProps {
  input: SearchInput;
  onChange: (patch: Partial<SearchInput>) => void;
  problem: SearchProblem | null;
  busy: boolean;
  starting: boolean;
  progress: SearchProgress | null;
  onRun: () => void;
  onStop: () => void;
}

export function SearchControls({ input, onChange, problem, busy, starting, progress, onRun, onStop }: SearchControlsProps) {
  const { t } = useI18n(hyperparamsText);
  const field = (key: keyof SearchInput, label: string) => (
    <label className="pg-field hp-field">
      {label}
      <input value={input[key]} onChange={(e) => onChange({ [key]: e.target.value })} inputMode="decimal" data-testid={`lab.hyperparams.${key}`} />
    </label>
  );
  return (
    <section className="pg-card" data-testid="lab.hyperparams.controls">
      <header className="pg-card-head">
        <div>
          <h3>{t('controlsTitle')}</h3>
          <p className="muted">{t('controlsSubtitle')}</p>
        </div>
        {progress ? (
          <div className="hp-progress" data-testid="lab.hyperparams.progress" data-done={progress.done} data-total={progress.total}>
            <progress max={Math.max(1, progress.total)} value={progress.done} />
            <span className="muted">{t('progress', { done: progress.done, total: progress.total })}</span>
            {progress.best ? (
              <span className="muted" data-testid="lab.hyperparams.bestSoFar" data-acc={progress.best.validationAcc ?? undefined}>
                {t('bestSoFar', { acc: formatAccuracy(progress.best.validationAcc), trial: progress.best.label })}
              </span>
            ) : null}
          </div>
        ) : null}
      </header>
      <div className="lab-controls hp-controls">
        <fieldset className="hp-range">
          <legend>{t('lrRange')}</legend>
          {field('lrMin', t('from'))}
          {field('lrMax', t('to'))}
        </fieldset>
        <fieldset className="hp-range">
          <legend>{t('weightDecayRange')}</legend>
          {field('weightDecayMin', t('from'))}
          {field('weightDecayMax', t('to'))}
        </fieldset>
        {field('trials', t('trials'))}
        <fieldset className="hp-trials-choice">
          <legend className="visually-hidden">{t('trials')}</legend>
          {[
            { trials: BOOK_SEARCH.trials, label: t('trials.book', { count: BOOK_SEARCH.trials }), id: 'book' },
            { trials: QUICK_TRIALS, label: t('trials.quick', { count: QUICK_TRIALS }), id: 'quick' },
          ].map((choice) => (
            <button
              key={choice.id}
              type="button"
              className="btn btn--small"
              aria-pressed={input.trials.trim() === String(choice.trials)}
              onClick={() => onChange({ trials: String(choice.trials) })}
              data-testid={`lab.hyperparams.trials.${choice.id}`}
            >
              {choice.label}
            </button>
          ))}
        </fieldset>
        {field('epochs', t('epochs'))}
        {field('seed', t('seed'))}
        <div className="pg-field">
          <button type="button" className="btn btn--primary" disabled={problem !== null || starting} onClick={onRun} data-testid="lab.hyperparams.run">
            {t('run')}
          </button>
        </div>
        {busy ? (
          <div className="pg-field">
            <button type="button" className="btn" onClick={onStop} data-testid="lab.hyperparams.stop">
              {t('stop')}
            </button>
          </div>
        ) : null}
      </div>
      {problem ? (
        <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.hyperparams.problem">
          {t(`problem.${problem}`, { min: EXPONENT_MIN, max: EXPONENT_MAX, minTrials: MIN_TRIALS, maxTrials: MAX_TRIALS, maxEpochs: MAX_SEARCH_EPOCHS })}
        </p>
      ) : null}
    </section>
  );
}
