// An image folder's colours and size: left empty they are what the folder holds (the preview says what
// it found: the most common size, grey when every image is grey); set, every image is made so.

import { setData, useDraft } from '../app/draftStore';
import { useI18n } from '../i18n/useI18n';
import type { DataDraft } from '../model/experiment';
import { FieldRow, TextField } from './FieldRow';

interface ImageOptionsProps {
  /** [channels, height, width] as the folder holds them, once the preview has said. */
  found: number[] | null;
  widthError: string | null;
  heightError: string | null;
}

export function ImageOptions({ found, widthError, heightError }: ImageOptionsProps) {
  const { t } = useI18n();
  const data = useDraft((s) => s.data);
  const [channels, height, width] = found ?? [];
  const colours = channels === undefined ? '' : t(channels === 1 ? 'images.grey' : 'images.colour');
  return (
    <div className="form__grid" data-testid="form.images">
      <FieldRow id="form-image-channels" label={t('field.channels')} hint={t('field.channels.hint')}>
        {(describedBy) => (
          <select
            id="form-image-channels"
            className="select"
            data-testid="form.field.channels"
            value={data.imageChannels ?? ''}
            aria-describedby={describedBy}
            onChange={(e) => setData({ imageChannels: e.target.value as DataDraft['imageChannels'] })}
          >
            <option value="">{t('images.channels.found', { colours: colours || '…' })}</option>
            <option value="1">{t('images.channels.grey')}</option>
            <option value="3">{t('images.channels.rgb')}</option>
          </select>
        )}
      </FieldRow>
      <TextField
        id="form-image-width"
        testId="form.field.width"
        label={t('field.width')}
        aside={t('field.optional')}
        hint={t('field.width.hint')}
        error={widthError}
        value={data.imageWidth ?? ''}
        placeholder={width === undefined ? '' : String(width)}
        onChange={(imageWidth) => setData({ imageWidth })}
      />
      <TextField
        id="form-image-height"
        testId="form.field.height"
        label={t('field.height')}
        aside={t('field.optional')}
        hint={t('field.height.hint')}
        error={heightError}
        value={data.imageHeight ?? ''}
        placeholder={height === undefined ? '' : String(height)}
        onChange={(imageHeight) => setData({ imageHeight })}
      />
      {found && (
        <p className="field__hint form__grid-wide" data-testid="form.images.found">
          {t('images.found', { width: width ?? 0, height: height ?? 0, colours })}
        </p>
      )}
    </div>
  );
}
