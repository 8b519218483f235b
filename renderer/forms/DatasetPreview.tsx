// A look at the data before training: a few digits drawn pixel by pixel, or a toy set's points
// coloured by class. Asks the house (lab.previewDataset) a moment after the settings stop changing.

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DatasetPreview as Preview } from '../../main/api/contract';
import type { DataSettings } from '../../engine/experiment';
import { lab } from '../api/lab';
import { errorText } from '../app/notices';
import { useI18n } from '../i18n/useI18n';
import { classLabel } from '../model/classNames';
import { CsvTablePreview } from './CsvTablePreview';
import { ImageFolderGrid } from './ImageFolderGrid';

const IMAGE_COUNT = 12;
const POINT_COUNT = 600;
const DEBOUNCE_MS = 300;

function drawImage(canvas: HTMLCanvasElement, x: number[], shape: number[]) {
  const [channels, height, width] = shape as [number, number, number];
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  const plane = width * height;
  for (let i = 0; i < plane; i++) {
    const v = (c: number) => Math.round(Math.min(1, Math.max(0, x[c * plane + i] ?? 0)) * 255);
    const [r, g, b] = channels >= 3 ? [v(0), v(1), v(2)] : [v(0), v(0), v(0)];
    image.data.set([r, g, b, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}

function drawPoints(canvas: HTMLCanvasElement, preview: Preview) {
  const size = 260;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = size * ratio;
  canvas.height = size * ratio;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.scale(ratio, ratio);
  const style = getComputedStyle(document.documentElement);
  const colour = (k: number) => style.getPropertyValue(`--series-${(k % 6) + 1}`).trim() || '#888';
  const xs = preview.samples.map((s) => s.x[0]!);
  const ys = preview.samples.map((s) => s.x[1]!);
  const extent = Math.max(1e-6, ...xs.map(Math.abs), ...ys.map(Math.abs)) * 1.1;
  const toPx = (v: number) => ((v + extent) / (2 * extent)) * size;
  context.strokeStyle = style.getPropertyValue('--border').trim() || '#ccc';
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(size / 2, 0);
  context.lineTo(size / 2, size);
  context.moveTo(0, size / 2);
  context.lineTo(size, size / 2);
  context.stroke();
  for (const sample of preview.samples) {
    context.fillStyle = colour(sample.label);
    context.globalAlpha = 0.85;
    context.beginPath();
    context.arc(toPx(sample.x[0]!), size - toPx(sample.x[1]!), 2.6, 0, Math.PI * 2);
    context.fill();
  }
}

export function Digit({ x, shape, label }: { x: number[]; shape: number[]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawImage(ref.current, x, shape);
  }, [x, shape]);
  return (
    <figure className="preview__digit">
      <canvas ref={ref} aria-hidden="true" />
      <figcaption className="mono">{label}</figcaption>
    </figure>
  );
}

function Points({ preview }: { preview: Preview }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawPoints(ref.current, preview);
  }, [preview]);
  return <canvas ref={ref} className="preview__points" aria-hidden="true" />;
}

interface DatasetPreviewProps {
  /** null while the data settings cannot be asked about (a field is wrong). */
  data: DataSettings | null;
  onShape: (input: number[], classes: number) => void;
  /** An image folder's shape as found (the defaults of its fields), or null for any other data. */
  onFound?: (found: number[] | null) => void;
}

export function DatasetPreview({ data, onShape, onFound }: DatasetPreviewProps) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<{ preview: Preview | null; error: string | null; loading: boolean }>({ preview: null, error: null, loading: false });
  const key = data ? JSON.stringify(data) : '';
  const onShapeRef = useRef(onShape);
  const onFoundRef = useRef(onFound);
  // Kept current after each commit (not during render) for the handlers and callbacks that read it later.
  useLayoutEffect(() => {
    onShapeRef.current = onShape;
    onFoundRef.current = onFound;
  });

  useEffect(() => {
    if (!key) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- clears the previous answer when the request changes, before the new one is asked for
      setState({ preview: null, error: null, loading: false });
      return;
    }
    let current = true;
    const settings = JSON.parse(key) as DataSettings;
    const toy = settings.samples !== undefined;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      lab
        .previewDataset(settings, toy ? Math.min(POINT_COUNT, settings.samples ?? POINT_COUNT) : IMAGE_COUNT)
        .then((preview) => {
          if (!current) return;
          setState({ preview, error: null, loading: false });
          // A table that cannot be trained on as set has no shape to follow yet.
          if (!preview.problem) onShapeRef.current(preview.inputShape, preview.classes);
          onFoundRef.current?.(preview.imageFolder?.found ?? null);
        })
        .catch((error: unknown) => current && setState({ preview: null, error: errorText(error), loading: false }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  const { preview, error, loading } = state;
  return (
    <div className="preview" data-testid="form.preview" aria-busy={loading}>
      <div className="preview__head">
        <span className="card__title">{t('data.preview')}</span>
        {preview && (
          <span className="preview__meta mono">
            {preview.inputShape.join('×')} · {t('data.classes', { count: preview.classes })}
          </span>
        )}
      </div>
      {error ? (
        <p className="field__error" data-testid="form.preview.error">
          {error}
        </p>
      ) : !preview ? (
        <div className="preview__placeholder">{data ? t('data.loading') : t('data.fixFirst')}</div>
      ) : preview.table ? (
        <div className={loading ? 'preview--stale' : undefined}>
          <CsvTablePreview table={preview.table} problem={preview.problem} />
        </div>
      ) : preview.imageFolder ? (
        <div className={loading ? 'preview--stale' : undefined}>
          <ImageFolderGrid preview={preview} folder={preview.imageFolder} />
        </div>
      ) : preview.inputShape.length === 3 ? (
        <div className={`preview__digits${loading ? ' preview--stale' : ''}`}>
          {preview.samples.map((sample, i) => (
            <Digit key={i} x={sample.x} shape={preview.inputShape} label={classLabel(lang, preview.classNames, sample.label)} />
          ))}
        </div>
      ) : (
        <div className={loading ? 'preview--stale' : undefined}>
          <Points preview={preview} />
        </div>
      )}
    </div>
  );
}
