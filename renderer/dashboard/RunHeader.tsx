// The run's name and status, what it trains (model, data, optimizer), and the controls.

import type { RunDetail, RunStatus } from '../../main/api/contract';
import { describeOptimizer } from '../../engine/experiment';
import { datasetLabel } from '../charts/format';
import { StatusBadge } from '../charts/StatusBadge';
import { runNameText } from '../i18n/runName';
import { pagesText, useI18n } from '../i18n/useI18n';
import { RunControls } from './RunControls';
import { describeLayers } from './describeModel';

export interface RunHeaderProps {
  detail: RunDetail;
  status: RunStatus;
  onOpenRun: (id: number) => void;
}

export function RunHeader({ detail, status, onOpenRun }: RunHeaderProps) {
  const { t, locale, lang } = useI18n(pagesText);
  const training = detail.experiment.training;
  return (
    <header className="pg-run-header">
      <div className="pg-run-title">
        <div className="pg-run-title-line">
          <h2 data-testid="dashboard.name">{runNameText(lang, detail.name)}</h2>
          <StatusBadge status={status} testId="dashboard.status" />
        </div>
        <p className="pg-run-meta">
          <span className="pg-chip" title={detail.dataset}>
            {datasetLabel(detail.dataset)}
          </span>
          {detail.experiment.data.validation !== undefined && (
            <span
              className="pg-chip"
              title={t('dashboard.validationChipTitle', { count: detail.experiment.data.validation })}
              data-testid="dashboard.validation"
            >
              {t('dashboard.validationChip', { count: detail.experiment.data.validation })}
            </span>
          )}
          {detail.startedFrom === 'weights' && (
            <span className="pg-chip" title={t('dashboard.continuedChipTitle')} data-testid="dashboard.continued">
              {t('dashboard.continuedChip')}
            </span>
          )}
          {detail.dataMissing !== undefined && (
            <span className="pg-chip" title={t('dashboard.dataMissingChipTitle', { path: detail.dataMissing })} data-testid="dashboard.dataMissing">
              {t('dashboard.dataMissingChip')}
            </span>
          )}
          <span className="mono">{describeLayers(detail.experiment.model.layers)}</span>
        </p>
        <p className="pg-run-meta muted">
          {t('dashboard.settingsLine', {
            optimizer: describeOptimizer(training.optimizer),
            batch: training.batchSize,
            epochs: training.epochs,
            seed: training.seed,
            workers: detail.workers,
            started: new Date(detail.startedAt).toLocaleString(locale),
          })}
        </p>
      </div>
      <RunControls detail={detail} status={status} onOpenRun={onOpenRun} />
    </header>
  );
}
