// An RGBA image drawn on a canvas at its own resolution and shown enlarged with crisp pixels.

import { memo, useEffect, useRef } from 'react';
import type { RgbaImage } from './imageData';

export interface PixelImageProps {
  image: RgbaImage;
  /** Displayed size in CSS pixels (the longer side). */
  size: number;
  title?: string;
  className?: string;
}

export const PixelImage = memo(function PixelImage({ image, size, title, className }: PixelImageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  const scale = size / Math.max(image.width, image.height);
  return (
    <canvas
      ref={canvas}
      className={`pg-pixels ${className ?? ''}`}
      width={image.width}
      height={image.height}
      style={{ width: image.width * scale, height: image.height * scale }}
      title={title}
      role="img"
      aria-label={title}
    />
  );
});
