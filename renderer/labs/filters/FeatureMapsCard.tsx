// The feature maps of one image (book §7.6): the image chosen from a few of the data set's, passed
// through the first layer with the weights before or after training, shown as the convolution's
// output, after ReLU, or after ReLU and pooling — one picture per filter.

import { useMemo } from 'react';
import type { FeatureMaps, MapStage } from '../../../engine/labs/filtersNetwork';
import type { DatasetPreview } from '../../../main/api/contract';
import { PixelImage } from '../../charts/PixelImage';
import { sampleImage } from '../../charts/imageData';
import type { I18n } from '../../i18n/useI18n';
import { FilterGallery } from './FilterGallery';
import { mapPictures, rangeOf } from './filtersData';
import type { FiltersKey } from './text';

export type WeightsChoice = 'before' | 'after';

export interface FeatureMapsCardProps {
  preview: DatasetPreview;
  image: number;
  onImage: (index: number) => void;
  maps: FeatureMaps;
  stage: MapStage;
  stages: MapStage[];
  onStage: (stage: MapStage) => void;
  weights: WeightsChoice;
  onWeights: (w: WeightsChoice) => void;
  names: { weights: string; bias: string };
  selected: number;
  onSelect: (index: number) => void;
  text: I18n<FiltersKey>;
}

export function FeatureMapsCard(props: FeatureMapsCardProps) {
  const { preview, image, onImage, maps, stage, stages, onStage, weights, onWeights, names, selected, onSelect, text } = props;
  const { t, num } = text;
  const thumbnails = useMemo(() => preview.samples.map((s) => sampleImage(s.x, preview.inputShape)), [preview]);
  const pictures = useMemo(() => mapPictures(maps), [maps]);
  const [count, h, w] = maps.shape;
  const titleOf = (i: number) => {
    const [lo, hi] = rangeOf(maps.data, i, h * w);
    return `${t('filterNumber', { n: i + 1 })} · ${t('mapRange', { lo: num(lo, 3), hi: num(hi, 3) })}`;
  };
  return (
    <section className="pg-card" data-testid="lab.filters.maps">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('mapsTitle')}</h3>
          <p className="pg-card-sub">{t('mapsSub', { weights: names.weights, bias: names.bias })}</p>
        </div>
      </header>
      <p className="muted fl-note">{t('imagesFrom', { source: preview.source === 'mnist' ? 'MNIST' : preview.source })}</p>
      <ul className="fl-images" data-testid="lab.filters.images">
        {thumbnails.map((thumb, i) =>
          thumb ? (
            <li key={i}>
              <button
                type="button"
                className={`fl-pick${i === image ? ' fl-pick--on' : ''}`}
                aria-pressed={i === image}
                onClick={() => onImage(i)}
                data-testid={`lab.filters.image.${i}`}
              >
                <PixelImage
                  image={thumb}
                  size={44}
                  title={t('label', { label: preview.classNames?.[preview.samples[i]!.label] ?? preview.samples[i]!.label })}
                />
              </button>
            </li>
          ) : null,
        )}
      </ul>
      <div className="lab-controls">
        <label className="pg-field">
          <span>{t('weights')}</span>
          <select value={weights} onChange={(e) => onWeights(e.target.value === 'before' ? 'before' : 'after')} data-testid="lab.filters.mapWeights">
            <option value="after">{t('after')}</option>
            <option value="before">{t('before')}</option>
          </select>
        </label>
        <label className="pg-field">
          <span>{t('stage')}</span>
          <select value={stage} onChange={(e) => onStage(e.target.value as MapStage)} data-testid="lab.filters.stage">
            {stages.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted fl-note" data-testid="lab.filters.maps.shape">
          {t('mapsShape', { count, h, w })}
        </p>
      </div>
      <FilterGallery
        pictures={pictures}
        testId="lab.filters.map"
        size={Math.max(48, Math.min(72, w * 3))}
        titleOf={titleOf}
        selected={selected}
        onSelect={onSelect}
      />
    </section>
  );
}
