// Drop a CSV file or a folder of images anywhere on the Build page to make it the data: while a file is
// dragged over the window the page shows where it goes; on drop the data tab comes forward with it.
// Only drags that carry files are taken: the builder's own layer drags pass by untouched.

import { useEffect, useRef, useState } from 'react';
import { lab } from '../api/lab';
import { showDataTab } from '../builder/Inspector';
import { useI18n } from '../i18n/useI18n';
import { useTakeData } from './YourData';
import { desktopPathOf, droppedFiles, uploadPicked } from './yourData';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function DataDropZone() {
  const { t } = useI18n();
  const [over, setOver] = useState(false);
  const [busy, take] = useTakeData();
  const depth = useRef(0);
  const takeRef = useRef(take);
  useEffect(() => {
    takeRef.current = take;
  });

  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setOver(true);
    };
    const overWindow = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would open the dropped file in place of the lab.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (event: DragEvent) => {
      const transfer = event.dataTransfer;
      if (!transfer || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      showDataTab();
      // Both are read now: the browser empties the DataTransfer once the event is over.
      const path = desktopPathOf(transfer);
      const walk = droppedFiles(transfer);
      takeRef.current(async () => (path !== null ? lab.sourceOfPath(path) : uploadPicked(await walk())));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!over && !busy) return null;
  return (
    <div className={`data-drop${over ? ' data-drop--over' : ''}`} data-testid={over ? 'data.dropTarget' : 'data.dropBusy'} role="status">
      <div className="data-drop__box">{over ? t('yourData.dropHere') : t('yourData.uploading')}</div>
    </div>
  );
}
