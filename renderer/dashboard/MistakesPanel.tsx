// Images the trained network gets wrong, with the label and its guess. The lab's API hands out sample
// images only through previewDataset (the first training images), so the gallery is drawn from those,
// predicted here by the engine on the run's weights.

import { useEffect, useState } from 'react';
import type { DatasetPreview } from '../../main/api/contract';
import type { DataSettings } from '../../engine/experiment';
import { Tensor } from '../../engine/tensor';
import type { LoadedWeights } from '../../engine/weights';
import { lab } from '../api/lab';
import { ChartCard } from '../charts/ChartCard';
import { sampleImage, type RgbaImage } from '../charts/imageData';
import { PixelImage } from '../charts/PixelImage';
import { useText } from '../live/useText';

const SAMPLES = 64;

interface Mistake {
  image: RgbaImage;
  label: number;
  predicted: number;
  probability: number;
}

/** Samples per forward pass: a few milliseconds each, so the window stays responsive between them. */
const CHUNK = 8;

/** Predicts every sample, a small batch per task, and keeps the ones the network gets wrong. */
export async function classify(loaded: LoadedWeights, preview: DatasetPreview, cancelled: () => boolean): Promise<{ mistakes: Mistake[]; checked: number }> {
  const size = preview.inputShape.reduce((a, b) => a * b, 1);
  const mistakes: Mistake[] = [];
  for (let from = 0; from < preview.samples.length && !cancelled(); from += CHUNK) {
    const batch = preview.samples.slice(from, from + CHUNK);
    const x = Tensor.zeros([batch.length, ...preview.inputShape]);
    batch.forEach((s, i) => x.data.set(s.x.slice(0, size), i * size));
    const y = loaded.network.probabilities(x);
    const classes = y.cols;
    batch.forEach((s, i) => {
      let best = 0;
      for (let j = 1; j < classes; j++) if (y.data[i * classes + j] > y.data[i * classes + best]) best = j;
      const image = sampleImage(s.x, preview.inputShape);
      if (best !== s.label && image) mistakes.push({ image, label: s.label, predicted: best, probability: y.data[i * classes + best] });
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { mistakes, checked: preview.samples.length };
}

export function MistakesPanel({ loaded, data }: { loaded: LoadedWeights | null; data: DataSettings }) {
  const { t } = useText();
  const [result, setResult] = useState<{ mistakes: Mistake[]; checked: number; names?: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    lab
      .previewDataset(data, SAMPLES)
      .then(async (preview) => {
        if (cancelled) return;
        if (preview.inputShape.length !== 3) return setError(t('dashboard.mistakes.notImages'));
        const found = await classify(loaded, preview, () => cancelled);
        if (!cancelled) setResult({ ...found, names: preview.classNames });
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [loaded, data, t]);
  const name = (i: number) => result?.names?.[i] ?? String(i);
  return (
    <ChartCard
      title={t('dashboard.mistakes.title')}
      subtitle={
        !result ? t('dashboard.mistakes.measuring') : result.mistakes.length ? t('dashboard.mistakes.subtitle', { wrong: result.mistakes.length, checked: result.checked }) : undefined
      }
      testId="dashboard.mistakes"
    >
      {error && <p className="muted pg-panel-note">{error}</p>}
      {!result && !error && <div className="pg-skeleton pg-skeleton-block" />}
      {result && result.mistakes.length === 0 && <p className="muted pg-panel-note">{t('dashboard.mistakes.none', { checked: result.checked })}</p>}
      {result && result.mistakes.length > 0 && (
        <ul className="pg-mistakes">
          {result.mistakes.map((m, i) => (
            <li key={i} data-testid={`dashboard.mistakes.${i}`}>
              <PixelImage image={m.image} size={56} title={t('dashboard.mistakes.cell', { label: name(m.label), predicted: name(m.predicted) })} />
              <span className="pg-mistake-caption">
                <span className="pg-mistake-true">{name(m.label)}</span>
                <span aria-hidden="true">→</span>
                <span className="pg-mistake-pred">{name(m.predicted)}</span>
              </span>
              <span className="pg-mistake-prob">{(m.probability * 100).toFixed(0)}%</span>
            </li>
          ))}
        </ul>
      )}
    </ChartCard>
  );
}
