// One run of the overfitting lab: its train and test accuracy per epoch with the gap between them
// shaded as a band (a Recharts Area whose value is [test, train]), and the final train, test and gap.
// Both runs' charts share the 0–1 axis, so the two bands can be compared by eye.

import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunSummary } from '../../../main/api/contract';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE, TEST_COLOR, TOOLTIP_PROPS, TRAIN_COLOR, axisLabel } from '../../charts/chartTheme';
import { formatAccuracy } from '../../charts/format';
import { describeEngineMessage } from '../../i18n/problems';
import { useI18n } from '../../i18n/useI18n';
import { finalGap, type GapRow } from './pair';
import { overfittingText } from './text';

const Y_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
/** Epoch tick steps a person would pick: about eight ticks whatever the length of the run. */
const TICK_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500];

export interface GapChartProps {
  /** "plain" or "regularised": the test ids hang below lab.overfitting.<role>. */
  role: 'plain' | 'regularised';
  title: string;
  run: RunSummary | null;
  rows: GapRow[];
}

export const GapChart = memo(function GapChart({ role, title, run, rows }: GapChartProps) {
  const { t, lang } = useI18n(overfittingText);
  const testId = `lab.overfitting.${role}`;
  const final = finalGap(rows);
  const lastEpoch = Math.max(2, run?.epochsTotal ?? 0, rows.at(-1)?.epoch ?? 0);
  const step = TICK_STEPS.find((s) => s >= lastEpoch / 8) ?? Math.ceil(lastEpoch / 8);
  const xTicks = lastEpoch <= 10 ? undefined : [1, ...Array.from({ length: Math.floor(lastEpoch / step) }, (_, i) => (i + 1) * step)];
  const names: Record<string, string> = { train: t('train'), test: t('test'), gap: t('gap') };

  let note: string | null = null;
  if (!run) note = t('notRun');
  else if (run.status === 'failed') note = t('failed', { reason: run.failure ? describeEngineMessage(lang, run.failure) : '' });
  else if (!final) note = t('noEpochYet');

  return (
    <section className="pg-card ovf-chart" data-testid={testId} data-epochs={rows.length}>
      <header className="pg-card-head">
        <div>
          <h3>{title}</h3>
          <p className="muted">{t('chartSubtitle')}</p>
        </div>
      </header>
      <div role="img" aria-label={t('chartLabel', { name: title })}>
        <ComposedChart responsive style={{ width: '100%', height: 240 }} data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[1, lastEpoch]}
            ticks={xTicks}
            allowDecimals={false}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            label={axisLabel(t('epochAxis'), 'x')}
          />
          <YAxis
            domain={[0, 1]}
            ticks={Y_TICKS}
            interval={0}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={(v: number) => v.toFixed(1)}
            width={48}
            label={axisLabel(t('accuracyAxis'), 'y')}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(value, key) => [
              Array.isArray(value) ? formatAccuracy(Number(value[1]) - Number(value[0])) : formatAccuracy(Number(value)),
              names[String(key)] ?? String(key),
            ]}
            labelFormatter={(label) => `${t('epochAxis')} ${Number(label)}`}
          />
          <Area type="linear" dataKey="gap" stroke="none" fill={TEST_COLOR} fillOpacity={0.18} isAnimationActive={false} />
          <Line type="linear" dataKey="train" stroke={TRAIN_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="test" stroke={TEST_COLOR} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </div>
      {note ? (
        <p className="muted ovf-note" data-testid={`${testId}.note`}>
          {note}
        </p>
      ) : null}
      {final ? (
        <dl className="ovf-final" data-testid={`${testId}.final`} data-epoch={final.epoch}>
          <div>
            <dt>{t('train')}</dt>
            <dd data-testid={`${testId}.train`}>{formatAccuracy(final.trainAcc)}</dd>
          </div>
          <div>
            <dt>{t('test')}</dt>
            <dd data-testid={`${testId}.test`}>{formatAccuracy(final.testAcc)}</dd>
          </div>
          <div className="ovf-final-gap">
            <dt>{t('gap')}</dt>
            <dd data-testid={`${testId}.gap`}>{formatAccuracy(final.gap)}</dd>
          </div>
          <p className="muted">{t('finalAt', { epoch: final.epoch })}</p>
        </dl>
      ) : null}
    </section>
  );
});
