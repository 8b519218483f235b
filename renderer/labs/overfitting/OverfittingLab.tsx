// The overfitting lab (§6.4): the book's too-big network on 300 images, trained without and with weight
// decay and/or dropout as one run group; each run's train and test accuracy with the gap shaded, the
// final gaps as numbers. λ and the dropout ratio are sliders with number boxes; epochs are editable.

import './overfitting.css';
import { useMemo } from 'react';
import { useRemembered } from '../common/remembered';
import { BOOK_OVERFITTING, MAX_OVERFITTING_EPOCHS, MAX_WEIGHT_DECAY, type Regularisation } from '../../../engine/labs/overfitting';
import { formatAccuracy } from '../../charts/format';
import { LabFrame } from '../common/LabFrame';
import { labLabelOrName } from '../../i18n/runName';
import { useI18n } from '../../i18n/useI18n';
import { RunGroupTable } from '../common/RunGroupTable';
import { useRunGroup } from '../common/useRunGroup';
import { GapChart } from './GapChart';
import { checkOverfit, finalGap, gapRows, pairMembers, pairRuns } from './pair';
import { SliderField } from './SliderField';
import { overfittingText } from './text';
import { GroupRunButtons } from '../common/GroupRunButtons';

export function OverfittingLab() {
  const { t, num, lang } = useI18n(overfittingText);
  const title = t('title');
  const group = useRunGroup('overfitting', title);
  const [weightDecay, setWeightDecay] = useRemembered('overfitting.weightDecay', String(BOOK_OVERFITTING.weightDecay));
  const [dropout, setDropout] = useRemembered('overfitting.dropout', '0');
  const [epochs, setEpochs] = useRemembered('overfitting.epochs', String(BOOK_OVERFITTING.epochs));
  const input = { weightDecay, dropout, epochs };
  const problem = checkOverfit(input);

  const cure = ({ weightDecay: l, dropout: r }: Regularisation) =>
    [l > 0 ? t('lambdaPart', { value: num(l, 6) }) : '', r > 0 ? t('dropoutPart', { value: num(r, 6) }) : ''].filter(Boolean).join(', ');
  const { plain, regularised } = pairRuns(group.runs);
  const plainRows = useMemo(() => (plain ? gapRows(group.comparison, plain.id) : []), [plain, group.comparison]);
  const curedRows = useMemo(() => (regularised ? gapRows(group.comparison, regularised.id) : []), [regularised, group.comparison]);
  const before = finalGap(plainRows);
  const after = finalGap(curedRows);
  const curedName = regularised ? labLabelOrName(lang, group.labels[regularised.id], regularised.name) : '';

  return (
    <LabFrame
      id="overfitting"
      chapter="6.4"
      title={title}
      idea={[t('idea1'), t('idea2'), t('idea3')]}
      formula={[t('formula1'), '  L′ = L + ½ λ Σ ‖W‖²', '  ∂L′/∂W = ∂L/∂W + λ W', t('formula2'), '', t('formula3'), t('formula4'), t('formula5')]}
    >
      <section className="pg-card" data-testid="lab.overfitting.controls">
        <header className="pg-card-head">
          <div>
            <h3>{t('controlsTitle')}</h3>
            <p className="muted">{t('controlsSubtitle')}</p>
          </div>
        </header>
        <div className="lab-controls">
          <SliderField
            label={t('weightDecay')}
            value={weightDecay}
            onChange={setWeightDecay}
            min={0}
            max={0.5}
            step={0.01}
            testId="lab.overfitting.lambda"
            offLabel={t('off')}
          />
          <SliderField
            label={t('dropout')}
            value={dropout}
            onChange={setDropout}
            min={0}
            max={0.9}
            step={0.05}
            testId="lab.overfitting.dropout"
            offLabel={t('off')}
          />
          <label className="pg-field ovf-epochs">
            {t('epochs')}
            <input value={epochs} onChange={(e) => setEpochs(e.target.value)} inputMode="numeric" data-testid="lab.overfitting.epochs" />
          </label>
          <GroupRunButtons
            group={group}
            testId="lab.overfitting"
            runLabel={t('run')}
            stopLabel={t('stop')}
            blocked={problem !== null}
            onRun={() => void group.start(pairMembers(input, { plain: t('plainLabel'), regularised: cure }))}
          />
        </div>
        {problem ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.overfitting.problem">
            {t(problem, { max: problem.startsWith('lambda') ? MAX_WEIGHT_DECAY : MAX_OVERFITTING_EPOCHS })}
          </p>
        ) : null}
        {before && after ? (
          <p className="ovf-summary" data-testid="lab.overfitting.summary">
            {t('summary', { before: formatAccuracy(before.gap), after: formatAccuracy(after.gap), cure: curedName })}
          </p>
        ) : null}
      </section>
      <div className="lab-charts">
        <GapChart role="plain" title={t('plainTitle')} run={plain} rows={plainRows} />
        <GapChart role="regularised" title={curedName || t('regularisedTitle')} run={regularised} rows={curedRows} />
      </div>
      <RunGroupTable labId="overfitting" group={group} />
    </LabFrame>
  );
}
