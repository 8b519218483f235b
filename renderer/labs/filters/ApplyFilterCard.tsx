// One learned filter applied to one image, as three pictures side by side: input ⊛ filter + b = the
// feature map — the convolution of the explorer, at the size of a real image.

import { useMemo } from 'react';
import type { FeatureMaps } from '../../../engine/labs/filtersNetwork';
import type { Tensor } from '../../../engine/tensor';
import { PixelImage } from '../../charts/PixelImage';
import { sampleImage } from '../../charts/imageData';
import type { I18n } from '../../i18n/useI18n';
import { filterPictures, mapPictures } from './filtersData';
import type { FiltersKey } from './text';

export interface ApplyFilterCardProps {
  image: ArrayLike<number>;
  inputShape: readonly number[];
  W: Tensor;
  /** The convolution's output (before ReLU): map `filter` is input ⊛ filter + b. */
  maps: FeatureMaps;
  filter: number;
  text: I18n<FiltersKey>;
}

export function ApplyFilterCard({ image, inputShape, W, maps, filter, text }: ApplyFilterCardProps) {
  const { t } = text;
  const input = useMemo(() => sampleImage(image, inputShape), [image, inputShape]);
  const filterPicture = useMemo(() => filterPictures(W.shape, W.data)[filter]!, [W, filter]);
  const output = useMemo(() => mapPictures(maps)[filter]!, [maps, filter]);
  const [, h, w] = maps.shape;
  const k = W.shape[2]!;
  const n = filter + 1;
  return (
    <section className="pg-card" data-testid="lab.filters.apply">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('applyTitle')}</h3>
          <p className="pg-card-sub">{t('applySub', { n })}</p>
        </div>
      </header>
      <div className="fl-apply">
        {input ? (
          <figure data-testid="lab.filters.apply.input">
            <PixelImage image={input} size={168} />
            <figcaption>{t('applyInput', { h: inputShape[1]!, w: inputShape[2]! })}</figcaption>
          </figure>
        ) : null}
        <span className="fl-op">⊛</span>
        <figure data-testid="lab.filters.apply.filter">
          <PixelImage image={filterPicture} size={168} />
          <figcaption>{t('applyFilter', { n, k })}</figcaption>
        </figure>
        <span className="fl-op">=</span>
        <figure data-testid="lab.filters.apply.output">
          <PixelImage image={output} size={168} />
          <figcaption>{t('applyOutput', { n, h, w })}</figcaption>
        </figure>
      </div>
    </section>
  );
}
