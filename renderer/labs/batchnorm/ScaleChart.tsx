// One cell of the Batch Normalization grid (the book's figure 6-19 in small): the training accuracy per
// epoch of the run with Batch Norm (solid) and of its twin without (dashed), for one initial weight
// scale, with each run's last accuracy — or why it has none. A run that did not learn (its weights too
// large or too small for a network without Batch Norm: the figure's point) says so in a neutral word and
// one line of why, never "failed" (learning.ts).

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { RunSummary } from '../../../main/api/contract';
import { AXIS_LINE, AXIS_TICK, GRID_STROKE } from '../../charts/chartTheme';
import { formatAccuracy } from '../../charts/format';
import { describeEngineMessage } from '../../i18n/problems';
import { useI18n, useLanguage } from '../../i18n/useI18n';
import { learningOf, type NoLearning } from '../common/learning';
import { learningText } from '../common/learningText';
import { lastAccuracy, type ScaleCell } from './grid';
import { batchnormText } from './text';

export const BN_COLOR = 'var(--series-1)';
export const PLAIN_COLOR = 'var(--series-2)';
const Y_TICKS = [0, 0.5, 1];

export interface ScaleChartProps {
  index: number;
  cell: ScaleCell;
  runs: ReadonlyMap<number, RunSummary>;
}

export const ScaleChart = memo(function ScaleChart({ index, cell, runs }: ScaleChartProps) {
  const { t } = useI18n(batchnormText);
  const words = useI18n(learningText);
  const lang = useLanguage();
  const bnRun = cell.bnRunId === null ? undefined : runs.get(cell.bnRunId);
  const plainRun = cell.plainRunId === null ? undefined : runs.get(cell.plainRunId);
  const lastEpoch = Math.max(2, bnRun?.epochsTotal ?? 0, plainRun?.epochsTotal ?? 0, cell.rows.at(-1)?.epoch ?? 0);
  const xTicks = lastEpoch <= 10 ? undefined : [1, Math.round(lastEpoch / 2), lastEpoch];
  const testId = `lab.batchnorm.cell.${index}`;

  const outcome = (runId: number | null, run: RunSummary | undefined, series: 'bn' | 'plain'): { text: string; title?: string; why?: NoLearning } => {
    const value = lastAccuracy(cell.rows, series);
    if (runId === null) return { text: t('notStarted') };
    // Started, but the group's first refresh has not brought its summary yet.
    if (!run) return { text: value === null ? '…' : formatAccuracy(value) };
    // Only the runs without Batch Norm are expected not to learn; a Batch Norm run still at chance after a
    // short grid has not learned yet, for no reason this lab teaches.
    const learning = series === 'plain' ? learningOf(run) : null;
    if (learning && !learning.learned) {
      return { text: value === null ? words.t('didNotLearn') : `${formatAccuracy(value)} · ${words.t('didNotLearn')}`, why: learning.why };
    }
    // the stored failure is an English sentence of the table: said in the page's language
    if (run.status === 'failed') return { text: t('failed'), title: run.failure ? describeEngineMessage(lang, run.failure) : undefined };
    if (value !== null) return { text: formatAccuracy(value) };
    if (run.status === 'cancelled' || run.status === 'interrupted') return { text: t('stopped') };
    return { text: t('waiting') };
  };
  const bn = outcome(cell.bnRunId, bnRun, 'bn');
  const plain = outcome(cell.plainRunId, plainRun, 'plain');
  const notes = (['bn', 'plain'] as const).flatMap((series) => {
    const why = (series === 'bn' ? bn : plain).why;
    return why ? [{ series, why }] : [];
  });

  return (
    <figure
      className="bn-cell"
      data-testid={testId}
      data-scale={cell.key}
      data-bn-run={cell.bnRunId ?? undefined}
      data-plain-run={cell.plainRunId ?? undefined}
      data-bn-epochs={cell.rows.filter((r) => r.bn !== null).length}
      data-plain-epochs={cell.rows.filter((r) => r.plain !== null).length}
    >
      <figcaption className="bn-cell-title">{t('cellTitle', { scale: cell.key })}</figcaption>
      <div role="img" aria-label={t('cellLabel', { scale: cell.key })}>
        <LineChart responsive style={{ width: '100%', height: 120 }} data={cell.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
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
            height={20}
          />
          <YAxis domain={[0, 1]} ticks={Y_TICKS} interval={0} tick={AXIS_TICK} axisLine={AXIS_LINE} tickLine={AXIS_LINE} width={30} />
          <Line type="linear" dataKey="bn" stroke={BN_COLOR} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          <Line type="linear" dataKey="plain" stroke={PLAIN_COLOR} strokeWidth={2} strokeDasharray="5 3" dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </div>
      <div className="bn-cell-values">
        <span title={bn.title} data-testid={`${testId}.bn`} data-learned={bn.why ? 'no' : undefined}>
          <i className="bn-swatch bn-swatch--solid" aria-hidden="true" /> {bn.text}
        </span>
        <span title={plain.title} data-testid={`${testId}.plain`} data-learned={plain.why ? 'no' : undefined}>
          <i className="bn-swatch bn-swatch--dashed" aria-hidden="true" /> {plain.text}
        </span>
      </div>
      {notes.map(({ series, why }) => (
        <p key={series} className="bn-cell-note" data-testid={`${testId}.${series}.why`}>
          <i className={`bn-swatch bn-swatch--${series === 'bn' ? 'solid' : 'dashed'}`} aria-hidden="true" /> {words.t(`why.${why}`)}
        </p>
      ))}
    </figure>
  );
});
