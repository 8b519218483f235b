// The data: the bundled MNIST digits, a folder of IDX files, or a toy set with its size and noise;
// optionally only the first N training samples (the book trains on 300 to show overfitting), and
// optionally the last N training samples held out as validation data, measured instead of the test split.

import { useEffect, useState } from 'react';
import type { DatasetInfo } from '../../main/api/contract';
import type { DataSettings } from '../../engine/experiment';
import { lab } from '../api/lab';
import { setData, setDatasetShape, setSourceKind, useAssembly, useDraft } from '../app/draftStore';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { describeProblem } from '../i18n/problems';
import { isFolderKind, isToy, sourceKinds, sourceOf, type SourceKind } from '../model/datasets';
import { parseFieldText } from '../model/fieldCheck';
import { dataFieldSpecs } from '../model/formFields';
import { DatasetPreview } from './DatasetPreview';
import { FieldRow, TextField } from './FieldRow';

let datasetList: Promise<DatasetInfo[]> | null = null;

function useDatasetInfo(source: string): DatasetInfo | undefined {
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
  return list.find((d) => d.source === source);
}

export function DatasetForm() {
  const { t, lang, num } = useI18n();
  const data = useDraft((s) => s.data);
  const fields = useAssembly().fields;
  const source = sourceOf(data.kind, data.idxFolder);
  const info = useDatasetInfo(source);
  const problem = (name: string) => (fields[name] ? describeProblem(lang, fields[name]) : null);

  // The preview needs only the source (and a toy set's size and noise) to be right.
  const toy = isToy(data.kind);
  const samples = parseFieldText(dataFieldSpecs.samples, data.samples);
  const noise = parseFieldText(dataFieldSpecs.noise, data.noise);
  let previewData: DataSettings | null = { source };
  if (isFolderKind(data.kind) && !data.idxFolder.trim()) previewData = null;
  if (toy) {
    previewData = samples.problem || noise.problem ? null : { source, samples: samples.value as number, noise: noise.value as number };
  }

  return (
    <div className="form" data-testid="form.data">
      <FieldRow id="form-dataset" label={t('data.source')} hint={t(`data.${data.kind}.description` as MessageKey)}>
        {(describedBy) => (
          <select id="form-dataset" className="select" data-testid="form.dataset" value={data.kind} aria-describedby={describedBy} onChange={(e) => setSourceKind(e.target.value as SourceKind)}>
            {sourceKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`data.${kind}.label` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </FieldRow>

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
          onChange={(idxFolder) => setData({ idxFolder })}
        />
      )}

      {toy && (
        <div className="form__grid">
          <TextField id="form-samples" testId="form.field.samples" label={t('field.samples')} hint={t('field.samples.hint')} error={problem('samples')} value={data.samples} onChange={(v) => setData({ samples: v })} />
          <TextField id="form-noise" testId="form.field.noise" label={t('field.noise')} hint={t('field.noise.hint')} error={problem('noise')} value={data.noise} onChange={(v) => setData({ noise: v })} />
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
        onChange={(v) => setData({ validation: v })}
      />

      <DatasetPreview data={previewData} onShape={setDatasetShape} />
    </div>
  );
}
