// The initialization lab (book §6.2): activation histograms of 5 layers for std 1, 0.01, Xavier and He
// initial weights with sigmoid, tanh or ReLU, computed by the engine from a seed; then the book's
// initial weights compared on MNIST in lockstep.

import './init.css';
import { useMemo, useRef } from 'react';
import { useRemembered } from '../common/remembered';
import { ACTIVATIONS, INITS, simulateActivations, type ActivationName, type ActivationResult } from '../../../engine/labs/activations';
import type { InitSetting } from '../../../engine/init';
import { SEED_MAX } from '../../../main/api/constants';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { HistogramRow } from './HistogramRow';
import { InitRace } from './InitRace';
import { initKey, initText } from './text';

const SIGMAS: Record<string, string> = { '1': 'σ = 1', '0.01': 'σ = 0.01', xavier: 'σ = √(1/n)', he: 'σ = √(2/n)' };

export function InitLab() {
  const { t, num } = useI18n(initText);
  const [activation, setActivation] = useRemembered<ActivationName>('init.activation', 'sigmoid', (v) => (ACTIVATIONS as readonly unknown[]).includes(v));
  const [shown, setShown] = useRemembered<readonly InitSetting[]>(
    'init.shown',
    INITS,
    (v) => Array.isArray(v) && v.every((x) => (INITS as readonly unknown[]).includes(x)),
  );
  const [seedText, setSeedText] = useRemembered('init.seed', '1');
  const seed = /^\s*\d+\s*$/.test(seedText) && Number(seedText) <= SEED_MAX ? Number(seedText) : null;
  // Each row is ~80 ms of arithmetic: computed once per (activation, init, seed) and kept.
  const cache = useRef(new Map<string, ActivationResult>());
  const rows = useMemo(() => {
    if (seed === null) return [];
    // eslint-disable-next-line react-hooks/refs -- a cache of pure results: reading and filling it while rendering changes nothing shown
    return INITS.filter((init) => shown.includes(init)).map((init) => {
      const key = `${activation}|${init}|${seed}`;
      let result = cache.current.get(key);
      if (!result) {
        result = simulateActivations({ activation, init, seed });
        cache.current.set(key, result);
      }
      return { init, result };
    });
  }, [activation, shown, seed]);
  const toggle = (init: InitSetting, on: boolean) =>
    setShown((list) => (on ? INITS.filter((i) => i === init || list.includes(i)) : list.filter((i) => i !== init)));
  const formula = ['a = x·W,  z = h(a)', 'W ~ N(0, σ²),  n = 100', ...INITS.map((init) => `${t(initKey(init))}: ${SIGMAS[String(init)]}`)];
  const range = activation === 'sigmoid' ? '(0, 1)' : '(−1, 1)';

  return (
    <LabFrame id="init" chapter="6.2" title={t('title')} idea={[t('idea1'), t('idea2'), t('idea3')]} formula={formula}>
      <section className="pg-card" data-testid="lab.init.histograms">
        <header className="pg-card-head">
          <div>
            <h3>{t('histTitle')}</h3>
            <p className="muted">
              {activation === 'relu'
                ? t('histSubtitleRelu', { samples: num(1000), units: 100, bins: 30 })
                : t('histSubtitle', { samples: num(1000), units: 100, bins: 30, range })}
            </p>
          </div>
        </header>
        <div className="lab-controls init-controls">
          <fieldset className="lab-choices">
            <legend>{t('activation')}</legend>
            {ACTIVATIONS.map((a) => (
              <label key={a} className="lab-choice">
                <input
                  type="radio"
                  name="init-activation"
                  checked={activation === a}
                  onChange={() => setActivation(a)}
                  data-testid={`lab.init.activation.${a}`}
                />
                {t(`activation.${a}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="lab-choices">
            <legend>{t('inits')}</legend>
            {INITS.map((init) => (
              <label key={String(init)} className="lab-choice">
                <input type="checkbox" checked={shown.includes(init)} onChange={(e) => toggle(init, e.target.checked)} data-testid={`lab.init.show.${init}`} />
                {t(initKey(init))}
              </label>
            ))}
          </fieldset>
          <label className="pg-field init-seed">
            {t('seed')}
            <input value={seedText} onChange={(e) => setSeedText(e.target.value)} inputMode="numeric" data-testid="lab.init.seed" />
          </label>
        </div>
        {seed === null ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.init.seed.problem">
            {t('badSeed', { max: String(SEED_MAX) })}
          </p>
        ) : null}
        {rows.map(({ init, result }) => (
          <HistogramRow key={String(init)} id={String(init)} name={t(initKey(init))} result={result} />
        ))}
      </section>
      <InitRace title={t('title')} />
    </LabFrame>
  );
}
