// What the shell does with experiments that arrive from elsewhere: a file opened from the app menu or
// the Build page, and the Weights page's "continue training". Each is checked by the engine first.

import { isLabError } from '../../engine/errors';
import { parseExperiment, validateExperiment } from '../../engine/experiment';
import { t } from '../i18n/useI18n';
import { getLanguage } from '../i18n/language';
import { describeError } from '../i18n/problems';
import { loadExperiment } from './draftStore';
import { navigate } from './navigation';
import { errorText, notify } from './notices';

/** Loads the text of an experiment file into the builder; a refused file changes nothing. */
export function openExperimentText(text: string, fileName: string): boolean {
  try {
    const { experiment } = parseExperiment(text, fileName);
    // refused (with its sentence) while an assignment pack locks what it would change
    if (!loadExperiment(experiment)) return false;
    navigate('build');
    notify('success', t('file.opened', { name: fileName }));
    return true;
  } catch (error) {
    if (!isLabError(error)) throw error;
    notify('error', t('file.openFailed', { name: fileName }), describeError(getLanguage(), error));
    return false;
  }
}

function weightsLabel(weights: unknown): string {
  const meta = (weights as { meta?: Record<string, unknown> } | null)?.meta;
  const name = meta?.runName ?? meta?.name;
  if (typeof name === 'string' && name.trim()) return name.trim();
  const runId = meta?.runId;
  if (typeof runId === 'number') return t('status.run', { id: runId });
  return t('continue.savedWeights');
}

/** The Weights page hands over an experiment and its trained weights: the Build page takes them up. */
export function continueTraining(experiment: unknown, weights: unknown): void {
  try {
    const valid = validateExperiment(experiment);
    if (!loadExperiment(valid.experiment, { weights, label: weightsLabel(weights) })) return;
    navigate('build');
    notify('info', t('continue.loaded'));
  } catch (error) {
    notify('error', t('continue.failed'), errorText(error));
  }
}
