// A run's divergence warning in the reader's language: the store keeps the engine's code and numbers
// (not only its English sentence) so that the Korean page can say it in Korean, numbers and all. The
// sentences are the table's (engine/messages.ts), which the CLI says too; here each is a whole sentence.

import { divergenceMessage, readDivergenceWarning } from '../../engine/divergence';
import type { RunWarning } from '../../main/api/contract';
import { sayLabMessage } from '../i18n/problems';
import { translate, type Lang } from '../i18n/translate';

export function describeRunWarning(lang: Lang, warning: RunWarning): string {
  const known = readDivergenceWarning(warning);
  // A code from a newer lab on the other end of the web host: its own English sentence.
  if (!known) return warning.message;
  const sentence = sayLabMessage(lang, divergenceMessage(known));
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

export function runWarningTitle(lang: Lang, warning: RunWarning): string {
  return translate(lang, warning.code === 'loss-at-ceiling' ? 'runWarning.titleNeverLearned' : 'runWarning.titleBlewUp');
}
