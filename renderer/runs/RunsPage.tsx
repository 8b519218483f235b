// Every run in the store: search, filter, sort and page through them; pick one to rename, annotate,
// tag, export or delete; pick two or more to compare; import runs another lab exported.
// The list refreshes by itself when a run's status changes.

import '../app/pages.css';
import './runs.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunPage, RunPatch, RunSummary } from '../../main/api/contract';
import { lab } from '../api/lab';
import { safeFileName } from '../charts/csv';
import { saveText } from '../charts/download';
import { FileButton } from '../charts/FileButton';
import { liveRuns } from '../live/useLive';
import { pagesText, useI18n } from '../i18n/useI18n';
import { ConfirmDialog } from './ConfirmDialog';
import { RunDetailsPanel } from './RunDetailsPanel';
import { RunsTable } from './RunsTable';
import { RunsToolbar, type RunsFilter } from './RunsToolbar';
import { messageOf } from '../api/messageOf';

export interface RunsPageProps {
  onOpenRun: (id: number) => void;
  onCompare: (ids: number[]) => void;
}

const PAGE_SIZE = 15;
const INITIAL: RunsFilter = { search: '', status: '', tag: '', dataset: '', sort: 'startedAt', order: 'desc' };

export function RunsPage({ onOpenRun, onCompare }: RunsPageProps) {
  const { t, locale } = useI18n(pagesText);
  const [filter, setFilter] = useState<RunsFilter>(INITIAL);
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<RunPage | null>(null);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [focused, setFocused] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<RunSummary | null>(null);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [datasets, setDatasets] = useState<string[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let cancelled = false;
    lab
      .listRuns({
        search: filter.search || undefined,
        status: filter.status ? [filter.status] : undefined,
        tag: filter.tag || undefined,
        dataset: filter.dataset || undefined,
        sort: filter.sort,
        order: filter.order,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      })
      .then(
        (r) => {
          if (cancelled) return;
          setResult(r);
          setDatasets((old) => [...new Set([...old, ...r.runs.map((run) => run.dataset)])].sort());
        },
        (e: unknown) => !cancelled && setNotice({ kind: 'error', text: messageOf(e) }),
      );
    return () => {
      cancelled = true;
    };
  }, [filter, page, version]);

  // The tag filter offers every tag in the store, not only those of the runs on this page: asked again
  // whenever the list reloads (a run tagged, imported, started or deleted).
  useEffect(() => {
    let cancelled = false;
    lab.listTags().then(
      (tags) => !cancelled && setKnownTags(tags),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [version]);

  useEffect(() => {
    lab.listDatasets().then(
      (list) => setDatasets((old) => [...new Set([...old, ...list.map((d) => d.source)])].sort()),
      () => {},
    );
  }, []);

  // A run starting, ending or failing anywhere refreshes the list (a burst of changes refreshes once).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = liveRuns.subscribeStatuses(() => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [reload]);

  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const changeFilter = useCallback((patch: Partial<RunsFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  }, []);

  const runs = useMemo(() => result?.runs ?? [], [result]);
  const focusedRun = useMemo(() => runs.find((r) => r.id === focused) ?? null, [runs, focused]);
  const total = result?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  function toggle(id: number): void {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function toggleAll(ids: number[], on: boolean): void {
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  }

  async function save(run: RunSummary, patch: RunPatch): Promise<void> {
    try {
      await lab.updateRun(run.id, patch);
      reload();
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message });
    }
  }

  async function exportRun(run: RunSummary): Promise<void> {
    try {
      const saved = await saveText('run', `${safeFileName(run.name)}.dlab-run.json`, await lab.exportRun(run.id));
      if (saved) setNotice({ kind: 'info', text: t('runs.exported', { name: run.name }) });
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message });
    }
  }

  async function importRuns(file: { name: string; text: string }): Promise<void> {
    try {
      const r = await lab.importRuns(file.text);
      setNotice({ kind: 'info', text: t('runs.imported', { imported: r.imported, duplicates: r.duplicates }) });
      reload();
    } catch (e) {
      setNotice({ kind: 'error', text: `${file.name}: ${(e as Error).message}` });
    }
  }

  async function deleteRun(run: RunSummary): Promise<void> {
    try {
      await lab.deleteRun(run.id);
      setConfirmDelete(null);
      setFocused(null);
      setSelected((s) => {
        const next = new Set(s);
        next.delete(run.id);
        return next;
      });
      setNotice({ kind: 'info', text: t('runs.deleted', { name: run.name }) });
      reload();
    } catch (e) {
      setConfirmDelete(null);
      setNotice({ kind: 'error', text: (e as Error).message });
    }
  }

  const chosen = [...selected];
  return (
    <div className="pg page pg-runs" data-testid="runs">
      <header className="pg-page-head">
        <div>
          <h2>{t('runs.title')}</h2>
          <p className="muted">{result ? t('runs.count', { total: total.toLocaleString(locale) }) : t('pages.loading')}</p>
        </div>
        <div className="pg-button-row">
          <FileButton
            kind="run"
            accept=".json,application/json"
            testId="runs.import"
            className="btn"
            onFile={(file) => void importRuns(file)}
            onError={(text) => setNotice({ kind: 'error', text })}
          >
            {t('runs.import')}
          </FileButton>
          <button type="button" className="btn btn--primary" disabled={chosen.length < 2} onClick={() => onCompare(chosen)} data-testid="runs.compare">
            {t('runs.compare', { count: chosen.length })}
          </button>
        </div>
      </header>
      {notice && (
        <div className={`pg-notice pg-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="runs.notice">
          <span>{notice.text}</span>
          <button type="button" className="btn btn--ghost btn--icon" onClick={() => setNotice(null)} aria-label={t('pages.close')}>
            ×
          </button>
        </div>
      )}
      <RunsToolbar filter={filter} datasets={datasets} tags={knownTags} onChange={changeFilter} />
      <div className={`pg-runs-body${focusedRun ? ' has-details' : ''}`}>
        <div className="pg-card pg-runs-list">
          {result && runs.length === 0 ? (
            <div className="pg-empty pg-empty-small" data-testid="runs.empty">
              <h3>{total === 0 && !filter.search && !filter.status && !filter.tag && !filter.dataset ? t('runs.emptyTitle') : t('runs.noMatchTitle')}</h3>
              <p className="muted">
                {total === 0 && !filter.search && !filter.status && !filter.tag && !filter.dataset ? t('runs.emptyText') : t('runs.noMatchText')}
              </p>
            </div>
          ) : (
            <RunsTable runs={runs} selected={selected} focused={focused} onToggle={toggle} onToggleAll={toggleAll} onFocus={setFocused} onOpen={onOpenRun} />
          )}
          <footer className="pg-pager">
            <span className="muted">
              {total > 0 ? t('runs.range', { from: page * PAGE_SIZE + 1, to: Math.min(total, (page + 1) * PAGE_SIZE), total }) : ''}
              {chosen.length > 0 && ` · ${t('runs.selected', { count: chosen.length })}`}
            </span>
            <div className="pg-button-row">
              <button type="button" className="btn btn--small" disabled={page === 0} onClick={() => setPage((p) => p - 1)} data-testid="runs.prev">
                {t('runs.prev')}
              </button>
              <span className="pg-pager-page">{t('runs.page', { page: page + 1, pages })}</span>
              <button type="button" className="btn btn--small" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)} data-testid="runs.next">
                {t('runs.next')}
              </button>
            </div>
          </footer>
        </div>
        {focusedRun && (
          <RunDetailsPanel
            run={focusedRun}
            onSave={(patch) => save(focusedRun, patch)}
            onOpen={() => onOpenRun(focusedRun.id)}
            onExport={() => void exportRun(focusedRun)}
            onDelete={() => setConfirmDelete(focusedRun)}
            onClose={() => setFocused(null)}
          />
        )}
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={t('runs.deleteTitle', { name: confirmDelete.name })}
          confirmLabel={t('runs.delete')}
          danger
          onConfirm={() => void deleteRun(confirmDelete)}
          onCancel={() => setConfirmDelete(null)}
        >
          <p>{t('runs.deleteText')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
