// The draw pad's counterpart for image datasets that are not 28×28 digits: pick an image (or drop one on
// the card), see it stretched to the dataset's size and colours, and the trained network's guess for
// each class — run here in the window on the run's weights, as the draw pad does.

import { useState, type DragEvent } from 'react';
import { Tensor } from '../../engine/tensor';
import type { LoadedWeights } from '../../engine/weights';
import { ChartCard } from '../charts/ChartCard';
import { inputFromRgba } from '../charts/imageInput';
import { useI18n } from '../i18n/useI18n';
import { classLabel } from '../model/classNames';

interface ImagePadProps {
  loaded: LoadedWeights | null;
  /** The network's input: [channels, height, width]. */
  input: readonly number[];
  classNames: readonly string[] | undefined;
}

export function ImagePad({ loaded, input, classNames }: ImagePadProps) {
  const { t, lang } = useI18n();
  const [channels, height, width] = input as [number, number, number];
  const [seen, setSeen] = useState<string | null>(null);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const colours = t(channels === 1 ? 'images.grey' : 'images.colour');

  async function take(file: File | undefined): Promise<void> {
    if (!file || !loaded) return;
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      setProblem(t('drawpad.imageUnreadable', { name: file.name }));
      return;
    }
    // Stretched to the dataset's size, as the loader stretches every image (aspect ratio not kept).
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const pixels = context.getImageData(0, 0, width, height).data;
    const x = inputFromRgba(pixels, width, height, channels === 1 ? 1 : 3);
    if (channels === 1) {
      // What the network sees: the grey values drawn back.
      const grey = context.createImageData(width, height);
      for (let i = 0; i < width * height; i++) grey.data.set([x[i]! * 255, x[i]! * 255, x[i]! * 255, 255], i * 4);
      context.putImageData(grey, 0, 0);
    }
    setSeen(canvas.toDataURL());
    setProblem(null);
    setProbabilities(Array.from(loaded.network.probabilities(Tensor.from([1, channels, height, width], x)).data));
  }

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    void take(event.dataTransfer.files[0]);
  };
  const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  const classes = probabilities?.length ?? classNames?.length ?? 0;
  return (
    <ChartCard title={t('drawpad.imageTitle')} subtitle={t('drawpad.imageHint', { width, height, colours })} testId="dashboard.imagepad">
      <div className="pg-drawpad">
        <div
          className="pg-drawpad-left pg-imagepad-drop"
          data-testid="dashboard.imagepad.drop"
          onDragOver={(event) => {
            event.preventDefault();
            event.stopPropagation();
          }}
          onDrop={drop}
        >
          {seen ? (
            <img className="pg-imagepad-seen" src={seen} alt={t('dashboard.drawpad.seen')} data-testid="dashboard.imagepad.seen" />
          ) : (
            <span className="muted">{t('drawpad.imageDrop')}</span>
          )}
          <label className="btn btn--small">
            {t('drawpad.imagePick')}
            <input
              type="file"
              hidden
              accept="image/png,image/jpeg,image/gif"
              data-testid="dashboard.imagepad.file"
              disabled={!loaded}
              onChange={(event) => {
                void take(event.currentTarget.files?.[0]);
                event.currentTarget.value = '';
              }}
            />
          </label>
        </div>
        <ol className="pg-probabilities" data-testid="dashboard.imagepad.probabilities" aria-live="polite">
          {Array.from({ length: classes }, (_, k) => {
            const p = probabilities?.[k] ?? 0;
            return (
              <li key={k} className={k === best ? 'is-best' : undefined} data-testid={`dashboard.imagepad.probabilities.${k}`} data-value={p.toFixed(4)}>
                <span className="pg-prob-digit">{classLabel(lang, classNames, k)}</span>
                <span className="pg-prob-bar">
                  <span style={{ transform: `scaleX(${p})` }} />
                </span>
                <span className="pg-prob-value">{probabilities ? `${(p * 100).toFixed(1)}%` : '—'}</span>
              </li>
            );
          })}
        </ol>
      </div>
      {problem && (
        <p className="field__error" data-testid="dashboard.imagepad.error">
          {problem}
        </p>
      )}
    </ChartCard>
  );
}
