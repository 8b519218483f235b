// "Your data…": one door to a CSV file or a folder of images. In the desktop app it is the native dialog
// (main's chooseYourData) and the path is read in place; in a browser, where a file has no path, a file
// input for a table and one for a folder, whose files are uploaded within the caps (yourData.ts).

import { useRef, useState } from 'react';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../../main/api/constants';
import { files, lab } from '../api/lab';
import { errorText, notify } from '../app/notices';
import { useLocked } from '../app/packLock';
import { useI18n } from '../i18n/useI18n';
import { pickedFiles, uploadPicked, takeSource } from './yourData';

/** Runs one taking of data at a time, telling the learner when it fails; true while one is under way. */
export function useTakeData(): [boolean, (take: () => Promise<string | null>) => void] {
  const [busy, setBusy] = useState(false);
  const run = (take: () => Promise<string | null>) => {
    setBusy(true);
    take()
      .then((source) => source !== null && takeSource(source))
      .catch((error: unknown) => notify('error', errorText(error)))
      .finally(() => setBusy(false));
  };
  return [busy, run];
}

export function YourData() {
  const { t, num } = useI18n();
  const [busy, take] = useTakeData();
  // An assignment pack that locks the data source leaves no door to other data.
  const locked = useLocked('data.source');
  const table = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);

  if (files) {
    const native = files;
    const choose = () =>
      take(async () => {
        const path = await native.chooseYourData();
        return path === null ? null : lab.sourceOfPath(path);
      });
    return (
      <div className="your-data">
        <button type="button" className="btn" data-testid="form.yourData" disabled={busy || locked} onClick={choose}>
          {t('yourData.choose')}
        </button>
        <span className="field__hint">{t('yourData.hint')}</span>
      </div>
    );
  }

  const picked = (input: HTMLInputElement | null) => {
    const list = input?.files;
    if (!list || list.length === 0) return;
    const chosen = pickedFiles(list);
    input.value = '';
    take(() => uploadPicked(chosen));
  };
  return (
    <div className="your-data" aria-busy={busy}>
      <button type="button" className="btn" data-testid="form.yourData.csv" disabled={busy || locked} onClick={() => table.current?.click()}>
        {t('yourData.chooseTable')}
      </button>
      <button type="button" className="btn" data-testid="form.yourData.folder" disabled={busy || locked} onClick={() => folder.current?.click()}>
        {t('yourData.chooseFolder')}
      </button>
      <input ref={table} type="file" hidden accept=".csv,.tsv,.txt" data-testid="form.yourData.csv.file" onChange={(e) => picked(e.currentTarget)} />
      <input
        ref={(el) => {
          folder.current = el;
          // React has no prop for it: the input picks a folder (every file under it, with its relative path).
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        multiple
        data-testid="form.yourData.folder.files"
        onChange={(e) => picked(e.currentTarget)}
      />
      <span className="field__hint">
        {busy ? t('yourData.uploading') : t('yourData.hintWeb', { files: num(UPLOAD_MAX_FILES), mb: UPLOAD_MAX_BYTES / 2 ** 20 })}
      </span>
    </div>
  );
}
