// A titled card around a chart, with an optional "Save as PNG" action that renders the chart's SVG and
// saves it through the app's save dialog (a download in the browser), and the chart's text alternatives:
// its numbers as a table (a toggle) and a sentence of its latest values for screen readers.

import { useRef, useState, type ReactNode } from 'react';
import { pagesText, useI18n } from '../i18n/useI18n';
import { savePng as saveChartPng } from './download';
import { chartToPng } from './svgImage';
import { ChartTable, type ChartTableData } from './ChartTable';
import { SeriesLegend, type LegendItem } from './SeriesLegend';

export interface ChartCardProps {
  title: string;
  subtitle?: string;
  testId?: string;
  /** File name for the PNG export; no export button when absent. */
  pngName?: string;
  legend?: readonly LegendItem[];
  /** Shows the legend above the chart too (not only in the PNG): for a chart that stands alone, such as a lab's race. */
  showLegend?: boolean;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** The chart's numbers: a "Table" toggle shows them in place of the curves. */
  table?: ChartTableData;
  /** One sentence of the latest values, read by screen readers (visually hidden). */
  summary?: string;
}

export function ChartCard({ title, subtitle, testId, pngName, legend, showLegend, actions, children, className, table, summary }: ChartCardProps) {
  const { t } = useI18n(pagesText);
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  const showTable = asTable && table !== undefined;

  async function savePng(): Promise<void> {
    const svg = body.current?.querySelector<SVGSVGElement>('svg.recharts-surface, svg[data-chart]');
    if (!svg || !pngName) return;
    try {
      setError(null);
      // The native save dialog in the app, a download in the browser.
      await saveChartPng(pngName, await chartToPng(svg, { title, legend: legend ? [...legend] : [] }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className={`pg-card pg-chart-card ${className ?? ''}`} data-testid={testId}>
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{title}</h3>
          {subtitle && <p className="pg-card-sub">{subtitle}</p>}
        </div>
        <div className="pg-card-actions">
          {actions}
          {table && (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              aria-pressed={asTable}
              onClick={() => setAsTable((shown) => !shown)}
              data-testid={testId ? `${testId}.tableToggle` : undefined}
            >
              {t('chart.asTable')}
            </button>
          )}
          {pngName && !showTable && (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => void savePng()} data-testid={testId ? `${testId}.png` : undefined}>
              {t('chart.savePng')}
            </button>
          )}
        </div>
      </header>
      {error && <p className="pg-error-text">{error}</p>}
      {showLegend && legend && legend.length > 0 && (
        <div data-testid={testId ? `${testId}.legend` : undefined}>
          <SeriesLegend items={legend} inline />
        </div>
      )}
      {summary && (
        <p className="visually-hidden" data-testid={testId ? `${testId}.summary` : undefined}>
          {summary}
        </p>
      )}
      <div ref={body} className="pg-chart-body">
        {showTable ? <ChartTable caption={title} data={table} testId={testId ? `${testId}.table` : undefined} /> : children}
      </div>
    </section>
  );
}
