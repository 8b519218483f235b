// A labelled control with its hint and, when the value cannot work, the reason — tied to the control
// with aria-describedby so a screen reader reads them together.

import type { ReactNode } from 'react';
import { AlertIcon, LockIcon } from '../app/Icons';
import { useLocked } from '../app/packLock';
import { useI18n } from '../i18n/useI18n';

interface FieldRowProps {
  id: string;
  label: string;
  /** A short note beside the label (a unit, "optional"). */
  aside?: string;
  hint?: string;
  error?: string | null;
  errorTestId?: string;
  /** The setting's path in the experiment file ("training.optimizer"): an assignment pack may lock it. */
  lockPath?: string;
  /** The control, disabled when `locked`, described by the hint, the error and the lock note. */
  children: (describedBy: string | undefined, locked: boolean) => ReactNode;
}

export function FieldRow({ id, label, aside, hint, error, errorTestId, lockPath, children }: FieldRowProps) {
  const { t } = useI18n();
  const locked = useLocked(lockPath);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const lockId = locked ? `${id}-lock` : undefined;
  const describedBy = [lockId, errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${locked ? ' field--locked' : ''}`}>
      <label className="field__label" htmlFor={id}>
        <span>{label}</span>
        {aside && <small>{aside}</small>}
        {locked && (
          <small className="field__lock" id={lockId} title={t('pack.lockedNote')} data-testid={`lock.${lockPath}`}>
            <LockIcon size={12} /> {t('pack.lockedNote')}
          </small>
        )}
      </label>
      {children(describedBy, locked)}
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
  lockPath?: string;
}

/** A text box for a number or a path, whose value is kept exactly as typed. */
export function TextField({
  id,
  testId,
  label,
  aside,
  hint,
  error,
  value,
  placeholder,
  mono = true,
  numeric = true,
  onChange,
  onBlur,
  lockPath,
}: TextFieldProps) {
  return (
    <FieldRow id={id} label={label} aside={aside} hint={hint} error={error} errorTestId={`${testId}.error`} lockPath={lockPath}>
      {(describedBy, locked) => (
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
          disabled={locked}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </FieldRow>
  );
}
