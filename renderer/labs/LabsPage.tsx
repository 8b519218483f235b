// The chapter labs to come, each a small interactive page beside the book's section. For now an
// overview: what each lab will let the learner try, marked "coming soon".

import '../charts/pages.css';
import './labs.css';
import { useText, type PageKey } from '../live/useText';

interface LabCard {
  id: string;
  chapter: string;
  icon: string;
}

const LABS: LabCard[] = [
  { id: 'graph', chapter: '5.1–5.4', icon: '⟶' },
  { id: 'gradcheck', chapter: '5.7.3', icon: '∂' },
  { id: 'optimizers', chapter: '6.1', icon: '⤓' },
  { id: 'init', chapter: '6.2', icon: '≈' },
  { id: 'batchnorm', chapter: '6.3', icon: 'μσ' },
  { id: 'overfitting', chapter: '6.4', icon: '⌇' },
  { id: 'hyperparams', chapter: '6.5', icon: '⚙' },
  { id: 'convolution', chapter: '7.2–7.4', icon: '▦' },
  { id: 'filters', chapter: '7.6', icon: '◧' },
];

export function LabsPage() {
  const { t } = useText();
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
          <li key={lab.id} className="pg-card pg-lab-card" data-testid={`labs.${lab.id}`} aria-disabled="true">
            <div className="pg-lab-icon" aria-hidden="true">{lab.icon}</div>
            <div className="pg-lab-text">
              <div className="pg-lab-top">
                <span className="pg-lab-chapter">{t('labs.chapter', { chapter: lab.chapter })}</span>
                <span className="pg-badge pg-badge-soon">{t('labs.soon')}</span>
              </div>
              <h3>{t(`labs.${lab.id}.title` as PageKey)}</h3>
              <p className="muted">{t(`labs.${lab.id}.text` as PageKey)}</p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
