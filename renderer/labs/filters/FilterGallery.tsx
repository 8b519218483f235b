// A grid of small pictures — filters or feature maps — each one a button when the lab lets the
// learner pick one. Test ids: `<testId>.<index>`.

import { memo } from 'react';
import { PixelImage } from '../../charts/PixelImage';
import type { RgbaImage } from '../../charts/imageData';

export interface FilterGalleryProps {
  pictures: readonly RgbaImage[];
  testId: string;
  /** Displayed size of each picture, CSS pixels. */
  size: number;
  titleOf: (index: number) => string;
  selected?: number;
  onSelect?: (index: number) => void;
}

export const FilterGallery = memo(function FilterGallery({ pictures, testId, size, titleOf, selected, onSelect }: FilterGalleryProps) {
  return (
    <ul className="fl-gallery" data-testid={testId} style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${size + 8}px, 1fr))` }}>
      {pictures.map((image, i) => (
        <li key={i}>
          {onSelect ? (
            <button
              type="button"
              className={`fl-pick${selected === i ? ' fl-pick--on' : ''}`}
              onClick={() => onSelect(i)}
              aria-pressed={selected === i}
              data-testid={`${testId}.${i}`}
            >
              <PixelImage image={image} size={size} title={titleOf(i)} />
            </button>
          ) : (
            <div className="fl-pick" data-testid={`${testId}.${i}`}>
              <PixelImage image={image} size={size} title={titleOf(i)} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
});
