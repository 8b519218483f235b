// Where the trials sit: learning rate × weight decay on log axes (whole decades), each finished trial a
// dot coloured by its validation accuracy on a fixed 0…1 scale, trials still training as hollow circles.
// Plain SVG: two log axes and a few dozen circles need no chart library.

import { formatAccuracy } from '../../charts/format';
import { useI18n } from '../../i18n/useI18n';
import { accuracyColor, decadeDomain, decadeTicks, powerOfTen, type TrialResult } from './results';
import { hyperparamsText } from './text';

const W = 420;
const H = 300;
const M = { left: 58, right: 16, top: 14, bottom: 46 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const LEGEND_STOPS = [0, 0.25, 0.5, 0.75, 1];

export function SearchScatter({ results }: { results: readonly TrialResult[] }) {
  const { t } = useI18n(hyperparamsText);
  const placed = results.filter((r): r is TrialResult & { lr: number; weightDecay: number } => r.lr !== null && r.weightDecay !== null);
  const xDomain = decadeDomain(placed.map((r) => r.lr));
  const yDomain = decadeDomain(placed.map((r) => r.weightDecay));
  const finished = placed.filter((r) => r.status === 'done' && r.validationAcc !== null);
  const pending = placed.filter((r) => !(r.status === 'done' && r.validationAcc !== null) && r.status !== 'failed' && r.status !== 'cancelled');

  return (
    <section className="pg-card hp-scatter-card" data-testid="lab.hyperparams.scatter">
      <header className="pg-card-head">
        <div>
          <h3>{t('scatterTitle')}</h3>
          <p className="muted">{t('scatterSubtitle')}</p>
        </div>
      </header>
      {!xDomain || !yDomain ? (
        <p className="muted">{t('scatterEmpty')}</p>
      ) : (
        <svg className="hp-scatter" viewBox={`0 0 ${W} ${H + 34}`} role="img" aria-label={t('scatterLabel')} data-testid="lab.hyperparams.scatter.svg">
          {(() => {
            const x = (v: number) => M.left + ((Math.log10(v) - xDomain.min) / (xDomain.max - xDomain.min)) * PLOT_W;
            const y = (v: number) => M.top + PLOT_H - ((Math.log10(v) - yDomain.min) / (yDomain.max - yDomain.min)) * PLOT_H;
            const xTick = (e: number) => M.left + ((e - xDomain.min) / (xDomain.max - xDomain.min)) * PLOT_W;
            const yTick = (e: number) => M.top + PLOT_H - ((e - yDomain.min) / (yDomain.max - yDomain.min)) * PLOT_H;
            return (
              <>
                <rect x={M.left} y={M.top} width={PLOT_W} height={PLOT_H} className="hp-plot" />
                {decadeTicks(xDomain).map((e) => (
                  <g key={`x${e}`}>
                    <line x1={xTick(e)} x2={xTick(e)} y1={M.top} y2={M.top + PLOT_H} className="hp-grid" />
                    <text x={xTick(e)} y={M.top + PLOT_H + 16} textAnchor="middle" className="hp-tick">
                      {powerOfTen(e)}
                    </text>
                  </g>
                ))}
                {decadeTicks(yDomain).map((e) => (
                  <g key={`y${e}`}>
                    <line x1={M.left} x2={M.left + PLOT_W} y1={yTick(e)} y2={yTick(e)} className="hp-grid" />
                    <text x={M.left - 6} y={yTick(e) + 4} textAnchor="end" className="hp-tick">
                      {powerOfTen(e)}
                    </text>
                  </g>
                ))}
                <text x={M.left + PLOT_W / 2} y={H - 8} textAnchor="middle" className="hp-axis-label">
                  {t('lrAxis')}
                </text>
                <text x={14} y={M.top + PLOT_H / 2} textAnchor="middle" className="hp-axis-label" transform={`rotate(-90 14 ${M.top + PLOT_H / 2})`}>
                  {t('weightDecayAxis')}
                </text>
                {pending.map((r) => (
                  <circle
                    key={r.runId}
                    cx={x(r.lr)}
                    cy={y(r.weightDecay)}
                    r={5}
                    className="hp-point-pending"
                    data-testid={`lab.hyperparams.scatter.pending.${r.runId}`}
                  >
                    <title>{t('pointPending', { name: r.label })}</title>
                  </circle>
                ))}
                {finished.map((r) => (
                  <circle
                    key={r.runId}
                    cx={x(r.lr)}
                    cy={y(r.weightDecay)}
                    r={6}
                    fill={accuracyColor(r.validationAcc as number)}
                    className="hp-point"
                    data-testid={`lab.hyperparams.scatter.point.${r.runId}`}
                    data-acc={r.validationAcc as number}
                  >
                    <title>{t('point', { name: r.label, acc: formatAccuracy(r.validationAcc) })}</title>
                  </circle>
                ))}
                <ColourLegend x={M.left} y={H + 4} width={PLOT_W} label={t('colourScale')} />
              </>
            );
          })()}
        </svg>
      )}
    </section>
  );
}

function ColourLegend({ x, y, width, label }: { x: number; y: number; width: number; label: string }) {
  const bar = Math.min(180, width / 2);
  return (
    <g>
      <defs>
        <linearGradient id="hp-accuracy-scale" x1="0" x2="1" y1="0" y2="0">
          {Array.from({ length: 11 }, (_, i) => (
            <stop key={i} offset={`${i * 10}%`} stopColor={accuracyColor(i / 10)} />
          ))}
        </linearGradient>
      </defs>
      <text x={x} y={y + 11} className="hp-tick">
        {label}
      </text>
      <rect x={x + width - bar} y={y + 2} width={bar} height={10} fill="url(#hp-accuracy-scale)" rx={2} />
      {LEGEND_STOPS.map((s) => (
        <text key={s} x={x + width - bar + s * bar} y={y + 26} textAnchor="middle" className="hp-tick">
          {s}
        </text>
      ))}
    </g>
  );
}
