// Search, filters and sorting of the runs list. The search box waits for a pause in typing.

import { useEffect, useState } from 'react';
import type { RUN_STATUSES } from '../../main/api/constants';
import type { RunQuery, RunStatus } from '../../main/api/contract';
import { datasetLabel } from '../charts/format';
import { pagesText, useI18n } from '../i18n/useI18n';

/** The contract's statuses in the order the filter offers them: the live ones first. */
export const STATUSES: RunStatus[] = ['running', 'paused', 'queued', 'done', 'failed', 'cancelled', 'interrupted'];
// A status added to the contract and missing from the filter is a compile error here.
type UnofferedStatus = Exclude<(typeof RUN_STATUSES)[number], (typeof STATUSES)[number]>;
/** @public A compile-time check, exported so that it counts as used. */
export const everyStatusOffered: [UnofferedStatus] extends [never] ? true : never = true;
export type SortKey = NonNullable<RunQuery['sort']>;
const SORTS: SortKey[] = ['startedAt', 'name', 'testAcc', 'durationMs'];

export interface RunsFilter {
  search: string;
  status: RunStatus | '';
  tag: string;
  dataset: string;
  sort: SortKey;
  order: 'asc' | 'desc';
}

export interface RunsToolbarProps {
  filter: RunsFilter;
  datasets: string[];
  tags: string[];
  onChange: (patch: Partial<RunsFilter>) => void;
}

export function RunsToolbar({ filter, datasets, tags, onChange }: RunsToolbarProps) {
  const { t } = useI18n(pagesText);
  const [search, setSearch] = useState(filter.search);
  useEffect(() => {
    if (search === filter.search) return;
    const timer = setTimeout(() => onChange({ search }), 250);
    return () => clearTimeout(timer);
  }, [search, filter.search, onChange]);

  return (
    <div className="pg-toolbar" role="search">
      <label className="pg-search">
        <span className="visually-hidden">{t('runs.search')}</span>
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <line x1="13" y1="13" x2="18" y2="18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input type="search" value={search} placeholder={t('runs.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} data-testid="runs.search" />
      </label>
      <label className="pg-field-inline">
        <span>{t('runs.status')}</span>
        <select value={filter.status} onChange={(e) => onChange({ status: e.target.value as RunStatus | '' })} data-testid="runs.filter.status">
          <option value="">{t('runs.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`runStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="pg-field-inline">
        <span>{t('runs.dataset')}</span>
        <select value={filter.dataset} onChange={(e) => onChange({ dataset: e.target.value })} data-testid="runs.filter.dataset">
          <option value="">{t('runs.all')}</option>
          {datasets.map((d) => (
            <option key={d} value={d}>
              {datasetLabel(d)}
            </option>
          ))}
        </select>
      </label>
      <label className="pg-field-inline">
        <span>{t('runs.tag')}</span>
        <select value={filter.tag} onChange={(e) => onChange({ tag: e.target.value })} data-testid="runs.filter.tag">
          <option value="">{t('runs.all')}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              #{tag}
            </option>
          ))}
        </select>
      </label>
      <label className="pg-field-inline">
        <span>{t('runs.sort')}</span>
        <select value={filter.sort} onChange={(e) => onChange({ sort: e.target.value as SortKey })} data-testid="runs.sort">
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`runs.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        onClick={() => onChange({ order: filter.order === 'asc' ? 'desc' : 'asc' })}
        title={filter.order === 'asc' ? t('runs.ascending') : t('runs.descending')}
        aria-label={filter.order === 'asc' ? t('runs.ascending') : t('runs.descending')}
        data-testid="runs.order"
      >
        {filter.order === 'asc' ? '↑' : '↓'}
      </button>
    </div>
  );
}
