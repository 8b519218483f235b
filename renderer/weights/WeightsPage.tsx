// Trained weights as files: export a run's weights, import a weights file (checked by the engine before
// anything is used, its model shown layer by layer), evaluate it on a dataset, or continue training it.
// The weights open here and the dataset chosen for them outlive the page: a learner who looks at another
// page and comes back finds them still open.

import '../app/pages.css';
import './weights.css';
import { useCallback, useState } from 'react';
import type { RunSummary } from '../../main/api/contract';
import type { Experiment } from '../../engine/experiment';
import { parseWeights, type LoadedWeights } from '../../engine/weights';
import { lab } from '../api/lab';
import { createStore, useStore } from '../app/store';
import { FileButton } from '../charts/FileButton';
import { pagesText, t as translate, useI18n } from '../i18n/useI18n';
import { isLabError } from '../../engine/errors';
import { notify } from '../app/notices';
import { getLanguage } from '../i18n/language';
import { describeError } from '../i18n/problems';
import { EvaluateCard } from './EvaluateCard';
import { ModelView } from './ModelView';
import { RunWeightsCard } from './RunWeightsCard';
import { messageOf } from '../api/messageOf';

export interface WeightsPageProps {
  onContinueTraining: (experiment: unknown, weights: unknown) => void;
}

interface Current {
  name: string;
  text: string;
  loaded: LoadedWeights;
  /** The experiment of the run the weights came from, when they came from a run of this lab. */
  experiment: Experiment | null;
}

/** The weights open on the page and the dataset chosen for them, kept while the learner is elsewhere. */
const opened = createStore<{ current: Current | null; dataset: string }>({ current: null, dataset: 'mnist' });
const setCurrent = (current: Current | null) => opened.set((s) => ({ ...s, current }));
const setDataset = (dataset: string) => opened.set((s) => ({ ...s, dataset }));

/**
 * A weights file opened from the app menu (File → Open Weights…): checked by the engine, then shown on
 * this page like one opened with its own button. A refused file changes nothing and says why, as the
 * menu's experiments do. True when it opened.
 */
export function openWeightsText(text: string, fileName: string): boolean {
  let loaded: LoadedWeights;
  try {
    loaded = parseWeights(text, fileName);
  } catch (error) {
    if (!isLabError(error)) throw error;
    notify('error', translate('file.openFailed', { name: fileName }), describeError(getLanguage(), error));
    return false;
  }
  setCurrent({ name: fileName, text, loaded, experiment: null });
  if (typeof loaded.file.meta.data === 'string') setDataset(loaded.file.meta.data);
  return true;
}

/** An experiment to continue training weights that came as a bare file: the book's usual settings. */
export function continuationExperiment(loaded: LoadedWeights, source: string, name: string): Experiment {
  return {
    format: 'dlab-experiment',
    version: 1,
    name,
    model: loaded.file.model,
    data: { source },
    training: { optimizer: { type: 'adam', lr: 0.001 }, batchSize: 100, epochs: 5, weightDecay: 0, seed: 1 },
  };
}

export function WeightsPage({ onContinueTraining }: WeightsPageProps) {
  const { t } = useI18n(pagesText);
  const current = useStore(opened, (s) => s.current);
  const dataset = useStore(opened, (s) => s.dataset);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const message = useCallback((kind: 'info' | 'error', text: string) => setNotice({ kind, text }), []);

  /** An ONNX model becomes a weights file in main (the protobuf reader stays out of the page), then opens like one. */
  function openOnnx(name: string, base64: string): void {
    lab.importOnnx(base64, name).then(
      ({ weightsText, notes }) => {
        load(name, weightsText, null);
        if (notes.length > 0) message('info', notes.join(' '));
      },
      (e: unknown) => message('error', messageOf(e)),
    );
  }

  function load(name: string, text: string, experiment: Experiment | null): void {
    setLoading(true);
    setNotice(null);
    // Let the page show "loading" before the engine reads a file that may hold millions of numbers.
    setTimeout(() => {
      try {
        const loaded = parseWeights(text, name);
        setCurrent({ name, text, loaded, experiment });
        const source = experiment?.data.source ?? (typeof loaded.file.meta.data === 'string' ? loaded.file.meta.data : null);
        if (source) setDataset(source);
      } catch (e) {
        setCurrent(null);
        setNotice({ kind: 'error', text: describeError(getLanguage(), e) });
      } finally {
        setLoading(false);
      }
    }, 20);
  }

  async function openRun(run: RunSummary, text: string): Promise<void> {
    const detail = await lab.getRun(run.id, 2).catch(() => null);
    load(`${run.name} #${run.id}`, text, detail?.experiment ?? null);
  }

  function continueTraining(): void {
    if (!current) return;
    const base = current.experiment;
    const name = t('weights.continuedName', { name: current.name });
    const experiment: Experiment = base
      ? { ...base, name, model: current.loaded.file.model, data: { ...base.data, source: dataset } }
      : continuationExperiment(current.loaded, dataset, name);
    onContinueTraining(experiment, current.loaded.file);
  }

  return (
    <div className="pg page pg-weights" data-testid="weights">
      <header className="pg-page-head">
        <div>
          <h2>{t('weights.title')}</h2>
          <p className="muted">{t('weights.subtitle')}</p>
        </div>
      </header>
      {notice && (
        <div className={`pg-notice pg-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="weights.notice">
          <span>{notice.text}</span>
        </div>
      )}
      <div className="pg-grid-2">
        <RunWeightsCard onOpen={(run, text) => void openRun(run, text)} onMessage={message} />
        <section className="pg-card" data-testid="weights.importCard">
          <header className="pg-card-head">
            <div>
              <h3 className="pg-card-title">{t('weights.importTitle')}</h3>
              <p className="pg-card-sub">{t('weights.importSubtitle')}</p>
            </div>
          </header>
          <div className="pg-button-row">
            <FileButton
              kind="weights"
              accept=".json,application/json"
              testId="weights.import"
              className="btn btn--primary"
              onFile={(f) => load(f.name, f.text, null)}
              onError={(text) => message('error', text)}
            >
              {t('weights.import')}
            </FileButton>
            <FileButton
              kind="onnx"
              accept=".onnx"
              testId="weights.importOnnx"
              className="btn"
              onFile={(f) => openOnnx(f.name, f.text)}
              onError={(text) => message('error', text)}
            >
              {t('weights.importOnnx')}
            </FileButton>
          </div>
          <p className="muted pg-small">{t('weights.importHint')}</p>
        </section>
      </div>
      {loading && <div className="pg-skeleton pg-skeleton-block" aria-busy="true" />}
      {current && !loading && (
        <>
          <ModelView plan={current.loaded.plan} meta={current.loaded.file.meta} name={current.name} />
          <EvaluateCard weightsText={current.text} inputShape={current.loaded.plan.input} dataset={dataset} onDataset={setDataset} />
          <section className="pg-card pg-continue">
            <div>
              <h3 className="pg-card-title">{t('weights.continueTitle')}</h3>
              <p className="pg-card-sub">{current.experiment ? t('weights.continueFromRun') : t('weights.continueFromFile', { dataset })}</p>
            </div>
            <button type="button" className="btn btn--primary" onClick={continueTraining} data-testid="weights.continue">
              {t('weights.continue')}
            </button>
          </section>
        </>
      )}
      {!current && !loading && (
        <div className="pg-empty pg-empty-small" data-testid="weights.empty">
          <p className="muted">{t('weights.emptyText')}</p>
        </div>
      )}
    </div>
  );
}
