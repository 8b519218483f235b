// The frame every lab sits in: a way back to the list, the lab's title and book section, the lab's
// own content, and beside it the idea in a few sentences with its formula.

import { Fragment, type ReactNode } from 'react';
import { closeLab } from '../../app/navigation';
import { commonText } from './commonText';
import { useI18n } from '../../i18n/useI18n';

export interface LabFrameProps {
  /** The lab's id in the registry: test ids hang below `lab.<id>`. */
  id: string;
  chapter: string;
  title: string;
  /** Paragraphs of explanation, already translated. */
  idea: readonly string[];
  /** Formula lines, shown in a monospaced block (plain Unicode: x², √, Σ, ∂). */
  formula?: readonly string[];
  /** Extra controls at the right of the title row. */
  actions?: ReactNode;
  children: ReactNode;
}

export function LabFrame({ id, chapter, title, idea, formula, actions, children }: LabFrameProps) {
  const { t } = useI18n(commonText);
  return (
    <div className="pg page lab-page" data-testid={`lab.${id}`}>
      <header className="pg-page-head lab-head">
        <div>
          <button type="button" className="lab-back" onClick={closeLab} data-testid="lab.back">
            ← {t('back')}
          </button>
          <h2>{title}</h2>
          <p className="muted lab-chapter">{t('chapter', { chapter })}</p>
        </div>
        {actions ? <div className="lab-actions">{actions}</div> : null}
      </header>
      <div className="lab-layout">
        <div className="lab-main">{children}</div>
        <aside className="pg-card lab-aside" data-testid={`lab.${id}.idea`}>
          <h3>{t('explanation')}</h3>
          {idea.map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
          {formula && formula.length > 0 ? (
            <>
              <h4>{t('formula')}</h4>
              <pre className="lab-formula" data-testid={`lab.${id}.formula`}>
                {formula.map((line, i) => (
                  <Fragment key={i}>
                    {i > 0 && '\n'}
                    <FormulaLine line={line} />
                  </Fragment>
                ))}
              </pre>
            </>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

/** A formula line that wraps only between its terms: "∂L/∂y" or "W ← W − η·∂L/∂W" never splits inside a term. */
function FormulaLine({ line }: { line: string }) {
  return (
    <>
      {line.split(/(\s+)/).map((piece, i) =>
        piece === '' || /^\s+$/.test(piece) ? (
          piece
        ) : (
          <span key={i} className="lab-formula__term">
            {piece}
          </span>
        ),
      )}
    </>
  );
}
