// The Batch Normalization lab (§6.3): the book's batch_norm_test as one run group — for each initial
// weight scale, the same network with and without Batch Norm — drawn as a grid of small charts that
// fills in as the runs finish. The learner picks how many scales and epochs (a classroom's quick grid).

import './batchnorm.css';
import { useMemo } from 'react';
import { useRemembered } from '../common/remembered';
import { BOOK_BATCHNORM, MAX_GRID_EPOCHS, SCALE_COUNTS } from '../../../engine/labs/batchnorm';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { RunGroupTable } from '../common/RunGroupTable';
import { useRunGroup } from '../common/useRunGroup';
import { checkGrid, gridMembers, scaleCells, withoutBatchNorm } from './grid';
import { ScaleChart } from './ScaleChart';
import { batchnormText } from './text';
import { GroupRunButtons } from '../common/GroupRunButtons';

const FORMULA = ['μ_B = (1/m) Σᵢ xᵢ', 'σ²_B = (1/m) Σᵢ (xᵢ − μ_B)²', 'x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε)', 'yᵢ = γ x̂ᵢ + β'];

export function BatchnormLab() {
  const { t } = useI18n(batchnormText);
  const title = t('title');
  const group = useRunGroup('batchnorm', title);
  const [scales, setScales] = useRemembered<number>('batchnorm.scales', BOOK_BATCHNORM.scales, (v) => (SCALE_COUNTS as readonly unknown[]).includes(v));
  const [epochs, setEpochs] = useRemembered('batchnorm.epochs', String(BOOK_BATCHNORM.epochs));
  const problem = checkGrid({ scales, epochs });
  const cells = useMemo(() => scaleCells(group.labels, group.comparison), [group.labels, group.comparison]);
  const runsById = useMemo(() => new Map(group.runs.map((r) => [r.id, r])), [group.runs]);

  return (
    <LabFrame id="batchnorm" chapter="6.3" title={title} idea={[t('idea1'), t('idea2'), t('idea3')]} formula={FORMULA}>
      <section className="pg-card" data-testid="lab.batchnorm.grid">
        <header className="pg-card-head">
          <div>
            <h3>{t('gridTitle')}</h3>
            <p className="muted">{t('gridSubtitle', { scales, runs: 2 * scales })}</p>
          </div>
        </header>
        <div className="lab-controls">
          <label className="pg-field">
            {t('scales')}
            <select value={scales} onChange={(e) => setScales(Number(e.target.value))} data-testid="lab.batchnorm.scales">
              {SCALE_COUNTS.map((count) => (
                <option key={count} value={count}>
                  {t('scalesOption', { count, runs: 2 * count })}
                </option>
              ))}
            </select>
          </label>
          <label className="pg-field bn-epochs">
            {t('epochs')}
            <input value={epochs} onChange={(e) => setEpochs(e.target.value)} inputMode="numeric" data-testid="lab.batchnorm.epochs" />
          </label>
          <GroupRunButtons
            group={group}
            testId="lab.batchnorm"
            runLabel={t('run')}
            stopLabel={t('stop')}
            blocked={problem !== null}
            onRun={() => void group.start(gridMembers({ scales, epochs }))}
          />
          <div className="bn-legend" aria-hidden="true">
            <span>
              <i className="bn-swatch bn-swatch--solid" /> {t('withBn')}
            </span>
            <span>
              <i className="bn-swatch bn-swatch--dashed" /> {t('withoutBn')}
            </span>
          </div>
        </div>
        {problem ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.batchnorm.problem">
            {t(problem, { max: MAX_GRID_EPOCHS })}
          </p>
        ) : null}
        {cells.length === 0 ? (
          <p className="muted bn-empty">{t('empty')}</p>
        ) : (
          <div className="bn-grid" data-testid="lab.batchnorm.cells">
            {cells.map((cell, i) => (
              <ScaleChart key={cell.key} index={i} cell={cell} runs={runsById} />
            ))}
          </div>
        )}
      </section>
      <RunGroupTable labId="batchnorm" group={group} mayNotLearn={withoutBatchNorm} />
    </LabFrame>
  );
}
