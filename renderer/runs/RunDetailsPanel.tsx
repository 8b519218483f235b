// The side panel of the run picked in the list: rename it, write notes, tag it, export it, delete it.
// Edits are saved when the field is left (or on Enter for the name and tags).

import { NAME_MAX } from '../../main/api/constants';
import { useEffect, useState } from 'react';
import type { RunPatch, RunSummary } from '../../main/api/contract';
import { datasetLabel, formatAccuracy, formatClock, formatDateTime } from '../charts/format';
import { RunWarningNotice } from '../charts/RunWarningNotice';
import { StatusBadge } from '../charts/StatusBadge';
import { isLive } from '../live/runStatus';
import { useLiveStatus } from '../live/useLive';
import { describeEngineMessage } from '../i18n/problems';
import { pagesText, useI18n } from '../i18n/useI18n';

export interface RunDetailsPanelProps {
  run: RunSummary;
  onSave: (patch: RunPatch) => Promise<void>;
  onOpen: () => void;
  onExport: () => void;
  onDelete: () => void;
  onClose: () => void;
}

export function RunDetailsPanel({ run, onSave, onOpen, onExport, onDelete, onClose }: RunDetailsPanelProps) {
  const { t, locale, lang } = useI18n(pagesText);
  const [name, setName] = useState(run.name);
  const [notes, setNotes] = useState(run.notes);
  const [tagDraft, setTagDraft] = useState('');
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the drafts start again from the stored run when it changes; deriving them would be a redesign
    setName(run.name);
    setNotes(run.notes);
    setTagDraft('');
  }, [run.id, run.name, run.notes]);
  const status = useLiveStatus(run.id)?.status ?? run.status;

  function saveName(): void {
    const trimmed = name.trim();
    if (trimmed && trimmed !== run.name) void onSave({ name: trimmed });
    else setName(run.name);
  }

  function addTags(text: string): void {
    const fresh = text
      .split(/[,\s]+/)
      .map((s) => s.replace(/^#/, '').trim())
      .filter(Boolean);
    const tags = [...new Set([...run.tags, ...fresh])];
    setTagDraft('');
    if (tags.length !== run.tags.length) void onSave({ tags });
  }

  return (
    <aside className="pg-card pg-details" data-testid="runs.details" aria-label={t('runs.details')}>
      <header className="pg-details-head">
        <StatusBadge status={status} />
        <span className="pg-run-id">#{run.id}</span>
        <button type="button" className="btn btn--ghost btn--icon pg-details-close" onClick={onClose} aria-label={t('pages.close')}>
          ×
        </button>
      </header>
      <label className="pg-field">
        <span>{t('runs.name')}</span>
        <input
          value={name}
          maxLength={NAME_MAX}
          onChange={(e) => setName(e.target.value)}
          onBlur={saveName}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          data-testid="runs.rename"
        />
      </label>
      <dl className="pg-details-facts">
        <dt>{t('runs.col.dataset')}</dt>
        <dd title={run.dataset}>{datasetLabel(run.dataset)}</dd>
        <dt>{t('runs.col.started')}</dt>
        <dd>{formatDateTime(run.startedAt, locale)}</dd>
        <dt>{t('runs.col.duration')}</dt>
        <dd>{run.durationMs !== null ? formatClock(run.durationMs / 1000) : '—'}</dd>
        <dt>{t('runs.trainAcc')}</dt>
        <dd>{formatAccuracy(run.trainAcc)}</dd>
        <dt>{t('runs.col.testAcc')}</dt>
        <dd>{formatAccuracy(run.testAcc)}</dd>
        <dt>{t('runs.seed')}</dt>
        <dd>
          {run.seed} · {t('runs.workers', { workers: run.workers })}
        </dd>
      </dl>
      {run.failure && <p className="pg-notice pg-notice-error pg-small">{describeEngineMessage(lang, run.failure)}</p>}
      {run.warning && <RunWarningNotice warning={run.warning} testId="runs.details.warning" compact />}
      <label className="pg-field">
        <span>{t('runs.notes')}</span>
        <textarea
          value={notes}
          rows={4}
          placeholder={t('runs.notesPlaceholder')}
          onChange={(e) => setNotes(e.target.value)}
          onBlur={() => notes !== run.notes && void onSave({ notes })}
          data-testid="runs.notes"
        />
      </label>
      <div className="pg-field">
        <span>{t('runs.tags')}</span>
        <div className="pg-tag-editor">
          {run.tags.map((tag) => (
            <span key={tag} className="pg-tag pg-tag-removable">
              #{tag}
              <button type="button" onClick={() => void onSave({ tags: run.tags.filter((x) => x !== tag) })} aria-label={t('runs.removeTag', { tag })}>
                ×
              </button>
            </span>
          ))}
          <input
            value={tagDraft}
            placeholder={t('runs.addTag')}
            onChange={(e) => setTagDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                addTags(tagDraft);
              }
            }}
            onBlur={() => tagDraft.trim() && addTags(tagDraft)}
            data-testid="runs.tags"
          />
        </div>
      </div>
      <div className="pg-details-actions">
        <button type="button" className="btn btn--primary" onClick={onOpen} data-testid="runs.open">
          {t('runs.openDashboard')}
        </button>
        <button type="button" className="btn" onClick={onExport} data-testid="runs.export">
          {t('runs.export')}
        </button>
        <button
          type="button"
          className="btn btn--danger"
          onClick={onDelete}
          disabled={isLive(status)}
          title={isLive(status) ? t('runs.deleteLive') : undefined}
          data-testid="runs.delete"
        >
          {t('runs.delete')}
        </button>
      </div>
    </aside>
  );
}
