// What a learner looks at once a run has ended: how the trained network errs on the test set (the
// confusion matrix), which images it got wrong, and what it makes of a digit drawn by hand.

import type { Experiment } from '../../engine/experiment';
import { useText } from '../live/useText';
import { ConfusionPanel } from './ConfusionPanel';
import { DrawPad } from './DrawPad';
import { MistakesPanel } from './MistakesPanel';
import { useRunNetwork } from './useRunNetwork';

export function AfterTraining({ runId, experiment }: { runId: number; experiment: Experiment }) {
  const { t } = useText();
  const { loaded, text, error } = useRunNetwork(runId, true);
  const input = experiment.model.input;
  const isDigitImage = input.length === 3 && input[0] === 1 && input[1] === 28 && input[2] === 28;
  return (
    <>
      <h3 className="pg-section-title">{t('dashboard.after.title')}</h3>
      {error && <div className="pg-notice pg-notice-error" role="alert">{error}</div>}
      <div className="pg-grid-after">
        <ConfusionPanel weightsText={text} data={experiment.data} />
        <div className="pg-after-side">
          {isDigitImage && <DrawPad loaded={loaded} />}
          <MistakesPanel loaded={loaded} data={experiment.data} />
        </div>
      </div>
    </>
  );
}
