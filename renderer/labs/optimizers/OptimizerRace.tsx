// The second half of the optimizer lab: the chosen optimizers train the book's MNIST network as one run
// group, with the same seed (so the same initial weights and mini-batches), their losses overlaid.

import { findOptimizerType } from '../../../engine/optimizers/registry';
import { useI18n } from '../../i18n/useI18n';
import { RaceCard } from '../common/RaceCard';
import type { RaceNumbers } from '../common/RaceFields';
import { checkRace, defaultRace, mnistLearningRate, OPTIMIZER_ORDER, raceMembers } from './experiments';
import { optimizersText } from './text';

const defaults = { ...defaultRace, chosen: defaultRace.optimizers };
const label = (type: string) => findOptimizerType(type)?.label ?? type;
const check = (optimizers: readonly string[], numbers: RaceNumbers) => {
  const problem = checkRace({ optimizers, ...numbers });
  return problem === 'noOptimizer' ? 'noChoice' : problem;
};
const members = (optimizers: readonly string[], numbers: RaceNumbers) => raceMembers({ optimizers, ...numbers });

export function OptimizerRace({ title }: { title: string }) {
  const { t, num } = useI18n(optimizersText);
  return (
    <RaceCard<string>
      labId="optimizers"
      title={title}
      choices={OPTIMIZER_ORDER}
      defaults={defaults}
      rememberAs="optimizers.race.optimizers"
      runLabel={label}
      choiceText={(type) => (
        <>
          {findOptimizerType(type)?.label}
          <span className="muted"> · {t('raceLr', { lr: num(mnistLearningRate(type), 6) })}</span>
        </>
      )}
      check={check}
      members={members}
      words={{
        title: t('raceTitle'),
        subtitle: t('raceSubtitle'),
        legend: t('raceOptimizers'),
        run: t('run'),
        lossSubtitle: t('lossSubtitle'),
        noChoice: t('race.noOptimizer'),
      }}
      pngName="optimizer-race-loss.png"
    />
  );
}
