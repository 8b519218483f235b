// The bar under the Build page: what will be trained, at a glance, and the Train button — disabled,
// with the reason beside it, while the experiment cannot work.

import { useState } from 'react';
import type { WeightsFile } from '../../engine/weights';
import type { ModelAnalysis } from '../../engine/model';
import { findOptimizerType } from '../../engine/optimizers/registry';
import { lab } from '../api/lab';
import { clearContinueFrom, useDraft } from '../app/draftStore';
import { AlertIcon, CloseIcon, PlayIcon } from '../app/Icons';
import { openRun } from '../app/navigation';
import { errorText, notify } from '../app/notices';
import { trackStartedRun } from '../app/runStatus';
import { useI18n, type I18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/translate';
import { describeEngineMessage, describeProblem } from '../i18n/problems';
import { fieldNameText } from '../i18n/registryText';
import { weightsFit } from '../model/continueFrom';
import type { Assembly } from '../model/experiment';
import { sourceOf } from '../model/datasets';
import { useDataCheck } from './useDataCheck';

function reasonOf({ t, lang }: I18n, assembly: Assembly): string | null {
  const blocker = assembly.blocker;
  if (!blocker) return null;
  switch (blocker.kind) {
    case 'field':
      return t('reason.field', { field: fieldNameText(lang, blocker.field), problem: describeProblem(lang, blocker.problem) });
    case 'model':
      return describeEngineMessage(lang, blocker.message);
    case 'classes':
      return t('reason.classes', { scores: blocker.scores, classes: blocker.classes });
    case 'experiment':
      return describeEngineMessage(lang, blocker.message);
  }
}

export function TrainBar({ assembly, analysis }: { assembly: Assembly; analysis: ModelAnalysis }) {
  const i18n = useI18n();
  const { t, lang, num } = i18n;
  const continueFrom = useDraft((s) => s.continueFrom);
  const data = useDraft((s) => s.data);
  const training = useDraft((s) => s.training);
  const layerCount = useDraft((s) => s.stack.present.spec.layers.length);
  const [starting, setStarting] = useState(false);

  const dataCheck = useDataCheck(sourceOf(data.kind, data.idxFolder, data.csvFile));
  const dataRefused = dataCheck?.state === 'refused' ? dataCheck.message : null;

  const mismatch = continueFrom !== null && !analysis.error && !weightsFit(continueFrom.weights, analysis.layers);
  const reason = reasonOf(i18n, assembly) ?? (mismatch ? t('reason.weightsMismatch') : null) ?? dataRefused;
  const { experiment, workers } = assembly;
  const ready = experiment !== null && workers !== null && !mismatch && dataRefused === null;

  const train = async () => {
    if (!experiment || workers === null) return;
    setStarting(true);
    try {
      const options = {
        workers,
        ...(experiment.name ? { name: experiment.name } : {}),
        ...(continueFrom ? { initialWeights: continueFrom.weights as WeightsFile } : {}),
      };
      const { runId } = await lab.startRun(experiment, options);
      trackStartedRun(runId, experiment.training.epochs);
      if (continueFrom) clearContinueFrom();
      openRun(runId);
    } catch (error) {
      notify('error', t('train.failed'), errorText(error));
    } finally {
      setStarting(false);
    }
  };

  const optimizer = findOptimizerType(training.optimizer);
  return (
    <footer className="train-bar">
      <div className="train-bar__summary">
        <span className="train-bar__fact">
          <strong className="mono">{num(analysis.paramCount)}</strong> {t('stack.paramsUnit')}
        </span>
        <span className="train-bar__fact">{t('stack.summary', { layers: layerCount })}</span>
        <span className="train-bar__fact">{t(`data.${data.kind}.label` as MessageKey)}</span>
        {optimizer && <span className="train-bar__fact">{optimizer.text[lang].label}</span>}
        {continueFrom && (
          <span className="badge badge--accent train-bar__continue" data-testid="form.continue">
            {t('continue.from', { label: continueFrom.label })}
            <button
              type="button"
              className="train-bar__continue-clear"
              aria-label={t('continue.clear')}
              title={t('continue.clear')}
              onClick={clearContinueFrom}
            >
              <CloseIcon size={12} />
            </button>
          </span>
        )}
      </div>
      <div className="train-bar__action">
        {reason && (
          <p className="train-bar__reason" id="train-reason" data-testid="form.train.reason" role="status">
            <AlertIcon size={16} />
            <span>{reason}</span>
          </p>
        )}
        <button
          type="button"
          className="btn btn--primary btn--large"
          data-testid="form.train"
          disabled={!ready || starting}
          aria-describedby={reason ? 'train-reason' : undefined}
          onClick={() => void train()}
        >
          <PlayIcon size={16} />
          {starting ? t('train.starting') : continueFrom ? t('train.continue') : t('train.start')}
        </button>
      </div>
    </footer>
  );
}
