// A modal question with a confirm and a cancel button: Escape or a click outside cancels, focus starts
// on Cancel so Enter never destroys anything by accident.

import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { pagesText, useI18n } from '../i18n/useI18n';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n(pagesText);
  const cancel = useRef<HTMLButtonElement>(null);
  const onCancelLatest = useRef(onCancel);
  // Kept current after each commit (not during render) for the handlers and callbacks that read it later.
  useLayoutEffect(() => {
    onCancelLatest.current = onCancel;
  });
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancelLatest.current();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="pg-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="pg-modal" role="alertdialog" aria-modal="true" aria-labelledby="pg-confirm-title" data-testid="runs.dialog">
        <h3 id="pg-confirm-title">{title}</h3>
        <div className="pg-modal-body">{children}</div>
        <div className="pg-button-row pg-end">
          <button ref={cancel} type="button" className="btn" onClick={onCancel} data-testid="runs.cancel">
            {t('pages.cancel')}
          </button>
          <button
            type="button"
            className={`btn ${danger ? 'btn--danger-solid' : 'btn--primary'}`}
            onClick={onConfirm}
            disabled={busy}
            data-testid="runs.confirm"
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
