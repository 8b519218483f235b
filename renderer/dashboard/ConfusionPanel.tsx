// The run's final weights measured on its dataset's whole test split (evaluateWeights): accuracy and
// the confusion matrix. A run with validation data is measured on that instead, and says so.

import type { EvaluationResult } from '../../main/api/contract';
import { ChartCard } from '../charts/ChartCard';
import { ConfusionMatrix } from '../charts/ConfusionMatrix';
import { formatAccuracy } from '../charts/format';
import { pagesText, useI18n } from '../i18n/useI18n';
import type { EvaluatedOn } from './evaluatedOn';

export interface ConfusionPanelProps {
  result: EvaluationResult | null;
  error: string | null;
  evaluatedOn?: EvaluatedOn;
  selected?: { actual: number; predicted: number } | null;
  onSelect?: (cell: { actual: number; predicted: number }) => void;
}

export function ConfusionPanel({ result, error, evaluatedOn = 'test', selected, onSelect }: ConfusionPanelProps) {
  const { t, locale } = useI18n(pagesText);
  return (
    <ChartCard
      title={t('confusion.title')}
      subtitle={
        result
          ? t(evaluatedOn === 'validation' ? 'confusion.subtitleValidation' : 'confusion.subtitle', {
              correct: result.correct.toLocaleString(locale),
              count: result.count.toLocaleString(locale),
              accuracy: formatAccuracy(result.accuracy),
            })
          : t('confusion.measuring')
      }
      testId="dashboard.confusion"
    >
      {error && <p className="pg-error-text">{error}</p>}
      {!result && !error && <div className="pg-skeleton pg-skeleton-square" />}
      {result && (
        <ConfusionMatrix
          confusion={result.confusion}
          classNames={result.classNames}
          testId="dashboard.confusion.matrix"
          selected={selected ?? null}
          {...(onSelect ? { onSelect } : {})}
        />
      )}
    </ChartCard>
  );
}
