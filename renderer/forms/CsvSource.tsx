// A CSV table by its path, and how the lab reads it — delimiter and first line (detected unless chosen),
// feature scaling, the test fraction, and whether rows with empty cells are dropped. The label column
// and one-hot columns are chosen in the preview, which knows the table's columns.
//
// The house reads the file by its path: in the desktop app "Your data…" (YourData.tsx) or a drop gives
// the path of the file itself; in a browser, which gives no path, a picked or dropped file is uploaded
// into the lab's data folder (within caps) and the path of that copy is filled in. Typing a path works in both.

import { CSV_SCALINGS, type CsvScalingMethod } from '../../engine/data/csvSettings';
import { files } from '../api/lab';
import { setData, useDraft } from '../app/draftStore';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { defaultCsvDraft, type CsvDraft } from '../model/experiment';
import { FieldRow, TextField } from './FieldRow';

export function useCsvDraft(): [CsvDraft, (patch: Partial<CsvDraft>) => void] {
  const csv = useDraft((s) => s.data.csv) ?? defaultCsvDraft();
  return [csv, (patch) => setData({ csv: { ...csv, ...patch } })];
}

export function CsvSource({ error, testFractionError }: { error: string | null; testFractionError: string | null }) {
  const { t } = useI18n();
  const csvFile = useDraft((s) => s.data.csvFile) ?? '';
  const [csv, setCsv] = useCsvDraft();

  return (
    <>
      <div className="csv-source__file">
        <TextField
          id="form-csv-file"
          testId="form.field.csvFile"
          label={t('field.csvFile')}
          hint={files ? t('field.csvFile.hint') : t('field.csvFile.hintWeb')}
          error={error}
          value={csvFile}
          placeholder={t('field.csvFile.placeholder')}
          numeric={false}
          onChange={(text) => setData({ csvFile: text })}
        />
      </div>
      <div className="form__grid">
        <FieldRow id="form-csv-delimiter" label={t('csv.delimiter')}>
          {(describedBy) => (
            <select
              id="form-csv-delimiter"
              className="select"
              data-testid="form.csv.delimiter"
              value={csv.delimiter}
              aria-describedby={describedBy}
              onChange={(e) => setCsv({ delimiter: e.target.value as CsvDraft['delimiter'] })}
            >
              <option value="">{t('csv.detected')}</option>
              <option value=",">{t('csv.delimiter.comma')}</option>
              <option value=";">{t('csv.delimiter.semicolon')}</option>
              <option value={'\t'}>{t('csv.delimiter.tab')}</option>
            </select>
          )}
        </FieldRow>
        <FieldRow id="form-csv-header" label={t('csv.header')}>
          {(describedBy) => (
            <select
              id="form-csv-header"
              className="select"
              data-testid="form.csv.header"
              value={csv.header}
              aria-describedby={describedBy}
              onChange={(e) => setCsv({ header: e.target.value as CsvDraft['header'] })}
            >
              <option value="">{t('csv.detected')}</option>
              <option value="row">{t('csv.header.row')}</option>
              <option value="none">{t('csv.header.none')}</option>
              <option value="sklearn">{t('csv.header.sklearn')}</option>
            </select>
          )}
        </FieldRow>
        <FieldRow id="form-csv-scaling" label={t('csv.scaling')} hint={t('csv.scaling.hint')}>
          {(describedBy) => (
            <select
              id="form-csv-scaling"
              className="select"
              data-testid="form.csv.scaling"
              value={csv.scaling}
              aria-describedby={describedBy}
              onChange={(e) => setCsv({ scaling: e.target.value as CsvScalingMethod })}
            >
              {CSV_SCALINGS.map((method) => (
                <option key={method} value={method}>
                  {t(`csv.scaling.${method}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
        <TextField
          id="form-csv-test-fraction"
          testId="form.field.testFraction"
          label={t('field.testFraction')}
          aside={t('field.optional')}
          hint={t('field.testFraction.hint')}
          error={testFractionError}
          value={csv.testFraction}
          placeholder="0.2"
          onChange={(text) => setCsv({ testFraction: text })}
        />
      </div>
      <label className="lab-choice">
        <input type="checkbox" data-testid="form.csv.dropEmpty" checked={csv.dropEmpty} onChange={(e) => setCsv({ dropEmpty: e.target.checked })} />
        {t('csv.dropEmpty')}
      </label>
    </>
  );
}
