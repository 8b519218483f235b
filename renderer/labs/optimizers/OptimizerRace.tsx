// The second half of the optimizer lab: the chosen optimizers train the book's MNIST network as one run
// group, with the same seed (so the same initial weights and mini-batches), their losses overlaid.

import { useCallback } from 'react';
import { useRemembered } from '../common/remembered';
import { findOptimizerType, optimizerTypes } from '../../../engine/optimizers/registry';
import { seriesColor } from '../../charts/chartTheme';
import { GroupCurve } from '../common/GroupCurve';
import { useLabText } from '../common/labText';
import { RunGroupTable } from '../common/RunGroupTable';
import { useRunGroup } from '../common/useRunGroup';
import { checkRace, defaultRace, MNIST_TRAIN_SIZE, mnistLearningRate, OPTIMIZER_ORDER, raceMembers, type RaceSettings } from './experiments';
import { optimizersText } from './text';
import { GroupRunButtons } from '../common/GroupRunButtons';
import { RaceFields, useRaceNumbers } from '../common/RaceFields';

export function OptimizerRace({ title }: { title: string }) {
  const { t, num } = useLabText(optimizersText);
  const group = useRunGroup('optimizers', title);
  const [chosen, setChosen] = useRemembered<readonly string[]>('optimizers.race.optimizers', defaultRace.optimizers, (v) => Array.isArray(v) && v.every((x) => (OPTIMIZER_ORDER as readonly unknown[]).includes(x)));
  const numbers = useRaceNumbers('optimizers.race', defaultRace);

  const settings: RaceSettings = { optimizers: chosen, ...numbers.values };
  const problem = checkRace(settings);
  const colorOf = useCallback(
    (runId: number, index: number) => {
      const type = optimizerTypes.find((o) => o.label === group.labels[runId])?.type;
      return seriesColor(type ? OPTIMIZER_ORDER.indexOf(type) : index);
    },
    [group.labels],
  );
  const toggle = (type: string, on: boolean) => setChosen((list) => (on ? [...list, type] : list.filter((x) => x !== type)));

  return (
    <>
    <section className="pg-card opt-race" data-testid="lab.optimizers.race">
      <header className="pg-card-head">
        <div>
          <h3>{t('raceTitle')}</h3>
          <p className="muted">{t('raceSubtitle')}</p>
        </div>
      </header>
      <fieldset className="opt-race-choices">
        <legend>{t('raceOptimizers')}</legend>
        {OPTIMIZER_ORDER.map((type, i) => (
          <label key={type} className="opt-race-choice">
            <input type="checkbox" checked={chosen.includes(type)} onChange={(e) => toggle(type, e.target.checked)} data-testid={`lab.optimizers.race.${type}`} />
            <span className="opt-swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
            {findOptimizerType(type)?.label}
            <span className="muted"> · {t('raceLr', { lr: num(mnistLearningRate(type), 6) })}</span>
          </label>
        ))}
      </fieldset>
      <div className="lab-controls">
        <RaceFields fields={numbers} labels={{ epochs: t('epochs'), trainLimit: t('trainLimit'), seed: t('seed') }} testId="lab.optimizers.race" />
        <GroupRunButtons group={group} testId="lab.optimizers.race" runLabel={t('run')} stopLabel={t('stop')} blocked={problem !== null} onRun={() => void group.start(raceMembers(settings))} />
      </div>
      {problem ? (
        <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.optimizers.race.problem">
          {t(`race.${problem}`, { max: MNIST_TRAIN_SIZE })}
        </p>
      ) : null}
      <GroupCurve
        comparison={group.comparison}
        labels={group.labels}
        metric="loss"
        title={t('lossTitle')}
        subtitle={t('lossSubtitle')}
        testId="lab.optimizers.loss"
        xLabel={t('iteration')}
        yLabel={t('loss')}
        pngName="optimizer-race-loss.png"
        colorOf={colorOf}
      />
    </section>
    <RunGroupTable labId="optimizers" group={group} />
    </>
  );
}
