// The second half of the initialization lab: the book's three initial weights train the same MNIST
// network as one run group (same seed, mini-batches and optimizer), their losses overlaid.

import { useRemembered } from '../common/remembered';
import type { InitSetting } from '../../../engine/init';
import { seriesColor } from '../../charts/chartTheme';
import { GroupCurve } from '../common/GroupCurve';
import { useLabText } from '../common/labText';
import { RunGroupTable } from '../common/RunGroupTable';
import { useRunGroup } from '../common/useRunGroup';
import { checkInitRace, defaultInitRace, initLabel, initRaceMembers, MNIST_TRAIN_SIZE, RACE_INITS, type InitRaceSettings } from './experiments';
import { initKey, initText } from './text';
import { GroupRunButtons } from '../common/GroupRunButtons';
import { RaceFields, useRaceNumbers } from '../common/RaceFields';

export function InitRace({ title }: { title: string }) {
  const { t } = useLabText(initText);
  const group = useRunGroup('init', title);
  const [chosen, setChosen] = useRemembered<readonly InitSetting[]>('init.race.inits', defaultInitRace.inits, (v) => Array.isArray(v) && v.every((x) => (RACE_INITS as readonly unknown[]).includes(x)));
  const numbers = useRaceNumbers('init.race', defaultInitRace);
  const settings: InitRaceSettings = { inits: chosen, ...numbers.values };
  const problem = checkInitRace(settings);
  const toggle = (init: InitSetting, on: boolean) => setChosen((list) => (on ? [...list, init] : list.filter((x) => x !== init)));
  const colorOf = (runId: number, index: number) => {
    const at = RACE_INITS.findIndex((init) => initLabel(init) === group.labels[runId]);
    return seriesColor(at >= 0 ? at : index);
  };

  return (
    <>
      <section className="pg-card init-race" data-testid="lab.init.race">
        <header className="pg-card-head">
          <div>
            <h3>{t('raceTitle')}</h3>
            <p className="muted">{t('raceSubtitle')}</p>
          </div>
        </header>
        <fieldset className="init-choices">
          <legend>{t('raceInits')}</legend>
          {RACE_INITS.map((init, i) => (
            <label key={String(init)} className="init-choice">
              <input type="checkbox" checked={chosen.includes(init)} onChange={(e) => toggle(init, e.target.checked)} data-testid={`lab.init.race.${init}`} />
              <span className="init-swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
              {t(initKey(init))}
            </label>
          ))}
        </fieldset>
        <div className="lab-controls">
          <RaceFields fields={numbers} labels={{ epochs: t('epochs'), trainLimit: t('trainLimit'), seed: t('seed') }} testId="lab.init.race" />
          <GroupRunButtons group={group} testId="lab.init.race" runLabel={t('run')} stopLabel={t('stop')} blocked={problem !== null} onRun={() => void group.start(initRaceMembers(settings))} />
        </div>
        {problem ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.init.race.problem">
            {t(`race.${problem}`, { max: MNIST_TRAIN_SIZE })}
          </p>
        ) : null}
        <GroupCurve
          comparison={group.comparison}
          labels={group.labels}
          metric="loss"
          title={t('lossTitle')}
          subtitle={t('lossSubtitle')}
          testId="lab.init.loss"
          xLabel={t('iteration')}
          yLabel={t('loss')}
          pngName="init-race-loss.png"
          colorOf={colorOf}
        />
      </section>
      <RunGroupTable labId="init" group={group} />
    </>
  );
}
