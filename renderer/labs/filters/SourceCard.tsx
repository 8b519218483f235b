// Where the lab's network comes from: a stored run whose model starts with a convolution, or a
// SimpleConvNet trained here (examples/simple-convnet's settings, a few epochs) as the lab's run group,
// its progress shown while it trains.

import { useRemembered } from '../common/remembered';
import type { RunSummary } from '../../../main/api/contract';
import { formatAccuracy } from '../../charts/format';
import type { I18n } from '../../i18n/useI18n';
import type { UseRunGroup } from '../common/useRunGroup';
import { convNetExperiment, DEFAULT_FILTER_TRAINING, EPOCHS, INITS, TRAIN_LIMITS, type ConvInit, type TrainLimit } from './filtersData';
import type { FiltersKey } from './text';

export interface SourceCardProps {
  /** Runs the lab can show, newest first; null while they are being looked for. */
  runs: RunSummary[] | null;
  runId: number | null;
  onChoose: (runId: number) => void;
  group: UseRunGroup;
  text: I18n<FiltersKey>;
}

export function SourceCard({ runs, runId, onChoose, group, text }: SourceCardProps) {
  const { t, num } = text;
  const [epochs, setEpochs] = useRemembered<number>('filters.epochs', DEFAULT_FILTER_TRAINING.epochs, (v) => (EPOCHS as readonly unknown[]).includes(v));
  const [limit, setLimit] = useRemembered<TrainLimit>('filters.trainLimit', DEFAULT_FILTER_TRAINING.trainLimit, (v) =>
    (TRAIN_LIMITS as readonly unknown[]).includes(v),
  );
  const [init, setInit] = useRemembered<ConvInit>('filters.init', DEFAULT_FILTER_TRAINING.init, (v) => (INITS as readonly unknown[]).includes(v));
  const training = group.runs.find((r) => r.status === 'queued' || r.status === 'running' || r.status === 'paused');
  return (
    <section className="pg-card" data-testid="lab.filters.source">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('sourceTitle')}</h3>
          <p className="pg-card-sub">{t('sourceSub')}</p>
        </div>
      </header>
      {runs === null ? (
        <p className="muted">{t('loadingRuns')}</p>
      ) : runs.length === 0 ? (
        <p className="muted" data-testid="lab.filters.noRuns">
          {t('noRuns')}
        </p>
      ) : (
        <label className="pg-field">
          <span>{t('run')}</span>
          <select value={runId ?? ''} onChange={(e) => onChoose(Number(e.target.value))} data-testid="lab.filters.run">
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                #{r.id} {r.name} · {r.epochsDone}/{r.epochsTotal} · {formatAccuracy(r.testAcc)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="fl-train">
        <h4>{t('trainTitle')}</h4>
        <p className="muted">{t('trainSub')}</p>
        <div className="lab-controls">
          <label className="pg-field">
            <span>{t('images')}</span>
            <select
              value={String(limit)}
              onChange={(e) => setLimit(e.target.value === 'all' ? 'all' : (Number(e.target.value) as TrainLimit))}
              data-testid="lab.filters.trainLimit"
            >
              {TRAIN_LIMITS.map((l) => (
                <option key={l} value={String(l)}>
                  {l === 'all' ? t('all') : num(l)}
                </option>
              ))}
            </select>
          </label>
          <label className="pg-field">
            <span>{t('epochs')}</span>
            <select value={epochs} onChange={(e) => setEpochs(Number(e.target.value))} data-testid="lab.filters.epochs">
              {EPOCHS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="pg-field">
            <span>{t('init')}</span>
            <select value={String(init)} onChange={(e) => setInit(e.target.value === 'he' ? 'he' : 0.01)} data-testid="lab.filters.init">
              {INITS.map((i) => (
                <option key={i} value={String(i)}>
                  {i === 'he' ? t('init.he') : t('init.small')}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn--primary pg-field"
            disabled={group.busy}
            onClick={() => void group.start([{ label: 'SimpleConvNet', experiment: convNetExperiment(epochs, limit, init) }])}
            data-testid="lab.filters.train"
          >
            {t('train')}
          </button>
        </div>
        <p className="muted fl-note">{t('initNote')}</p>
        {training ? (
          <div className="fl-progress" data-testid="lab.filters.progress">
            <progress max={Math.max(1, training.iterationsTotal)} value={training.iterationsDone} />
            <span className="muted">{t('progress', { done: training.iterationsDone, total: training.iterationsTotal })}</span>
          </div>
        ) : null}
        {group.error ? (
          <div className="pg-notice pg-notice-error" role="alert" data-testid="lab.filters.error">
            {group.error}
          </div>
        ) : null}
      </div>
    </section>
  );
}
