// Opening and saving experiment files (*.dlab.json). In the app: the system's own dialogs. In a browser:
// a file picker, and a download.

import { useRef } from 'react';
import type { Experiment } from '../../engine/experiment';
import { files } from '../api/lab';
import { openExperimentText } from '../app/experimentActions';
import { OpenIcon, SaveIcon } from '../app/Icons';
import { errorText, notify } from '../app/notices';
import { useI18n } from '../i18n/useI18n';
import { experimentFileName, experimentText } from '../model/experiment';

const MAX_BYTES = 5 * 1024 * 1024;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExperimentFiles({ experiment }: { experiment: Experiment | null }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);

  const open = async () => {
    if (!files) {
      input.current?.click();
      return;
    }
    try {
      const file = await files.openTextFile('experiment');
      if (file) openExperimentText(file.text, file.name);
    } catch (error) {
      notify('error', t('file.openFailed', { name: '' }), errorText(error));
    }
  };

  const onPicked = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      notify('error', t('file.openFailed', { name: file.name }), t('file.tooLarge', { mb: 5 }));
      return;
    }
    openExperimentText(await file.text(), file.name);
  };

  const save = async () => {
    if (!experiment) return;
    const name = experimentFileName(experiment.name ?? '');
    const text = experimentText(experiment);
    try {
      if (files) {
        const path = await files.saveTextFile('experiment', name, text);
        if (path) notify('success', t('file.saved'), path);
      } else {
        download(name, text);
        notify('success', t('file.downloaded'), name);
      }
    } catch (error) {
      notify('error', t('file.saveFailed'), errorText(error));
    }
  };

  return (
    <>
      <button type="button" className="btn" data-testid="file.open" onClick={() => void open()}>
        <OpenIcon size={17} />
        {t('file.open')}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="file.save"
        disabled={!experiment}
        title={experiment ? undefined : t('file.saveDisabled')}
        onClick={() => void save()}
      >
        <SaveIcon size={17} />
        {t('file.save')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file.open.input"
        onChange={(e) => void onPicked(e.target.files?.[0])}
      />
    </>
  );
}
