// A run's divergence warning in the reader's language: the store keeps the engine's code and numbers
// (not only its English sentence) so that the Korean page can say it in Korean, numbers and all.

import { formatAccuracyValue, formatLossValue } from '../../engine/divergence';
import type { RunWarning } from '../../main/api/contract';
import { translate, type Lang } from '../i18n/translate';

export function describeRunWarning(lang: Lang, warning: RunWarning): string {
  switch (warning.code) {
    case 'loss-rose':
      return translate(lang, 'runWarning.lossRose', { from: formatLossValue(warning.from), to: formatLossValue(warning.to) });
    case 'loss-spiked':
      return translate(lang, 'runWarning.lossSpiked', {
        from: formatLossValue(warning.from),
        peak: formatLossValue(warning.peak),
        accuracy: formatAccuracyValue(warning.accuracy),
      });
    case 'loss-at-ceiling':
      return translate(lang, 'runWarning.lossAtCeiling', {
        loss: formatLossValue(warning.loss),
        ceiling: formatLossValue(warning.ceiling),
        accuracy: formatAccuracyValue(warning.accuracy),
      });
    default:
      // A code from a newer lab on the other end of the web host: its own English sentence.
      return (warning as RunWarning).message;
  }
}

export function runWarningTitle(lang: Lang, warning: RunWarning): string {
  return translate(lang, warning.code === 'loss-at-ceiling' ? 'runWarning.titleNeverLearned' : 'runWarning.titleBlewUp');
}
