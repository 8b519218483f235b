// One initialization's row of the lab: five small histograms, one per layer, on a shared range and a
// shared height so a layer that shrinks, saturates or dies is visible at a glance; under each, the
// activations' standard deviation and the share at the ends (sigmoid, tanh) or exactly at zero (ReLU).

import { memo } from 'react';
import type { ActivationResult } from '../../../engine/labs/activations';
import { useI18n } from '../../i18n/useI18n';
import { formatStd, HIST_H, HIST_W, histogramBars, layerShare } from './histogramView';
import { initText } from './text';

const AXIS = 14;

export interface HistogramRowProps {
  id: string;
  name: string;
  result: ActivationResult;
}

export const HistogramRow = memo(function HistogramRow({ id, name, result }: HistogramRowProps) {
  const { t, num } = useI18n(initText);
  const relu = result.settings.activation === 'relu';
  const pct = (v: number) => `${num(v * 100, 1)}%`;
  return (
    <div className="init-row" data-testid={`lab.init.row.${id}`}>
      <div className="init-row-head">
        <strong>{name}</strong>
        <span className="muted">{t('rowSigma', { sigma: formatStd(result.weightStd) })}</span>
      </div>
      <div className="init-row-charts">
        {result.layers.map((layer, i) => (
          <figure key={layer.layer} className="init-hist" data-testid={`lab.init.row.${id}.layer.${layer.layer}`}>
            <figcaption>{t('layer', { layer: layer.layer })}</figcaption>
            <svg viewBox={`0 0 ${HIST_W} ${HIST_H + AXIS}`} role="img" aria-label={t('histLabel', { layer: layer.layer, init: name })}>
              <line className="init-axis" x1={0} x2={HIST_W} y1={HIST_H} y2={HIST_H} />
              {histogramBars(result, i).map((bar) => (
                <rect key={bar.bin} className="init-bar" x={bar.x} width={bar.width} y={bar.y} height={bar.height}>
                  <title>{num(bar.count)}</title>
                </rect>
              ))}
              <text className="init-tick" x={0} y={HIST_H + AXIS - 2} textAnchor="start">
                {num(result.lo)}
              </text>
              <text className="init-tick" x={HIST_W} y={HIST_H + AXIS - 2} textAnchor="end">
                {num(result.hi)}
              </text>
            </svg>
            <div className="init-stats">
              <span data-testid={`lab.init.row.${id}.layer.${layer.layer}.std`}>{t('std', { value: formatStd(layer.std) })}</span>
              <span title={relu ? t('zerosHint') : t('endsHint')} data-testid={`lab.init.row.${id}.layer.${layer.layer}.share`}>
                {t(relu ? 'zeros' : 'ends', { value: pct(layerShare(result, i)) })}
              </span>
            </div>
          </figure>
        ))}
      </div>
    </div>
  );
});
