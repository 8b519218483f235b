// A CSV table before training: how it was read (delimiter, first line), its first rows under each
// column's type and role, the label column (the lab's choice or the learner's), a one-hot choice for each
// text column, and the class balance. Shown even when the table cannot be trained on as set, with the
// sentence why, so the choice that fixes it is made in view of the data.

import type { CsvSummary } from '../../engine/data/csvSettings';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { useCsvDraft } from './CsvSource';

const DELIMITER_KEYS: Record<string, MessageKey> = { ',': 'csv.delimiter.comma', ';': 'csv.delimiter.semicolon', '\t': 'csv.delimiter.tab' };

export function CsvTablePreview({ table, problem }: { table: CsvSummary; problem?: string }) {
  const { t, num } = useI18n();
  const [csv, setCsv] = useCsvDraft();
  const most = Math.max(1, ...table.classes.map((c) => c.count));
  const toggleOneHot = (column: string, on: boolean) =>
    setCsv({ oneHot: on ? [...csv.oneHot.filter((c) => c !== column), column] : csv.oneHot.filter((c) => c !== column) });

  return (
    <div className="csv-preview" data-testid="form.preview.table">
      <p className="preview__meta mono" data-testid="form.preview.form">
        {t('csv.read', {
          rows: num(table.rows),
          columns: num(table.columns.length),
          delimiter: t(DELIMITER_KEYS[table.delimiter] ?? 'csv.delimiter.comma') + (table.delimiterDetected ? ` (${t('csv.detected')})` : ''),
          header: t(`csv.header.${table.header}` as MessageKey) + (table.headerDetected ? ` (${t('csv.detected')})` : ''),
        })}
      </p>

      <div className="field">
        <label className="field__label" htmlFor="form-csv-label">
          <span>{t('csv.labelColumn')}</span>
        </label>
        <select
          id="form-csv-label"
          className="select"
          data-testid="form.csv.label"
          value={csv.label}
          onChange={(e) => setCsv({ label: e.target.value, oneHot: csv.oneHot.filter((c) => c !== e.target.value) })}
        >
          <option value="">{t('csv.labelColumn.auto', { found: csv.label ? '…' : table.label })}</option>
          {table.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </div>

      {problem && (
        <p className="field__error" data-testid="form.preview.error" role="alert">
          {problem}
        </p>
      )}

      <div className="csv-preview__scroll">
        <table className="csv-preview__table mono">
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={c.name} scope="col" data-testid={`form.preview.column.${i}`} className={c.role === 'label' ? 'csv-preview__label' : undefined}>
                  <span className="csv-preview__name">{c.name}</span>
                  <small>
                    {t(`csv.type.${c.type}` as MessageKey)}
                    {c.role === 'label' ? ` · ${t('csv.role.label')}` : ''}
                  </small>
                  {c.role !== 'label' && c.type === 'text' && (
                    <label className="lab-choice">
                      <input
                        type="checkbox"
                        data-testid={`form.csv.oneHot.${i}`}
                        checked={csv.oneHot.includes(c.name)}
                        onChange={(e) => toggleOneHot(c.name, e.target.checked)}
                      />
                      {t('csv.oneHot')}
                    </label>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.firstRows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="csv-preview__balance" data-testid="form.preview.classes">
        <span className="card__title">{t('csv.classBalance')}</span>
        <ul>
          {table.classes.slice(0, 50).map((c) => (
            <li key={c.name}>
              <span className="csv-preview__class">{c.name}</span>
              <span className="csv-preview__bar" style={{ width: `${(c.count / most) * 100}%` }} aria-hidden="true" />
              <span className="mono">{num(c.count)}</span>
            </li>
          ))}
        </ul>
        {table.classes.length > 50 && <p className="field__hint">{t('csv.moreClasses', { count: num(table.classes.length - 50) })}</p>}
      </div>
    </div>
  );
}
