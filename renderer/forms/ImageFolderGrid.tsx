// A folder of images at a glance: a row of a few images per class, each row headed by the class's name
// and how many images it has for training and for test, so an unbalanced folder shows at once.

import type { DatasetPreview, ImageFolderPreview } from '../../main/api/contract';
import { useI18n } from '../i18n/useI18n';
import { classLabel } from '../model/classNames';
import { Digit } from './DatasetPreview';

export function ImageFolderGrid({ preview, folder }: { preview: DatasetPreview; folder: ImageFolderPreview }) {
  const { t, lang, num } = useI18n();
  const shown = new Set(preview.samples.map((s) => s.label));
  const most = Math.max(1, ...folder.classes.map((c) => c.train + c.test));
  const hidden = folder.classes.length - shown.size;
  return (
    <div className="image-grid" data-testid="form.preview.images">
      <span className="image-grid__title">{t('images.balance')}</span>
      {folder.classes.map((counts, label) => (
        <div key={label} className="image-grid__class" data-testid={`form.preview.class.${label}`}>
          <div className="image-grid__head">
            <span className="image-grid__name">{classLabel(lang, preview.classNames, label)}</span>
            <span className="mono image-grid__count" data-testid={`form.preview.class.${label}.count`}>
              {t('images.count', { train: num(counts.train), test: num(counts.test) })}
            </span>
            <span className="image-grid__bar" aria-hidden="true" style={{ width: `${((counts.train + counts.test) / most) * 100}%` }} />
          </div>
          {shown.has(label) && (
            <div className="image-grid__images">
              {preview.samples
                .filter((s) => s.label === label)
                .map((sample, i) => (
                  <Digit key={i} x={sample.x} shape={folder.sampleShape} label="" />
                ))}
            </div>
          )}
        </div>
      ))}
      {hidden > 0 && <p className="field__hint">{t('images.more', { count: hidden })}</p>}
    </div>
  );
}
