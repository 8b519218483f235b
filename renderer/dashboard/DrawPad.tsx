// Draw a digit, see what the trained network thinks. The drawing is turned into a 28×28 image the way
// MNIST made its digits (bounding box → 20×20 → centred by mass) and run through the engine's Network
// on the run's weights, right here in the window: one forward pass per stroke update.

import { useCallback, useEffect, useRef, useState } from 'react';
import { Tensor } from '../../engine/tensor';
import type { LoadedWeights } from '../../engine/weights';
import { ChartCard } from '../charts/ChartCard';
import { grayImage, type RgbaImage } from '../charts/imageData';
import { inkFromRgba, MNIST_SIZE, toMnist } from '../charts/mnistDraw';
import { PixelImage } from '../charts/PixelImage';
import { pagesText, useI18n } from '../i18n/useI18n';

const PAD = 280;
const STROKE = 20;
const PREDICT_EVERY_MS = 80;

export function DrawPad({ loaded }: { loaded: LoadedWeights | null }) {
  const { t } = useI18n(pagesText);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const lastPredict = useRef(0);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const [preview, setPreview] = useState<RgbaImage | null>(null);

  const predict = useCallback(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !loaded) return;
    const ink = inkFromRgba(ctx.getImageData(0, 0, PAD, PAD).data, PAD, PAD);
    const digit = toMnist(ink, PAD, PAD);
    if (!digit) {
      setProbabilities(null);
      setPreview(null);
      return;
    }
    setPreview(grayImage(digit, MNIST_SIZE, MNIST_SIZE, { min: 0, max: 1 }));
    const y = loaded.network.probabilities(Tensor.from([1, 1, MNIST_SIZE, MNIST_SIZE], digit));
    setProbabilities(Array.from(y.data));
  }, [loaded]);

  // When the weights arrive (or change), predict whatever is already drawn.
  useEffect(() => predict(), [predict]);

  function point(event: React.PointerEvent<HTMLCanvasElement>): { x: number; y: number } {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * PAD, y: ((event.clientY - box.top) / box.height) * PAD };
  }

  function stroke(to: { x: number; y: number }): void {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    ctx.stroke();
    last.current = to;
  }

  function down(event: React.PointerEvent<HTMLCanvasElement>): void {
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    last.current = null;
    stroke(point(event));
  }

  function move(event: React.PointerEvent<HTMLCanvasElement>): void {
    if (!drawing.current) return;
    stroke(point(event));
    const now = performance.now();
    if (now - lastPredict.current > PREDICT_EVERY_MS) {
      lastPredict.current = now;
      predict();
    }
  }

  function up(): void {
    if (!drawing.current) return;
    drawing.current = false;
    last.current = null;
    predict();
  }

  function clear(): void {
    canvas.current?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    setProbabilities(null);
    setPreview(null);
  }

  const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  return (
    <ChartCard
      title={t('dashboard.drawpad.title')}
      subtitle={t('dashboard.drawpad.subtitle')}
      testId="dashboard.drawpad"
      actions={
        <button type="button" className="btn btn--ghost btn--small" onClick={clear} data-testid="dashboard.drawpad.clear">
          {t('dashboard.drawpad.clear')}
        </button>
      }
    >
      <div className="pg-drawpad">
        <div className="pg-drawpad-left">
          <canvas
            ref={canvas}
            width={PAD}
            height={PAD}
            className="pg-drawpad-canvas"
            data-testid="dashboard.drawpad.canvas"
            aria-label={t('dashboard.drawpad.canvasLabel')}
            onPointerDown={down}
            onPointerMove={move}
            onPointerUp={up}
            onPointerCancel={up}
          />
          <div className="pg-drawpad-seen">
            {preview ? <PixelImage image={preview} size={56} title={t('dashboard.drawpad.seen')} /> : <span className="pg-drawpad-empty" />}
            <span className="muted">{t('dashboard.drawpad.seen')}</span>
          </div>
        </div>
        <ol className="pg-probabilities" data-testid="dashboard.probabilities" aria-live="polite">
          {Array.from({ length: probabilities?.length ?? 10 }, (_, digit) => {
            const p = probabilities?.[digit] ?? 0;
            return (
              <li key={digit} className={digit === best ? 'is-best' : undefined} data-testid={`dashboard.probabilities.${digit}`} data-value={p.toFixed(4)}>
                <span className="pg-prob-digit">{digit}</span>
                <span className="pg-prob-bar">
                  <span style={{ transform: `scaleX(${p})` }} />
                </span>
                <span className="pg-prob-value">{probabilities ? `${(p * 100).toFixed(1)}%` : '—'}</span>
              </li>
            );
          })}
        </ol>
      </div>
      {!loaded && <p className="muted pg-panel-note">{t('dashboard.drawpad.loading')}</p>}
      {loaded && !probabilities && <p className="muted pg-panel-note">{t('dashboard.drawpad.hint')}</p>}
    </ChartCard>
  );
}
