// An MNIST race: the runs a learner ticks train the book's network as one run group, with the same seed
// (so the same initial weights and mini-batches) and only one setting different, their losses overlaid.
// The optimizer lab races optimizers and the initialization lab initial weights; this card is the rest.

import { useCallback, useMemo, type ReactNode } from 'react';
import { seriesColor } from '../../charts/chartTheme';
import { useI18n } from '../../i18n/useI18n';
import { raceText } from './commonText';
import { GroupCurve } from './GroupCurve';
import { GroupRunButtons } from './GroupRunButtons';
import { MNIST_TRAIN_SIZE, type RaceNumberProblem } from './race';
import { RaceFields, useRaceNumbers, type RaceNumbers } from './RaceFields';
import { useRemembered } from './remembered';
import { RunGroupTable } from './RunGroupTable';
import type { GroupMember } from './runGroup';
import { useRunGroup } from './useRunGroup';

export interface RaceCardProps<C extends string | number> {
  /** The lab ("optimizers", "init"): its run group, what the session remembers, test ids `lab.<labId>.race…`. */
  labId: string;
  /** The lab's title, which names its runs. */
  title: string;
  /** What may race, in colour order; `chosen` starts as `defaults.chosen`. */
  choices: readonly C[];
  defaults: RaceNumbers & { chosen: readonly C[] };
  /** Where the session keeps the ticked choices (e.g. "optimizers.race.optimizers"). */
  rememberAs: string;
  /** A choice's run label, as the run group names the run: matches a run back to its colour. */
  runLabel: (choice: C) => string;
  /** What the checkbox of a choice says. */
  choiceText: (choice: C) => ReactNode;
  /** Nothing ticked, or a number wrong; null when the race can start. */
  check: (chosen: readonly C[], numbers: RaceNumbers) => 'noChoice' | RaceNumberProblem | null;
  members: (chosen: readonly C[], numbers: RaceNumbers) => GroupMember[];
  /** The lab's own words: the card's title and subtitle, the choices' legend, Run, the loss chart's subtitle, and the sentence for nothing ticked. */
  words: { title: string; subtitle: string; legend: string; run: string; lossSubtitle: string; noChoice: string };
  pngName: string;
  /** The runs expected not to learn, by label (std 0.01): the table says so instead of "done" (learning.ts). */
  mayNotLearn?: (label: string) => boolean;
}

export function RaceCard<C extends string | number>(props: RaceCardProps<C>) {
  const { labId, title, choices, defaults, rememberAs, runLabel, choiceText, check, members, words, pngName, mayNotLearn } = props;
  const { t } = useI18n(raceText);
  const group = useRunGroup(labId, title);
  const [chosen, setChosen] = useRemembered<readonly C[]>(
    rememberAs,
    defaults.chosen,
    (v) => Array.isArray(v) && v.every((x) => (choices as readonly unknown[]).includes(x)),
  );
  const numbers = useRaceNumbers(`${labId}.race`, defaults);
  const problem = check(chosen, numbers.values);
  const toggle = (choice: C, on: boolean) => setChosen((list) => (on ? [...list, choice] : list.filter((x) => x !== choice)));
  const colorOf = useCallback(
    (runId: number, index: number) => {
      const at = choices.findIndex((choice) => runLabel(choice) === group.labels[runId]);
      return seriesColor(at >= 0 ? at : index);
    },
    [choices, runLabel, group.labels],
  );
  const testId = `lab.${labId}.race`;
  // A run is stored under its language-neutral label ("std 0.01"); the chart names it in the page's words.
  const shownLabels = useMemo(() => {
    const shown: Record<number, string> = {};
    for (const [id, label] of Object.entries(group.labels)) {
      const choice = choices.find((c) => runLabel(c) === label);
      const text = choice === undefined ? label : choiceText(choice);
      shown[Number(id)] = typeof text === 'string' ? text : label;
    }
    return shown;
  }, [choices, runLabel, choiceText, group.labels]);

  return (
    <>
      <section className="pg-card race-card" data-testid={testId}>
        <header className="pg-card-head">
          <div>
            <h3>{words.title}</h3>
            <p className="muted">{words.subtitle}</p>
          </div>
        </header>
        <fieldset className="lab-choices">
          <legend>{words.legend}</legend>
          {choices.map((choice, i) => (
            <label key={String(choice)} className="lab-choice">
              <input type="checkbox" checked={chosen.includes(choice)} onChange={(e) => toggle(choice, e.target.checked)} data-testid={`${testId}.${choice}`} />
              <span className="race-swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
              {choiceText(choice)}
            </label>
          ))}
        </fieldset>
        <div className="lab-controls">
          <RaceFields fields={numbers} labels={{ epochs: t('epochs'), trainLimit: t('trainLimit'), seed: t('seed') }} testId={testId} />
          <GroupRunButtons
            group={group}
            testId={testId}
            runLabel={words.run}
            stopLabel={t('stop')}
            blocked={problem !== null}
            onRun={() => void group.start(members(chosen, numbers.values))}
          />
        </div>
        {problem ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid={`${testId}.problem`}>
            {problem === 'noChoice' ? words.noChoice : t(`race.${problem}`, { max: MNIST_TRAIN_SIZE })}
          </p>
        ) : null}
        <GroupCurve
          comparison={group.comparison}
          labels={shownLabels}
          metric="loss"
          title={t('lossTitle')}
          subtitle={words.lossSubtitle}
          testId={`lab.${labId}.loss`}
          xLabel={t('iteration')}
          yLabel={t('loss')}
          pngName={pngName}
          colorOf={colorOf}
        />
      </section>
      <RunGroupTable labId={labId} group={group} mayNotLearn={mayNotLearn} />
    </>
  );
}
