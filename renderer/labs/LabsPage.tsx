// The chapter labs: a list of cards in the book's order; choosing one opens it in place, with a way
// back. Each lab is its own component (registry.ts).

import '../app/pages.css';
import './labs.css';
import { openLab, useNavigation } from '../app/navigation';
import type { PagesKey } from '../i18n/pages.en';
import { pagesText, useI18n } from '../i18n/useI18n';
import { findLab, LABS } from './registry';

export function LabsPage() {
  const { t } = useI18n(pagesText);
  const labId = useNavigation((s) => s.labId);
  const open = findLab(labId);
  if (open?.component) {
    const Lab = open.component;
    return <Lab />;
  }
  return (
    <div className="pg page pg-labs" data-testid="labs">
      <header className="pg-page-head">
        <div>
          <h2>{t('labs.title')}</h2>
          <p className="muted">{t('labs.subtitle')}</p>
        </div>
      </header>
      <ul className="pg-lab-grid">
        {LABS.map((lab) => (
          <li key={lab.id}>
            <button type="button" className="pg-card pg-lab-card" data-testid={`labs.${lab.id}`} disabled={!lab.component} onClick={() => openLab(lab.id)}>
              <div className="pg-lab-icon" aria-hidden="true">
                {lab.icon}
              </div>
              <div className="pg-lab-text">
                <div className="pg-lab-top">
                  <span className="pg-lab-chapter">{t('labs.chapter', { chapter: lab.chapter })}</span>
                  {lab.component ? null : <span className="pg-badge pg-badge-soon">{t('labs.soon')}</span>}
                </div>
                <h3>{t(`labs.${lab.id}.title` as PagesKey)}</h3>
                <p className="muted">{t(`labs.${lab.id}.text` as PagesKey)}</p>
              </div>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
