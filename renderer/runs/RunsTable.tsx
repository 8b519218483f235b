// The runs of one page as a table: a checkbox to pick runs for comparison, the name with its tags,
// the status (with a live progress bar while training), data, when, how long, and the test accuracy.

import type { RunSummary } from '../../main/api/contract';
import { datasetLabel, formatAccuracy, formatClock, formatDateTime } from '../charts/format';
import { describeRunWarning } from '../charts/runWarning';
import { StatusBadge } from '../charts/StatusBadge';
import { isLive } from '../live/runStatus';
import { useLiveProgress, useLiveStatus } from '../live/useLive';
import { runNameText } from '../i18n/runName';
import { pagesText, useI18n } from '../i18n/useI18n';

export interface RunsTableProps {
  runs: RunSummary[];
  selected: ReadonlySet<number>;
  focused: number | null;
  onToggle: (id: number) => void;
  onToggleAll: (ids: number[], on: boolean) => void;
  onFocus: (id: number) => void;
  onOpen: (id: number) => void;
}

export function RunsTable({ runs, selected, focused, onToggle, onToggleAll, onFocus, onOpen }: RunsTableProps) {
  const { t } = useI18n(pagesText);
  const ids = runs.map((r) => r.id);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <table className="pg-table pg-runs-table" data-testid="runs.table">
      <thead>
        <tr>
          <th className="pg-col-check">
            <input
              type="checkbox"
              checked={all}
              onChange={(e) => onToggleAll(ids, e.target.checked)}
              aria-label={t('runs.selectAll')}
              data-testid="runs.selectAll"
            />
          </th>
          <th>{t('runs.col.name')}</th>
          <th>{t('runs.col.status')}</th>
          <th>{t('runs.col.dataset')}</th>
          <th className="pg-col-optional">{t('runs.col.started')}</th>
          <th className="pg-num pg-col-optional">{t('runs.col.duration')}</th>
          <th className="pg-num">{t('runs.col.epochs')}</th>
          <th className="pg-num">{t('runs.col.testAcc')}</th>
          <th className="pg-col-actions">
            <span className="visually-hidden">{t('runs.col.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow key={run.id} run={run} checked={selected.has(run.id)} focused={focused === run.id} onToggle={onToggle} onFocus={onFocus} onOpen={onOpen} />
        ))}
      </tbody>
    </table>
  );
}

interface RunRowProps {
  run: RunSummary;
  checked: boolean;
  focused: boolean;
  onToggle: (id: number) => void;
  onFocus: (id: number) => void;
  onOpen: (id: number) => void;
}

function RunRow({ run, checked, focused, onToggle, onFocus, onOpen }: RunRowProps) {
  const { t, lang, locale } = useI18n(pagesText);
  const live = useLiveStatus(run.id);
  const status = live?.status ?? run.status;
  const id = `runs.row.${run.id}`;
  const warning = run.warning && describeRunWarning(lang, run.warning);
  return (
    <tr
      className={`${focused ? 'is-focused' : ''} ${checked ? 'is-checked' : ''}`}
      onClick={() => onFocus(run.id)}
      onDoubleClick={() => onOpen(run.id)}
      data-testid={id}
      aria-selected={focused}
    >
      <td className="pg-col-check" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={checked}
          onChange={() => onToggle(run.id)}
          aria-label={t('runs.select', { name: run.name })}
          data-testid={`${id}.select`}
        />
      </td>
      <td className="pg-col-name">
        <span className="pg-run-name" data-testid={`${id}.name`}>
          {runNameText(lang, run.name)}
        </span>
        <span className="pg-run-id">#{run.id}</span>
        {run.tags.length > 0 && (
          <span className="pg-tags">
            {run.tags.map((tag) => (
              <span key={tag} className="pg-tag">
                #{tag}
              </span>
            ))}
          </span>
        )}
        {run.notes && <span className="pg-run-notes">{run.notes}</span>}
      </td>
      <td>
        <StatusBadge status={status} testId={`${id}.status`} />
        {warning && (
          <span className="pg-warning-mark" role="img" title={warning} aria-label={warning} data-testid={`${id}.warning`}>
            ⚠
          </span>
        )}
        {isLive(status) && <RowProgress runId={run.id} fallback={run.iterationsTotal ? run.iterationsDone / run.iterationsTotal : 0} />}
      </td>
      <td>
        <span className="pg-chip" title={run.dataset}>
          {datasetLabel(run.dataset)}
        </span>
      </td>
      <td className="pg-nowrap pg-col-optional">{formatDateTime(run.startedAt, locale)}</td>
      <td className="pg-num pg-col-optional">{run.durationMs !== null ? formatClock(run.durationMs / 1000) : '—'}</td>
      <td className="pg-num">
        {run.epochsDone} / {run.epochsTotal}
      </td>
      <td className="pg-num pg-strong" data-testid={`${id}.testAcc`}>
        {formatAccuracy(run.testAcc)}
      </td>
      <td className="pg-col-actions">
        <button type="button" className="btn btn--ghost btn--small" onClick={(e) => (e.stopPropagation(), onOpen(run.id))} data-testid={`${id}.open`}>
          {t('runs.open')}
        </button>
      </td>
    </tr>
  );
}

function RowProgress({ runId, fallback }: { runId: number; fallback: number }) {
  const progress = useLiveProgress(runId);
  const fraction = progress && progress.iterationsTotal ? progress.iteration / progress.iterationsTotal : fallback;
  return (
    <span className="pg-row-progress" aria-hidden="true">
      <span style={{ transform: `scaleX(${Math.min(1, fraction)})` }} />
    </span>
  );
}
