// Test images the trained network gets wrong, with the true label and its guess: the first ones the
// evaluation of the final weights on the whole test split found (the same evaluation as the matrix).

import type { EvaluationResult } from '../../main/api/contract';
import { ChartCard } from '../charts/ChartCard';
import { sampleImage } from '../charts/imageData';
import { PixelImage } from '../charts/PixelImage';
import { pagesText, useI18n } from '../i18n/useI18n';
import { classLabel } from '../model/classNames';
import type { EvaluatedOn } from './evaluatedOn';

export function MistakesPanel({ evaluation, error, evaluatedOn = 'test' }: { evaluation: EvaluationResult | null; error: string | null; evaluatedOn?: EvaluatedOn }) {
  const validation = evaluatedOn === 'validation';
  const { t, lang } = useI18n(pagesText);
  const name = (i: number) => classLabel(lang, evaluation?.classNames, i);
  const images = evaluation?.inputShape.length === 3;
  const wrong = evaluation ? evaluation.count - evaluation.correct : 0;
  return (
    <ChartCard
      title={t('dashboard.mistakes.title')}
      subtitle={!evaluation ? t('dashboard.mistakes.measuring') : wrong ? t(validation ? 'dashboard.mistakes.subtitleValidation' : 'dashboard.mistakes.subtitle', { wrong, checked: evaluation.count }) : undefined}
      testId="dashboard.mistakes"
    >
      {error && <p className="muted pg-panel-note">{error}</p>}
      {!evaluation && !error && <div className="pg-skeleton pg-skeleton-block" />}
      {evaluation && !images && <p className="muted pg-panel-note">{t('dashboard.mistakes.notImages')}</p>}
      {evaluation && images && wrong === 0 && <p className="muted pg-panel-note">{t(validation ? 'dashboard.mistakes.noneValidation' : 'dashboard.mistakes.none', { checked: evaluation.count })}</p>}
      {evaluation && images && wrong > 0 && (
        <ul className="pg-mistakes">
          {evaluation.mistakes.map((m, i) => {
            const image = sampleImage(m.x, evaluation.inputShape);
            return (
              <li key={m.index} data-testid={`dashboard.mistakes.${i}`}>
                {image && <PixelImage image={image} size={56} title={t('dashboard.mistakes.cell', { label: name(m.label), predicted: name(m.predicted) })} />}
                <span className="pg-mistake-caption">
                  <span className="pg-mistake-true">{name(m.label)}</span>
                  <span aria-hidden="true">→</span>
                  <span className="pg-mistake-pred">{name(m.predicted)}</span>
                </span>
                <span className="pg-mistake-prob">{(m.probability * 100).toFixed(0)}%</span>
              </li>
            );
          })}
        </ul>
      )}
    </ChartCard>
  );
}
