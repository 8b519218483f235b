// im2col (book §7.4.3): every window of the walk as one row, the filter as one column, and the output
// as their product — the current window's row highlighted, so the learner sees the sliding windows
// turn into one matrix product.

import { filterColumn, im2colRows, type ConvolutionWalk, type Grid } from '../../../engine/labs/convolutionSteps';
import type { I18n } from '../../i18n/useI18n';
import { NumberGrid } from './NumberGrid';
import type { ConvolutionKey } from './text';

export interface Im2colCardProps {
  walk: ConvolutionWalk;
  filter: Grid[];
  step: number;
  text: I18n<ConvolutionKey>;
}

export function Im2colCard({ walk, filter, step, text }: Im2colCardProps) {
  const { t, num } = text;
  const rows = im2colRows(walk);
  const column = filterColumn(filter).map((v) => [v]);
  const output = walk.steps.map((s, i) => [i < step ? s.sum : null]);
  const current = step - 1;
  const fmt = (n: number) => num(n, 4);
  return (
    <section className="pg-card" data-testid="lab.convolution.im2col">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('im2colTitle')}</h3>
          <p className="pg-card-sub">{t('im2colSub')}</p>
        </div>
      </header>
      <p className="muted cv-im2col-shape" data-testid="lab.convolution.im2col.shape">
        {t('im2colShape', { rows: rows.length, cols: column.length })}
      </p>
      <div className="cv-im2col">
        <NumberGrid
          values={rows}
          testId="lab.convolution.im2col.matrix"
          format={fmt}
          caption={t('im2colMatrix')}
          small
          mark={(y) => (y === current ? 'window' : null)}
        />
        <span className="cv-op">·</span>
        <NumberGrid values={column} testId="lab.convolution.im2col.filter" format={fmt} caption={t('filterColumn')} small />
        <span className="cv-op">=</span>
        <NumberGrid
          values={output}
          testId="lab.convolution.im2col.output"
          format={fmt}
          caption={t('outputColumn')}
          small
          mark={(y) => (y === current ? 'current' : null)}
        />
      </div>
    </section>
  );
}
