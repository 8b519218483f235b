// The optimizer lab (book §6.1): every optimizer's path down f(x, y) = x²/20 + y² from (−7, 2), with
// editable learning rates and a step slider, then the same optimizers racing on MNIST in lockstep.

import './optimizers.css';
import { useMemo, useState } from 'react';
import { useRemembered } from '../common/remembered';
import { checkLearningRate, CONTOUR_LEVELS, optimizerPath, PATH_LEARNING_RATES, PATH_STEPS } from '../../../engine/labs/optimizerPaths';
import { findOptimizerType } from '../../../engine/optimizers/registry';
import { seriesColor } from '../../charts/chartTheme';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { ContourPlot, type ShownPath } from './ContourPlot';
import { BOOK_OPTIMIZERS, OPTIMIZER_ORDER } from './experiments';
import { OptimizerRace } from './OptimizerRace';
import { PathTable, type PathRow } from './PathTable';
import { optimizersText } from './text';

const FORMULA = [
  'SGD:  W ← W − η·∂L/∂W',
  'Momentum:  v ← αv − η·∂L/∂W',
  '           W ← W + v',
  'AdaGrad:  h ← h + ∂L/∂W ⊙ ∂L/∂W',
  '          W ← W − η·∂L/∂W / √h',
  'Adam:  m ← β₁m + (1−β₁)g',
  '       v ← β₂v + (1−β₂)g²',
  '       W ← W − η·m̂ / (√v̂ + ε)',
  'f(x, y) = x²/20 + y²',
  '∇f = (x/10, 2y)',
];

/** A typed learning rate: the number, or NaN for anything that is not plainly one. */
const parseRate = (text: string) => (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN);

export function OptimizersLab() {
  const { t, num } = useI18n(optimizersText);
  const [rates, setRates] = useRemembered<Record<string, string>>('optimizers.paths.rates', () =>
    Object.fromEntries(OPTIMIZER_ORDER.map((type) => [type, String(PATH_LEARNING_RATES[type])])),
  );
  const [shown, setShown] = useRemembered<Record<string, boolean>>('optimizers.paths.shown', () =>
    Object.fromEntries(OPTIMIZER_ORDER.map((type) => [type, BOOK_OPTIMIZERS.includes(type)])),
  );
  const [step, setStep] = useState(PATH_STEPS);

  const rows: PathRow[] = useMemo(
    () =>
      OPTIMIZER_ORDER.map((type, i) => {
        const lr = parseRate(rates[type]!);
        const problem = checkLearningRate(type, lr);
        const max = findOptimizerType(type)?.fields.find((f) => f.name === 'lr')?.max ?? Infinity;
        return {
          type,
          label: findOptimizerType(type)?.label ?? type,
          color: seriesColor(i),
          shown: shown[type]!,
          lrText: rates[type]!,
          lrError: problem ? t(`lr.${problem}`, { max: num(max) }) : null,
          path: problem ? null : optimizerPath(type, lr),
        };
      }),
    [rates, shown, t, num],
  );
  const plotted: ShownPath[] = rows.filter((r) => r.shown && r.path).map((r) => ({ path: r.path!, color: r.color, label: r.label }));
  const levels = CONTOUR_LEVELS.map((c) => num(c)).join(', ');

  return (
    <LabFrame id="optimizers" chapter="6.1" title={t('title')} idea={[t('idea1'), t('idea2'), t('idea3')]} formula={FORMULA}>
      <section className="pg-card" data-testid="lab.optimizers.paths">
        <header className="pg-card-head">
          <div>
            <h3>{t('pathsTitle')}</h3>
            <p className="muted">{t('pathsSubtitle', { levels })}</p>
          </div>
        </header>
        <ContourPlot paths={plotted} step={step} label={t('plotLabel')} minimumLabel={t('minimum')} />
        <PathTable
          rows={rows}
          step={step}
          onStep={setStep}
          onShow={(type, on) => setShown((s) => ({ ...s, [type]: on }))}
          onLearningRate={(type, text) => setRates((r) => ({ ...r, [type]: text }))}
        />
      </section>
      <OptimizerRace title={t('title')} />
    </LabFrame>
  );
}
