// A labelled control with its hint and, when the value cannot work, the reason — tied to the control
// with aria-describedby so a screen reader reads them together.

import type { ReactNode } from 'react';
import { AlertIcon } from '../app/Icons';

interface FieldRowProps {
  id: string;
  label: string;
  /** A short note beside the label (a unit, "optional"). */
  aside?: string;
  hint?: string;
  error?: string | null;
  errorTestId?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

export function FieldRow({ id, label, aside, hint, error, errorTestId, children }: FieldRowProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        <span>{label}</span>
        {aside && <small>{aside}</small>}
      </label>
      {children(describedBy)}
      {error ? (
        <p className="field__error" id={errorId} data-testid={errorTestId}>
          <AlertIcon size={14} />
          <span>{error}</span>
        </p>
      ) : (
        hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  testId: string;
  label: string;
  aside?: string;
  hint?: string;
  error?: string | null;
  value: string;
  placeholder?: string;
  mono?: boolean;
  numeric?: boolean;
  onChange: (text: string) => void;
  onBlur?: () => void;
}

/** A text box for a number or a path, whose value is kept exactly as typed. */
export function TextField({ id, testId, label, aside, hint, error, value, placeholder, mono = true, numeric = true, onChange, onBlur }: TextFieldProps) {
  return (
    <FieldRow id={id} label={label} aside={aside} hint={hint} error={error} errorTestId={`${testId}.error`}>
      {(describedBy) => (
        <input
          id={id}
          className={`input${mono ? ' input--mono' : ''}`}
          data-testid={testId}
          value={value}
          placeholder={placeholder}
          inputMode={numeric ? 'decimal' : undefined}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </FieldRow>
  );
}
