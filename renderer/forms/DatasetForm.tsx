// The data: the bundled MNIST digits, a folder of IDX files, or a toy set with its size and noise;
// optionally only the first N training samples (the book trains on 300 to show overfitting), and
// optionally the last N training samples held out as validation data, measured instead of the test split.
// The datasets the house finds on this computer (Debian's Fashion-MNIST…) are offered by name; your own
// data (a CSV file, a folder of images or of IDX files) comes through "Your data…" or a drop onto the
// page, or is typed. An image folder's colours and size are fields, shown with what the folder holds.

import { useEffect, useState } from 'react';
import type { DatasetInfo } from '../../main/api/contract';
import type { DataSettings } from '../../engine/experiment';
import { lab } from '../api/lab';
import { setData, setDatasetShape, setSourceKind, useAssembly, useDraft } from '../app/draftStore';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { describeProblem } from '../i18n/problems';
import { classNameText, areDigits } from '../model/classNames';
import { IDX_PREFIX, isFolderKind, isToy, sourceKinds, sourceOf, type SourceKind } from '../model/datasets';
import { parseFieldText } from '../model/fieldCheck';
import { dataFieldSpecs } from '../model/formFields';
import type { DataDraft } from '../model/experiment';
import { CsvSource } from './CsvSource';
import { DatasetPreview } from './DatasetPreview';
import { csvSettingsOf } from '../model/experiment';
import { FieldRow, TextField } from './FieldRow';
import { ImageOptions } from './ImageOptions';
import { YourData } from './YourData';

let datasetList: Promise<DatasetInfo[]> | null = null;

/** Every dataset the house lists (the bundled digits, the toy sets, what it found on this computer). */
function useDatasetList(): DatasetInfo[] {
  const [list, setList] = useState<DatasetInfo[]>([]);
  useEffect(() => {
    datasetList ??= lab.listDatasets().catch(() => {
      datasetList = null;
      return [];
    });
    let current = true;
    void datasetList.then((l) => current && setList(l));
    return () => {
      current = false;
    };
  }, []);
  return list;
}

/** The select's value for a dataset found on this computer. */
const FOUND = 'found:';

/** How a found folder is named in the picker: Fashion-MNIST by name, any other by its folder. */
function foundName(source: string): string {
  const folder = source.slice(IDX_PREFIX.length).replace(/[\\/]+$/, '');
  const base = folder.split(/[\\/]/).pop() ?? folder;
  return /fashion/i.test(base) ? 'Fashion-MNIST' : base;
}

/** An image folder's chosen colours and size for the preview, or null while a typed size is not a size. */
function imagePreviewOptions(data: DataDraft): Pick<DataSettings, 'channels' | 'width' | 'height'> | null {
  const options: Pick<DataSettings, 'channels' | 'width' | 'height'> = {};
  if (data.imageChannels) options.channels = Number(data.imageChannels);
  for (const [key, text] of [
    ['width', data.imageWidth],
    ['height', data.imageHeight],
  ] as const) {
    const parsed = parseFieldText(dataFieldSpecs[key], text ?? '');
    if (parsed.problem) return null;
    if (typeof parsed.value === 'number') options[key] = parsed.value;
  }
  return options;
}

export function DatasetForm() {
  const { t, lang, num } = useI18n();
  const data = useDraft((s) => s.data);
  const fields = useAssembly().fields;
  const source = sourceOf(data.kind, data.idxFolder, data.csvFile);
  const list = useDatasetList();
  const info = list.find((d) => d.source === source);
  const found = list.filter((d) => d.source.startsWith(IDX_PREFIX));
  const selected = data.kind === 'idx' && found.some((d) => d.source === source) ? FOUND + source : data.kind;
  const choose = (value: string) => {
    if (!value.startsWith(FOUND)) return setSourceKind(value as SourceKind);
    setSourceKind('idx');
    setData({ idxFolder: value.slice(FOUND.length + IDX_PREFIX.length) });
  };
  const [foundShape, setFoundShape] = useState<number[] | null>(null);
  const namedClasses = info?.classNames && !areDigits(info.classNames) ? info.classNames : null;
  const problem = (name: string) => (fields[name] ? describeProblem(lang, fields[name]) : null);

  // The preview needs only the source (and a toy set's size and noise) to be right.
  const toy = isToy(data.kind);
  const samples = parseFieldText(dataFieldSpecs.samples, data.samples);
  const noise = parseFieldText(dataFieldSpecs.noise, data.noise);
  let previewData: DataSettings | null = { source };
  if (isFolderKind(data.kind) && !data.idxFolder.trim()) previewData = null;
  if (data.kind === 'images' && previewData) {
    const image = imagePreviewOptions(data);
    previewData = image === null ? null : { ...previewData, ...image };
  }
  if (data.kind === 'csv') {
    const csv = csvSettingsOf(data.csv);
    previewData = !data.csvFile?.trim() || fields.testFraction ? null : { source, ...(csv ? { csv } : {}) };
  }
  if (toy) {
    previewData = samples.problem || noise.problem ? null : { source, samples: samples.value as number, noise: noise.value as number };
  }

  return (
    <div className="form" data-testid="form.data">
      <FieldRow id="form-dataset" label={t('data.source')} hint={t(`data.${data.kind}.description` as MessageKey)} lockPath="data.source">
        {(describedBy, locked) => (
          <select
            id="form-dataset"
            className="select"
            data-testid="form.dataset"
            value={selected}
            disabled={locked}
            aria-describedby={describedBy}
            onChange={(e) => choose(e.target.value)}
          >
            {sourceKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`data.${kind}.label` as MessageKey)}
              </option>
            ))}
            {found.length > 0 && (
              <optgroup label={t('data.found')}>
                {found.map((d) => (
                  <option key={d.source} value={FOUND + d.source} title={d.source.slice(IDX_PREFIX.length)}>
                    {t('data.foundOption', { name: foundName(d.source), folder: d.source.slice(IDX_PREFIX.length) })}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        )}
      </FieldRow>

      <YourData />

      {info && (
        <dl className="form__facts">
          <div>
            <dt>{t('data.train')}</dt>
            <dd className="mono">{num(info.train)}</dd>
          </div>
          <div>
            <dt>{t('data.test')}</dt>
            <dd className="mono">{num(info.test)}</dd>
          </div>
          <div>
            <dt>{t('data.classesLabel')}</dt>
            <dd className="mono">{num(info.classes)}</dd>
          </div>
          {namedClasses && (
            <div className="form__facts-wide">
              <dt>{t('data.classNames')}</dt>
              <dd data-testid="form.data.classNames">{namedClasses.map((name) => classNameText(lang, name)).join(', ')}</dd>
            </div>
          )}
        </dl>
      )}

      {isFolderKind(data.kind) && (
        <TextField
          id="form-idx-folder"
          testId="form.field.idxFolder"
          label={t(data.kind === 'images' ? 'field.imagesFolder' : 'field.idxFolder')}
          hint={t(data.kind === 'images' ? 'field.imagesFolder.hint' : 'field.idxFolder.hint')}
          error={problem('idxFolder')}
          value={data.idxFolder}
          placeholder={t(data.kind === 'images' ? 'field.imagesFolder.placeholder' : 'field.idxFolder.placeholder')}
          numeric={false}
          lockPath="data.source"
          onChange={(idxFolder) => setData({ idxFolder })}
        />
      )}
      {data.kind === 'images' && <ImageOptions found={foundShape} widthError={problem('width')} heightError={problem('height')} />}

      {data.kind === 'csv' && <CsvSource error={problem('csvFile')} testFractionError={problem('testFraction')} />}

      {toy && (
        <div className="form__grid">
          <TextField
            id="form-samples"
            testId="form.field.samples"
            label={t('field.samples')}
            hint={t('field.samples.hint')}
            error={problem('samples')}
            value={data.samples}
            lockPath="data.samples"
            onChange={(v) => setData({ samples: v })}
          />
          <TextField
            id="form-noise"
            testId="form.field.noise"
            label={t('field.noise')}
            hint={t('field.noise.hint')}
            error={problem('noise')}
            value={data.noise}
            lockPath="data.noise"
            onChange={(v) => setData({ noise: v })}
          />
        </div>
      )}

      <TextField
        id="form-train-limit"
        testId="form.field.trainLimit"
        label={t('field.trainLimit')}
        aside={t('field.optional')}
        hint={t('field.trainLimit.hint')}
        error={problem('trainLimit')}
        value={data.trainLimit}
        placeholder={t('field.trainLimit.placeholder')}
        lockPath="data.trainLimit"
        onChange={(v) => setData({ trainLimit: v })}
      />

      <TextField
        id="form-validation"
        testId="form.field.validation"
        label={t('field.validation')}
        aside={t('field.optional')}
        hint={t('field.validation.hint')}
        error={problem('validation')}
        value={data.validation ?? ''}
        placeholder={t('field.validation.placeholder')}
        lockPath="data.validation"
        onChange={(v) => setData({ validation: v })}
      />

      <DatasetPreview data={previewData} onShape={setDatasetShape} onFound={setFoundShape} />
    </div>
  );
}
