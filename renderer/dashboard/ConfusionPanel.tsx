// The run's final weights measured on its dataset's whole test split (evaluateWeights): accuracy and
// the confusion matrix.

import { useEffect, useState } from 'react';
import type { EvaluationResult } from '../../main/api/contract';
import type { DataSettings } from '../../engine/experiment';
import { lab } from '../api/lab';
import { ChartCard } from '../charts/ChartCard';
import { ConfusionMatrix } from '../charts/ConfusionMatrix';
import { formatAccuracy } from '../charts/format';
import { useText } from '../live/useText';

export function ConfusionPanel({ weightsText, data }: { weightsText: string | null; data: DataSettings }) {
  const { t, locale } = useText();
  const [result, setResult] = useState<EvaluationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (weightsText === null) return;
    let cancelled = false;
    lab.evaluateWeights(weightsText, data).then(
      (r) => !cancelled && setResult(r),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [weightsText, data]);
  return (
    <ChartCard
      title={t('confusion.title')}
      subtitle={result ? t('confusion.subtitle', { correct: result.correct.toLocaleString(locale), count: result.count.toLocaleString(locale), accuracy: formatAccuracy(result.accuracy) }) : t('confusion.measuring')}
      testId="dashboard.confusion"
    >
      {error && <p className="pg-error-text">{error}</p>}
      {!result && !error && <div className="pg-skeleton pg-skeleton-square" />}
      {result && <ConfusionMatrix confusion={result.confusion} testId="dashboard.confusion.matrix" />}
    </ChartCard>
  );
}
