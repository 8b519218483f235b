// The first layer's filters before training (re-created from the run's seed) and after (read from the
// run, live while it trains), side by side, each picture scaled to its own range as filter_show does.

import { useMemo } from 'react';
import type { FirstConv } from '../../../engine/labs/filtersNetwork';
import type { Tensor } from '../../../engine/tensor';
import type { I18n } from '../../i18n/useI18n';
import { FilterGallery } from './FilterGallery';
import { filterPictures, formatChange, relativeChange } from './filtersData';
import type { FiltersKey } from './text';

export interface FiltersCardProps {
  conv: FirstConv;
  before: Tensor;
  after: Tensor | null;
  live: boolean;
  epochs: number;
  selected: number;
  onSelect: (index: number) => void;
  text: I18n<FiltersKey>;
}

export function FiltersCard({ conv, before, after, live, epochs, selected, onSelect, text }: FiltersCardProps) {
  const { t } = text;
  const beforePictures = useMemo(() => filterPictures(before.shape, before.data), [before]);
  const afterPictures = useMemo(() => (after ? filterPictures(after.shape, after.data) : null), [after]);
  const titleOf = (i: number) => t('filterNumber', { n: i + 1 });
  const change = useMemo(() => (after ? relativeChange(before.data, after.data) : null), [before, after]);
  return (
    <section className="pg-card" data-testid="lab.filters.filters">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('filtersTitle')}</h3>
          <p className="pg-card-sub">{t('filtersSub', { count: conv.filters, size: conv.kernel })}</p>
        </div>
      </header>
      <div className="fl-pair">
        <div>
          <h4>{t('before')}</h4>
          <FilterGallery pictures={beforePictures} testId="lab.filters.before" size={44} titleOf={titleOf} selected={selected} onSelect={onSelect} />
          <p className="muted fl-note">{t('beforeNote')}</p>
        </div>
        <div>
          <h4>{live ? t('afterLive') : t('after')}</h4>
          {afterPictures ? (
            <FilterGallery pictures={afterPictures} testId="lab.filters.after" size={44} titleOf={titleOf} selected={selected} onSelect={onSelect} />
          ) : (
            <p className="muted">{t('waiting')}</p>
          )}
          <p className="muted fl-note">{t('afterNote', { params: `${conv.weightName}, ${conv.biasName}`, epochs })}</p>
        </div>
      </div>
      {change !== null ? (
        <p className="fl-change" data-testid="lab.filters.change">
          {t('change', { name: conv.weightName })} <strong data-testid="lab.filters.change.value">{formatChange(change)}</strong>
        </p>
      ) : null}
    </section>
  );
}
