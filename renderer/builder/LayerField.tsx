// One setting of the selected layer, drawn from its FieldSpec: a list for choices, He / Xavier / a fixed
// standard deviation for initial weights, a number box otherwise. A value that is a number goes into
// the stack at once (the engine then says whether it works); text that is no number stays in the box
// with its reason until it is fixed or the box is left.

import { useEffect, useState } from 'react';
import type { FieldSpec } from '../../engine/fields';
import { useI18n } from '../i18n/useI18n';
import { describeProblem } from '../i18n/problems';
import { fieldHint, fieldLabel } from '../i18n/registryText';
import { formatValue, parseFieldText } from '../model/fieldCheck';
import { FieldRow } from '../forms/FieldRow';

interface LayerFieldProps {
  layerId: string;
  field: FieldSpec;
  value: number | string | undefined;
  /** What an optional field becomes when left empty (the pooling stride: the window size). */
  automatic?: string;
  onValue: (value: number | string | undefined, group: string) => void;
  onDone: () => void;
  /** The field's path in the experiment file ("model.layers[0].units"): an assignment pack may lock it. */
  lockPath?: string;
}

function NumberBox({ layerId, field, value, automatic, onValue, onDone, lockPath, testId, label }: LayerFieldProps & { testId: string; label?: string }) {
  const { lang, t } = useI18n();
  const [text, setText] = useState(formatValue(value));
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the text being typed follows the value when it changes from outside; deriving it would be a redesign
    setText((current) => (parseFieldText(field, current).value === value ? current : formatValue(value)));
  }, [field, value]);
  const problem = parseFieldText(field, text).problem;
  const id = `panel-${layerId}-${field.name}${label ? '-std' : ''}`;
  const group = `field:${layerId}:${field.name}`;
  return (
    <FieldRow
      id={id}
      label={label ?? fieldLabel(lang, field)}
      aside={field.optional ? t('field.optional') : undefined}
      hint={fieldHint(lang, field)}
      error={problem ? describeProblem(lang, problem) : null}
      errorTestId={`${testId}.error`}
      lockPath={lockPath}
    >
      {(describedBy, locked) => (
        <input
          id={id}
          className="input input--mono"
          data-testid={testId}
          value={text}
          inputMode="decimal"
          spellCheck={false}
          autoComplete="off"
          placeholder={automatic}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          disabled={locked}
          onChange={(e) => {
            setText(e.target.value);
            const parsed = parseFieldText(field, e.target.value);
            if (typeof parsed.value === 'number' || (parsed.value === undefined && !parsed.problem)) onValue(parsed.value, group);
          }}
          onBlur={() => {
            if (parseFieldText(field, text).value === undefined && !field.optional) setText(formatValue(value));
            onDone();
          }}
        />
      )}
    </FieldRow>
  );
}

export function LayerField(props: LayerFieldProps) {
  const { lang, t, tk } = useI18n();
  const { layerId, field, value, onValue, onDone, lockPath } = props;
  const testId = `panel.field.${field.name}`;
  const id = `panel-${layerId}-${field.name}`;
  const group = `field:${layerId}:${field.name}`;

  if (field.kind === 'enum') {
    return (
      <FieldRow id={id} label={fieldLabel(lang, field)} hint={fieldHint(lang, field)} lockPath={lockPath}>
        {(describedBy, locked) => (
          <select
            id={id}
            className="select"
            data-testid={testId}
            value={String(value ?? field.default ?? '')}
            aria-describedby={describedBy}
            disabled={locked}
            onChange={(e) => onValue(e.target.value, `${group}:select`)}
          >
            {field.options?.map((option) => (
              <option key={option} value={option}>
                {tk(`option.${field.name}.${option}`, option)}
              </option>
            ))}
          </select>
        )}
      </FieldRow>
    );
  }

  if (field.kind === 'init') {
    const mode = value === 'he' || value === 'xavier' ? value : 'std';
    return (
      <div className="init-field">
        <FieldRow id={id} label={t('field.init')} hint={t('field.init.hint')} lockPath={lockPath}>
          {(describedBy, locked) => (
            <select
              id={id}
              className="select"
              data-testid={testId}
              value={mode}
              aria-describedby={describedBy}
              disabled={locked}
              onChange={(e) => {
                const next = e.target.value;
                onValue(next === 'std' ? 0.01 : next, `${group}:select`);
              }}
            >
              <option value="he">{t('init.heLong')}</option>
              <option value="xavier">{t('init.xavierLong')}</option>
              <option value="std">{t('init.stdLong')}</option>
            </select>
          )}
        </FieldRow>
        {mode === 'std' && <NumberBox {...props} testId={`${testId}.std`} label={t('field.initStd')} onValue={onValue} onDone={onDone} />}
      </div>
    );
  }

  return <NumberBox {...props} testId={testId} />;
}
