// The second half of the initialization lab: the book's three initial weights train the same MNIST
// network as one run group (same seed, mini-batches and optimizer), their losses overlaid.

import type { InitSetting } from '../../../engine/init';
import { useI18n } from '../../i18n/useI18n';
import { RaceCard } from '../common/RaceCard';
import type { RaceNumbers } from '../common/RaceFields';
import { BOOK_INIT_RACE, checkInitRace, defaultInitRace, initLabel, initRaceMembers, RACE_INITS, raceIterations } from './experiments';
import { initKey, initText } from './text';

const defaults = { ...defaultInitRace, chosen: defaultInitRace.inits };
const check = (inits: readonly InitSetting[], numbers: RaceNumbers) => {
  const problem = checkInitRace({ inits, ...numbers });
  return problem === 'noInit' ? 'noChoice' : problem;
};
const members = (inits: readonly InitSetting[], numbers: RaceNumbers) => initRaceMembers({ inits, ...numbers });

export function InitRace({ title }: { title: string }) {
  const { t } = useI18n(initText);
  const length = {
    epochs: defaultInitRace.epochs,
    iterations: raceIterations(defaultInitRace.epochs, defaultInitRace.trainLimit),
    book: BOOK_INIT_RACE.iterations,
  };
  return (
    <RaceCard
      labId="init"
      title={title}
      choices={RACE_INITS}
      defaults={defaults}
      rememberAs="init.race.inits"
      runLabel={initLabel}
      choiceText={(init) => t(initKey(init))}
      check={check}
      members={members}
      words={{
        title: t('raceTitle'),
        subtitle: `${t('raceSubtitle')} ${t('raceLength', length)}`,
        legend: t('raceInits'),
        run: t('run'),
        lossSubtitle: t('lossSubtitle'),
        noChoice: t('race.noInit'),
      }}
      pngName="init-race-loss.png"
      mayNotLearn={(label) => label === initLabel(0.01)}
    />
  );
}
