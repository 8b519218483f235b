// The two times side by side as bars on one linear scale — the backprop bar is usually a sliver — and
// the sentence that says how many times faster backprop was, honestly scaled when only a sample was checked.

import type { GradientCheckReport } from '../../../main/api/contract';
import { useI18n } from '../../i18n/useI18n';
import { compareTimes, duration, roundRatio } from './format';
import { gradcheckText } from './text';

export function TimeBars({ report }: { report: GradientCheckReport }) {
  const { t, num } = useI18n(gradcheckText);
  const c = compareTimes(report);
  const bars = [
    { key: 'numerical', label: t('numerical'), ms: c.numericalMs, className: 'gc-bar--numerical' },
    ...(c.complete ? [] : [{ key: 'numericalAll', label: t('numericalAll'), ms: c.numericalAllMs, className: 'gc-bar--estimate' }]),
    { key: 'backprop', label: t('backprop'), ms: c.backpropMs, className: 'gc-bar--backprop' },
  ];
  const longest = Math.max(...bars.map((b) => b.ms), 1e-9);
  const fmt = (ms: number) => duration(ms, num);
  const sentence = c.complete
    ? t('fasterComplete', { ratio: num(roundRatio(c.ratio)), numerical: fmt(c.numericalMs), backprop: fmt(c.backpropMs), total: num(report.totalEntries) })
    : t('fasterSampled', {
        ratio: num(roundRatio(c.ratio)),
        numerical: fmt(c.numericalMs),
        estimate: fmt(c.numericalAllMs),
        backprop: fmt(c.backpropMs),
        checked: num(report.checkedEntries),
        total: num(report.totalEntries),
      });
  return (
    <div className="gc-times" data-testid="lab.gradcheck.times">
      {bars.map((bar) => (
        <div key={bar.key} className="gc-time-row" data-testid={`lab.gradcheck.time.${bar.key}`}>
          <span className="gc-time-label">{bar.label}</span>
          <span className="gc-bar-track">
            <span className={`gc-bar ${bar.className}`} style={{ width: `${Math.max(0.4, (100 * bar.ms) / longest)}%` }} />
          </span>
          <span className="gc-time-value mono">{fmt(bar.ms)}</span>
        </div>
      ))}
      <p className="gc-faster" data-testid="lab.gradcheck.faster">
        {sentence}
      </p>
    </div>
  );
}
