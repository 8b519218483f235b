// Test images the trained network gets wrong, with the true label and its guess (the same evaluation of
// the final weights as the matrix), a page at a time through all of them — or through one cell of the
// confusion matrix, when the learner picked one there.

import type { EvaluationResult } from '../../main/api/contract';
import { ChartCard } from '../charts/ChartCard';
import { sampleImage } from '../charts/imageData';
import { PixelImage } from '../charts/PixelImage';
import { pagesText, useI18n } from '../i18n/useI18n';
import { classLabel } from '../model/classNames';
import type { EvaluatedOn } from './evaluatedOn';

/** Mistakes on one page of the gallery (the house sends this many by default). */
export const MISTAKES_PAGE = 48;

export interface MistakesCell {
  actual: number;
  predicted: number;
}

export interface MistakesPanelProps {
  /** The whole evaluation (its counts), and the page shown, when it is another than the evaluation's first. */
  evaluation: EvaluationResult | null;
  page?: { number: number; result: EvaluationResult | null };
  cell?: MistakesCell | null;
  error: string | null;
  evaluatedOn?: EvaluatedOn;
  onPage?: (page: number) => void;
  onClearCell?: () => void;
}

export function MistakesPanel({ evaluation, page, cell = null, error, evaluatedOn = 'test', onPage, onClearCell }: MistakesPanelProps) {
  const validation = evaluatedOn === 'validation';
  const { t, lang, num } = useI18n(pagesText);
  const name = (i: number) => classLabel(lang, evaluation?.classNames, i);
  const images = evaluation?.inputShape.length === 3;
  const wrong = evaluation ? evaluation.count - evaluation.correct : 0;
  const shown = page ? page.result : evaluation;
  const pageNumber = page?.number ?? 0;
  const total = cell && evaluation ? (evaluation.confusion[cell.actual]?.[cell.predicted] ?? 0) : (evaluation?.mistakesTotal ?? wrong);
  const from = pageNumber * MISTAKES_PAGE;
  const to = Math.min(total, from + MISTAKES_PAGE);
  return (
    <ChartCard
      title={t('dashboard.mistakes.title')}
      subtitle={
        !evaluation
          ? t('dashboard.mistakes.measuring')
          : wrong
            ? t(validation ? 'dashboard.mistakes.subtitleValidation' : 'dashboard.mistakes.subtitle', { wrong, checked: evaluation.count })
            : undefined
      }
      testId="dashboard.mistakes"
    >
      {error && <p className="muted pg-panel-note">{error}</p>}
      {!evaluation && !error && <div className="pg-skeleton pg-skeleton-block" />}
      {evaluation && !images && <p className="muted pg-panel-note">{t('dashboard.mistakes.notImages')}</p>}
      {evaluation && images && wrong === 0 && (
        <p className="muted pg-panel-note">{t(validation ? 'dashboard.mistakes.noneValidation' : 'dashboard.mistakes.none', { checked: evaluation.count })}</p>
      )}
      {evaluation && images && wrong > 0 && (
        <>
          <div className="pg-mistakes-bar">
            {cell ? (
              <span className="badge badge--accent" data-testid="dashboard.mistakes.cellFilter">
                {t('dashboard.mistakes.cellFilter', { actual: name(cell.actual), predicted: name(cell.predicted), count: num(total) })}
                <button type="button" className="btn btn--ghost btn--small" onClick={onClearCell} data-testid="dashboard.mistakes.showAll">
                  {t('dashboard.mistakes.showAll')}
                </button>
              </span>
            ) : (
              <span className="muted">{t('dashboard.mistakes.pickCell')}</span>
            )}
            {total > MISTAKES_PAGE && (
              <span className="pg-mistakes-pager">
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={pageNumber === 0}
                  onClick={() => onPage?.(pageNumber - 1)}
                  data-testid="dashboard.mistakes.previous"
                >
                  {t('dashboard.mistakes.previous')}
                </button>
                <span className="mono" data-testid="dashboard.mistakes.range">
                  {t('dashboard.mistakes.range', { from: num(from + 1), to: num(to), total: num(total) })}
                </span>
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={to >= total}
                  onClick={() => onPage?.(pageNumber + 1)}
                  data-testid="dashboard.mistakes.next"
                >
                  {t('dashboard.mistakes.next')}
                </button>
              </span>
            )}
          </div>
          {!shown ? (
            <div className="pg-skeleton pg-skeleton-block" />
          ) : (
            <ul className="pg-mistakes">
              {shown.mistakes.map((m, i) => {
                const image = sampleImage(m.x, evaluation.inputShape);
                return (
                  <li key={m.index} data-testid={`dashboard.mistakes.${i}`} data-actual={m.label} data-predicted={m.predicted}>
                    {image && (
                      <PixelImage image={image} size={56} title={t('dashboard.mistakes.cell', { label: name(m.label), predicted: name(m.predicted) })} />
                    )}
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
        </>
      )}
    </ChartCard>
  );
}
