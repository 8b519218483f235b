// The search's settings: the two exponent ranges, the number of trials, the epochs and the seed, with
// the first thing wrong with them named in a sentence, and the Search and Stop buttons.

import { EXPONENT_MAX, EXPONENT_MIN, MAX_SEARCH_EPOCHS, MAX_TRIALS, MIN_TRIALS, type SearchProblem } from '../../../engine/labs/search';
import { useI18n } from '../../i18n/useI18n';
import type { SearchInput } from './form';
import { hyperparamsText } from './text';

export interface SearchControlsProps {
  input: SearchInput;
  onChange: (patch: Partial<SearchInput>) => void;
  problem: SearchProblem | null;
  busy: boolean;
  starting: boolean;
  progress: { done: number; total: number } | null;
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
          <p className="muted" data-testid="lab.hyperparams.progress">
            {t('progress', progress)}
          </p>
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
