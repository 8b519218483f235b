// The model inside a weights file as a layer list: each layer, its output shape, its parameters by the
// book's names with their shapes, and how many numbers it learned.

import type { ModelPlan } from '../../engine/model';
import { formatShape } from '../../engine/tensor';
import { formatAccuracy, formatSetting } from '../charts/format';
import { pagesText, useI18n } from '../i18n/useI18n';
import { describeLayer } from '../dashboard/describeModel';

export function ModelView({ plan, meta, name }: { plan: ModelPlan; meta: Record<string, unknown>; name: string }) {
  const { t, lang, locale } = useI18n(pagesText);
  const facts: [string, string][] = [];
  if (typeof meta.data === 'string') facts.push([t('weights.metaData'), meta.data]);
  if (typeof meta.epochs === 'number') facts.push([t('weights.metaEpochs'), String(meta.epochs)]);
  if (typeof meta.testAcc === 'number') facts.push([t('weights.metaTestAcc'), formatAccuracy(meta.testAcc)]);
  if (typeof meta.app === 'string') facts.push([t('weights.metaApp'), meta.app]);
  return (
    <section className="pg-card" data-testid="weights.model">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{name}</h3>
          <p className="pg-card-sub">
            {t('weights.modelSummary', {
              layers: plan.layers.length,
              params: plan.paramCount.toLocaleString(locale),
              input: formatShape(plan.input),
              classes: plan.classes,
            })}
          </p>
        </div>
      </header>
      {facts.length > 0 && (
        <dl className="pg-facts-row">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{formatSetting(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="pg-table-scroll">
        <table className="pg-table pg-layer-table">
          <thead>
            <tr>
              <th className="pg-num">#</th>
              <th>{t('weights.layer')}</th>
              <th>{t('weights.output')}</th>
              <th>{t('weights.params')}</th>
              <th className="pg-num">{t('weights.count')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="muted">
              <td className="pg-num">0</td>
              <td>{t('weights.input')}</td>
              <td className="mono">{formatShape(plan.input)}</td>
              <td />
              <td />
            </tr>
            {plan.layers.map((layer) => (
              <tr key={layer.index} data-testid={`weights.model.layer.${layer.index}`}>
                <td className="pg-num">{layer.index + 1}</td>
                <td>
                  <strong>{layer.layerType.text[lang].label}</strong> <span className="muted mono">{describeLayer(plan.spec.layers[layer.index]!)}</span>
                </td>
                <td className="mono">{formatShape(layer.outputShape)}</td>
                <td className="mono">
                  {[...layer.params, ...layer.buffers].map((p) => (
                    <span key={p.name} className="pg-param">
                      {p.name} <span className="muted">{formatShape(p.shape)}</span>
                    </span>
                  ))}
                </td>
                <td className="pg-num">{layer.paramCount ? layer.paramCount.toLocaleString(locale) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
