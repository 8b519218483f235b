// The left rail: the seven places of the lab. Arrow keys move between them (one tab stop for the rail).
// Labs, pressed inside an open lab, goes back to the list of labs.

import type { KeyboardEvent, ReactNode } from 'react';
import { useRef } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { BuildIcon, ClassIcon, CompareIcon, LabsIcon, LogoMark, RunsIcon, TrainIcon, WeightsIcon } from './Icons';
import { closeLab, navigate, pages, useNavigation, type Page } from './navigation';

const icons: Record<Page, ReactNode> = {
  build: <BuildIcon size={22} />,
  train: <TrainIcon size={22} />,
  runs: <RunsIcon size={22} />,
  compare: <CompareIcon size={22} />,
  weights: <WeightsIcon size={22} />,
  labs: <LabsIcon size={22} />,
  class: <ClassIcon size={22} />,
};

export function NavRail() {
  const { t } = useI18n();
  const current = useNavigation((s) => s.page);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + pages.length) % pages.length;
    buttons.current[next]?.focus();
  };

  return (
    <nav className="rail" aria-label={t('nav.label')}>
      <div className="rail__logo" title={t('app.name')}>
        <LogoMark size={34} />
      </div>
      <ul className="rail__list">
        {pages.map((page, index) => (
          <li key={page}>
            <button
              ref={(el) => {
                buttons.current[index] = el;
              }}
              type="button"
              className="rail__item"
              data-testid={`nav.${page}`}
              aria-current={current === page ? 'page' : undefined}
              tabIndex={current === page ? 0 : -1}
              onClick={() => (page === 'labs' && current === 'labs' ? closeLab() : navigate(page))}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              <span className="rail__icon">{icons[page]}</span>
              <span className="rail__label">{t(`nav.${page}` as MessageKey)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
