// The hyperparameter search lab (§6.5): the book's random search over lr and weight decay, every trial a
// stored run of one run group (one worker each, so two train at once), validated on data held out of
// the training split. The best trials ranked with their validation curves, and a scatter of lr × λ
// coloured by validation accuracy, both filling in as trials finish.

import './hyperparams.css';
import { useMemo } from 'react';
import { useRemembered } from '../common/remembered';
import { BOOK_SEARCH, searchMembers } from '../../../engine/labs/search';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { RunGroupTable } from '../common/RunGroupTable';
import { useRunGroup } from '../common/useRunGroup';
import { BestTrials } from './BestTrials';
import { DEFAULT_INPUT, readSearch, type SearchInput } from './form';
import { rankTrials, trialResults } from './results';
import { SearchControls } from './SearchControls';
import { SearchScatter } from './SearchScatter';
import { hyperparamsText } from './text';

// A line that is a key of the lab's table ('formulaUniform') is said in the page's language.
const FORMULA = [
  'λ  = 10^U(−8, −4)',
  'lr = 10^U(−6, −2)',
  'formulaUniform',
  '',
  'x = shuffle(x_train[:500], seed)',
  'x[:100] → validation',
  'x[100:] → train',
  'best = argmax val_acc(lr, λ)',
];

export function HyperparamsLab() {
  const { t } = useI18n(hyperparamsText);
  const title = t('title');
  const group = useRunGroup('hyperparams', title);
  const [input, setInput] = useRemembered<SearchInput>('hyperparams.search', DEFAULT_INPUT);
  const { settings, problem } = readSearch(input);

  const results = useMemo(() => trialResults(group.runs, group.comparison, group.labels), [group.runs, group.comparison, group.labels]);
  const ranked = useMemo(() => rankTrials(results, BOOK_SEARCH.shown), [results]);
  const failed = results.filter((r) => r.status === 'failed').length;
  const done = results.filter((r) => r.status === 'done').length;

  const run = () => {
    const members = searchMembers(settings).map((m) => ({ label: m.label, experiment: m.experiment, workers: 1 }));
    if (members.length > 0) void group.start(members);
  };

  return (
    <LabFrame
      id="hyperparams"
      chapter="6.5"
      title={title}
      idea={[t('idea1'), t('idea2'), t('idea3')]}
      formula={FORMULA.map((line) => (line === 'formulaUniform' ? t('formulaUniform') : line))}
    >
      <SearchControls
        input={input}
        onChange={(patch) => setInput((current) => ({ ...current, ...patch }))}
        problem={problem}
        busy={group.busy}
        starting={group.starting}
        progress={results.length ? { done, total: results.length, best: ranked[0] ?? null } : null}
        onRun={run}
        onStop={() => void group.stop()}
      />
      <div className="lab-charts hp-results">
        <BestTrials ranked={ranked} failed={failed} />
        <SearchScatter results={results} />
      </div>
      <RunGroupTable labId="hyperparams" group={group} evaluatedOn="validation" />
    </LabFrame>
  );
}
