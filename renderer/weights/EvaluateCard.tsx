// Measure loaded weights on a dataset's test split: accuracy and the confusion matrix. Only datasets
// whose samples fit the model's input are offered.

import { useEffect, useState } from 'react';
import type { DatasetInfo, EvaluationResult } from '../../main/api/contract';
import { lab } from '../api/lab';
import { ConfusionMatrix } from '../charts/ConfusionMatrix';
import { formatAccuracy, formatLoss } from '../charts/format';
import { pagesText, useI18n } from '../i18n/useI18n';
import { messageOf } from '../api/messageOf';

export interface EvaluateCardProps {
  weightsText: string;
  inputShape: readonly number[];
  dataset: string;
  onDataset: (source: string) => void;
}

export function EvaluateCard({ weightsText, inputShape, dataset, onDataset }: EvaluateCardProps) {
  const { t, locale } = useI18n(pagesText);
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  const [result, setResult] = useState<EvaluationResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    lab.listDatasets().then(setDatasets, (e: unknown) => setError(messageOf(e)));
  }, []);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a result for other weights or data is cleared when they change
  useEffect(() => setResult(null), [weightsText, dataset]);
  const fits = datasets.filter((d) => d.inputShape.join('×') === inputShape.join('×'));
  const options = fits.some((d) => d.source === dataset) || !dataset ? fits : [...fits, { source: dataset } as DatasetInfo];

  async function evaluate(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setResult(await lab.evaluateWeights(weightsText, dataset));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="pg-card" data-testid="weights.evaluateCard">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('weights.evaluateTitle')}</h3>
          <p className="pg-card-sub">{t('weights.evaluateSubtitle')}</p>
        </div>
      </header>
      <div className="pg-form-row">
        <label className="pg-field-inline">
          <span>{t('runs.dataset')}</span>
          <select value={dataset} onChange={(e) => onDataset(e.target.value)} data-testid="weights.dataset">
            {options.map((d) => (
              <option key={d.source} value={d.source}>
                {d.source}
                {d.test ? ` — ${t('weights.testCount', { count: d.test.toLocaleString(locale) })}` : ''}
              </option>
            ))}
          </select>
        </label>
        {inputShape.length === 1 && (
          <label className="pg-field-inline" title={t('weights.csvPath.hint')}>
            <span>{t('weights.csvPath')}</span>
            <input
              className="input input--mono"
              data-testid="weights.csvPath"
              placeholder="/path/to/new-rows.csv"
              spellCheck={false}
              value={dataset.startsWith('csv:') ? dataset.slice('csv:'.length) : ''}
              onChange={(e) => onDataset(e.target.value.trim() ? `csv:${e.target.value}` : (fits[0]?.source ?? ''))}
            />
          </label>
        )}
        <button type="button" className="btn btn--primary" onClick={() => void evaluate()} disabled={busy || !dataset} data-testid="weights.evaluate">
          {busy ? t('weights.evaluating') : t('weights.evaluate')}
        </button>
      </div>
      {error && (
        <p className="pg-error-text" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="pg-eval-result">
          <div className="pg-big-number">
            <span className="pg-big-label">{t('weights.accuracy')}</span>
            <span className="pg-big-value" data-testid="weights.accuracy">
              {formatAccuracy(result.accuracy)}
            </span>
            <span className="muted">
              {t('weights.correctOf', { correct: result.correct.toLocaleString(locale), count: result.count.toLocaleString(locale) })} ·{' '}
              {t('weights.lossValue', { loss: formatLoss(result.loss) })}
            </span>
          </div>
          <ConfusionMatrix confusion={result.confusion} classNames={result.classNames} testId="weights.confusion" />
        </div>
      )}
    </section>
  );
}
