// The training dashboard: one run, live while it trains (controls, progress, curves, filters,
// histograms) and examined after (confusion matrix, misclassified images, a pad to draw digits on).
// Every live number comes from the live store through its own small component, so a progress tick
// re-renders only the progress panel.

import '../app/pages.css';
import './dashboard.css';
import { analyzeModel } from '../../engine/model';
import { useMemo } from 'react';
import { Deferred } from '../charts/Deferred';
import { RunWarningNotice } from '../charts/RunWarningNotice';
import { isLive } from '../live/runStatus';
import { useLiveStatus } from '../live/useLive';
import { pagesText, useI18n } from '../i18n/useI18n';
import { AfterTraining } from './AfterTraining';
import { DashboardEmpty } from './DashboardEmpty';
import { evaluatedOn } from './evaluatedOn';
import { FailureNotice } from './FailureNotice';
import { LiveCharts } from './LiveCharts';
import { ParamPanels } from './ParamPanels';
import { ProgressPanel } from './ProgressPanel';
import { RunHeader } from './RunHeader';
import { useLatestRun } from './useLatestRun';
import { useRunDetail } from './useRunDetail';

export interface DashboardPageProps {
  runId: number | null;
  onOpenRun: (id: number) => void;
}

export function DashboardPage({ runId, onOpenRun }: DashboardPageProps) {
  const latest = useLatestRun(runId === null);
  const shown = runId ?? latest;
  if (shown === undefined) return <DashboardLoading />;
  if (shown === null) return <DashboardEmpty onOpenRun={onOpenRun} />;
  return <RunDashboard key={shown} runId={shown} onOpenRun={onOpenRun} />;
}

function DashboardLoading() {
  const { t } = useI18n(pagesText);
  return (
    <div className="pg page" data-testid="dashboard" aria-busy="true">
      <div className="pg-skeleton pg-skeleton-head" />
      <div className="pg-skeleton pg-skeleton-block" />
      <span className="visually-hidden">{t('pages.loading')}</span>
    </div>
  );
}

function RunDashboard({ runId, onOpenRun }: { runId: number; onOpenRun: (id: number) => void }) {
  const { detail, error } = useRunDetail(runId);
  const live = useLiveStatus(runId);
  const status = live?.status ?? detail?.status ?? null;
  const failure = live?.failure ?? detail?.failure ?? null;
  const warning = live?.warning ?? detail?.warning ?? null;
  const plan = useMemo(() => (detail ? analyzeModel(detail.experiment.model) : null), [detail]);

  if (error && !detail) {
    return (
      <div className="pg page" data-testid="dashboard">
        <div className="pg-notice pg-notice-error" role="alert">
          {error}
        </div>
      </div>
    );
  }
  if (!detail || !plan || status === null) return <DashboardLoading />;

  const running = isLive(status);
  const measuredOn = evaluatedOn(detail.experiment);
  return (
    <div className="pg page pg-dashboard" data-testid="dashboard" data-status={status}>
      <RunHeader detail={detail} status={status} onOpenRun={onOpenRun} />
      {(status === 'failed' || status === 'interrupted' || status === 'cancelled') && <FailureNotice status={status} failure={failure} />}
      {warning && (status === 'done' || status === 'cancelled') && <RunWarningNotice warning={warning} testId="dashboard.warning" />}
      <ProgressPanel runId={runId} status={status} epochsTotal={detail.epochsTotal} evaluatedOn={measuredOn} />
      <Deferred stage={1} height={334}>
        <LiveCharts runId={runId} epochsTotal={detail.epochsTotal} iterationsTotal={detail.iterationsTotal} live={running} evaluatedOn={measuredOn} />
      </Deferred>
      <Deferred stage={3} height={300}>
        <ParamPanels runId={runId} plan={plan.layers} inputShape={detail.experiment.model.input} running={running} hasWeights={detail.hasWeights} />
      </Deferred>
      {!running && detail.hasWeights && (
        <Deferred stage={5} height={400}>
          <AfterTraining runId={runId} experiment={detail.experiment} />
        </Deferred>
      )}
    </div>
  );
}
